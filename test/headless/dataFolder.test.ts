// What a real `faxbot serve` makes in a new data folder, held to README's "Where data lives"
// table; and which printer folder it watches: its own Outbox for a data folder of its own,
// <home>/Faxbot/Outbox only for the default one (issue 20: every instance watched the latter).
import { copyFile, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { startFaxbot, type CliRun } from './cliRunner';
import { FAST_SIMULATOR_ENV, makeTempDir } from './fixtures';

const README = fileURLToPath(new URL('../../README.md', import.meta.url));
const SAMPLE_PDF = fileURLToPath(new URL('../fixtures/pdfs/rotation.pdf', import.meta.url));
const made: string[] = [];
afterAll(async () => {
  for (const dir of made) await rm(dir, { recursive: true, force: true });
});

interface ReadmeRow {
  names: string[];
  when: string;
}

/** The rows of the table under "## Where data lives": each name in backticks, and its "when". */
async function readmeDataFolderTable(): Promise<ReadmeRow[]> {
  const text = await readFile(README, 'utf8');
  const section = text.slice(text.indexOf('## Where data lives'), text.indexOf('| how Faxbot runs | default data folder |'));
  const rows = section.split('\n').filter((line) => /^\| `/.test(line));
  expect(rows.length, 'the README table of the data folder').toBeGreaterThan(5);
  return rows.map((line) => {
    const [names, when] = line.split(' | ');
    return { names: [...names.matchAll(/`([^`]+)`/g)].map((match) => match[1]), when: when.trim() };
  });
}

/** A README name as a pattern: `faxbot.config.<time>.json` stands for any time. */
const named = (rows: ReadmeRow[], entry: string) =>
  rows.some((row) => row.names.some((name) => new RegExp(`^${name.replace(/[.]/g, '\\.').replace(/<[^>]+>/g, '[^/]+')}$`).test(entry)));

/** The data folder's top level, folders with a trailing slash, as the README writes them. */
async function listing(dataDir: string): Promise<string[]> {
  const entries = await readdir(dataDir, { withFileTypes: true });
  return entries.map((entry) => (entry.isDirectory() ? `${entry.name}/` : entry.name)).sort();
}

async function stop(serve: CliRun): Promise<void> {
  serve.child.kill('SIGTERM');
  expect(await serve.exited).toBe(0);
}

describe('a new data folder', () => {
  it("holds what README's table lists, and nothing it does not", async () => {
    const rows = await readmeDataFolderTable();
    const dataDir = join(await makeTempDir('data-folder'), 'data');
    made.push(dataDir);
    // As a person starts it: watching on, the key file in the folder.
    const serve = startFaxbot(['serve', '--port', '0', '--data-dir', dataDir], {
      ...FAST_SIMULATOR_ENV,
      FAXBOT_WATCH: 'true',
      FAXBOT_MASTER_KEY: '',
    });
    let running: string[];
    try {
      await serve.waitForOutput(/Open the address above/);
      running = await listing(dataDir);
      await stop(serve);
    } finally {
      serve.child.kill('SIGKILL');
    }
    const stopped = await listing(dataDir);

    for (const entry of new Set([...running, ...stopped])) expect(named(rows, entry), `${entry} is not in README's table`).toBe(true);
    for (const row of rows.filter((r) => r.when.startsWith('always')))
      for (const name of row.names) expect(stopped, `README says ${name} is always there`).toContain(name);
    for (const row of rows.filter((r) => r.when === 'while running'))
      for (const name of row.names) expect(stopped, `README says ${name} is there only while running`).not.toContain(name);
  });
});

describe('the watched printer folder', () => {
  it('is the data folder’s own Outbox for a data folder given with --data-dir: said at start, and watched', async () => {
    const dataDir = join(await makeTempDir('watch-own'), 'data');
    made.push(dataDir);
    const serve = startFaxbot(['serve', '--port', '0', '--data-dir', dataDir], { ...FAST_SIMULATOR_ENV, FAXBOT_WATCH: 'true' });
    try {
      const [, url, token] = await serve.waitForOutput(/Faxbot is running: (http:\/\/127\.0\.0\.1:\d+)\/\?token=(\S+)\n/);
      const outbox = join(dataDir, 'Outbox');
      await serve.waitForOutput(/Watched folder: .*\n/);
      expect(serve.stdout()).toContain(`Watched folder: ${outbox} (this data folder's own;`);
      await copyFile(SAMPLE_PDF, join(outbox, 'referral.pdf'));
      const status = async () => {
        const reply = await fetch(`${url}/rpc/getHotFolder`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
        return (await reply.json()).result as { folder: string; waiting: { documents: { fileName: string }[] }[] };
      };
      const deadline = Date.now() + 20_000;
      let seen = await status();
      while (seen.waiting.length === 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        seen = await status();
      }
      expect(seen.folder).toBe(outbox);
      expect(seen.waiting.flatMap((pickup) => pickup.documents.map((document) => document.fileName))).toEqual(['referral.pdf']);
      await stop(serve);
    } finally {
      serve.child.kill('SIGKILL');
    }
  });

  it('is <home>/Faxbot/Outbox for the default data folder, and FAXBOT_WATCH_DIR names another', async () => {
    const home = await makeTempDir('watch-home');
    made.push(home);
    const env = { ...FAST_SIMULATOR_ENV, FAXBOT_WATCH: 'true', HOME: home, XDG_DATA_HOME: join(home, '.local', 'share') };
    const byDefault = startFaxbot(['serve', '--port', '0'], env);
    try {
      await byDefault.waitForOutput(/Watched folder: .*\n/);
      expect(byDefault.stdout()).toContain(`Data folder: ${join(home, '.local', 'share', 'faxbot')}\n`);
      expect(byDefault.stdout()).toContain(`Watched folder: ${join(home, 'Faxbot', 'Outbox')} (where the Faxbot printer saves)\n`);
      await stop(byDefault);
    } finally {
      byDefault.child.kill('SIGKILL');
    }

    const printed = join(home, 'printed');
    await mkdir(printed);
    const named = startFaxbot(['serve', '--port', '0', '--data-dir', join(home, 'second')], { ...env, FAXBOT_WATCH_DIR: printed });
    try {
      await named.waitForOutput(/Watched folder: .*\n/);
      expect(named.stdout()).toContain(`Watched folder: ${printed} (from FAXBOT_WATCH_DIR)\n`);
      await stop(named);
    } finally {
      named.child.kill('SIGKILL');
    }
    expect(await readdir(join(home, 'second'))).not.toContain('Outbox');
  });

  it('is off with FAXBOT_WATCH=false, and serve says so', async () => {
    const dataDir = join(await makeTempDir('watch-off'), 'data');
    made.push(dataDir);
    const serve = startFaxbot(['serve', '--port', '0', '--data-dir', dataDir], { ...FAST_SIMULATOR_ENV, FAXBOT_WATCH: 'false' });
    try {
      await serve.waitForOutput(/Watched folder: .*\n/);
      expect(serve.stdout()).toContain('Watched folder: off (FAXBOT_WATCH=false); printed documents are not picked up\n');
      await stop(serve);
    } finally {
      serve.child.kill('SIGKILL');
    }
    expect(await readdir(dataDir)).not.toContain('Outbox');
  });
});
