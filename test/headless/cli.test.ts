import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../main/cli';
import { createEngine, dispatch, loadConfig } from '../../main/engine';
import { runFaxbot, startFaxbot } from './cliRunner';
import { DELIVERS, FAILS_PERMANENTLY, FAST_SIMULATOR_ENV, makeTempDir } from './fixtures';
import { testLogger } from '../support/testLog';

/** The jobs recorded in a data folder, read through a real engine. */
async function jobsIn(dataDir: string): Promise<{ id: string; to: string; status: string }[]> {
  const engine = await createEngine({
    config: loadConfig({}, { ...FAST_SIMULATOR_ENV, FAX_DATA_DIR: dataDir }),
    logger: testLogger('error'),
    headless: true,
  });
  try {
    const reply = await dispatch(engine, 'listJobs', {});
    if (!reply.ok) throw new Error(reply.error.message);
    return (reply.result as { items: { id: string; to: string; status: string }[] }).items;
  } finally {
    await engine.close();
  }
}

/** main() in process, with what it printed. */
async function runMain(argv: string[], env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    env: { ...FAST_SIMULATOR_ENV, ...env },
  });
  return { code, stdout, stderr };
}

describe('faxbot command: help and usage', () => {
  it('prints the command list for --help, -h, help and no command', async () => {
    for (const argv of [['--help'], ['-h'], ['help'], []]) {
      const { code, stdout, stderr } = await runMain(argv);
      expect(code, argv.join(' ')).toBe(0);
      expect(stdout).toMatch(/Usage: faxbot <command>/);
      expect(stdout).toMatch(/\n {2}serve /);
      expect(stdout).toMatch(/\n {2}send /);
      expect(stderr).toBe('');
    }
  });

  it('lists only the commands that exist', async () => {
    const { stdout } = await runMain(['--help']);
    const listed = [...stdout.matchAll(/\n {2}([a-z]+) {2,}/g)].map((match) => match[1]!);
    expect(listed).toContain('printer');
    for (const name of listed) expect((await runMain([name, '--help'])).code, name).toBe(0);
  });

  it("prints each command's help for --help and for help <command>", async () => {
    for (const command of ['serve', 'send', 'mcp', 'audit', 'help']) {
      const flag = await runMain([command, '--help']);
      expect(flag.code).toBe(0);
      expect(flag.stdout).toContain(`Usage: faxbot ${command}`);
      const topic = await runMain(['help', command]);
      expect(topic.stdout).toBe(flag.stdout);
    }
    expect((await runMain(['send', '-h'])).stdout).toContain('--to NUMBER');
    expect((await runMain(['serve', '--help'])).stdout).toContain('--port N');
  });

  it('prints the version', async () => {
    const { code, stdout } = await runMain(['--version']);
    expect(code).toBe(0);
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('exits 2 with the usage on stderr for an unknown command, topic or option', async () => {
    const unknown = await runMain(['fly']);
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toContain('There is no command called "fly"');
    expect(unknown.stderr).toContain('Usage: faxbot <command>');

    expect((await runMain(['help', 'fly'])).code).toBe(2);
    const badOption = await runMain(['send', '--too', '+12025550143', 'a.pdf']);
    expect(badOption.code).toBe(2);
    expect(badOption.stderr).toContain('faxbot send --help');
    expect((await runMain(['serve', 'extra'])).code).toBe(2);
  });

  it('exits 2 when send lacks --to or files, and for a --port that is not a port', async () => {
    const noTo = await runMain(['send', 'a.pdf']);
    expect(noTo.code).toBe(2);
    expect(noTo.stderr).toContain('--to NUMBER');
    const noFiles = await runMain(['send', '--to', DELIVERS]);
    expect(noFiles.code).toBe(2);
    expect(noFiles.stderr).toContain('at least one file');
    const emptyTo = await runMain(['send', '--to', '', 'a.pdf']);
    expect(emptyTo.code).toBe(2);
    for (const port of ['http', '-1', '70000', '80.5', '']) {
      const bad = await runMain(['serve', '--port', port]);
      expect(bad.code, port).toBe(2);
      expect(bad.stderr, port).toMatch(/not a port|argument missing|--port/);
    }
  });

  it('exits 1 with the message for a bad environment value', async () => {
    const dir = await makeTempDir('cli-env');
    const { code, stderr } = await runMain(['serve'], { FAX_DATA_DIR: dir, FAXBOT_PORT: 'eighty' });
    expect(code).toBe(1);
    expect(stderr).toContain('FAXBOT_PORT=eighty is not usable');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('runs the launcher bin/faxbot.js: --help exits 0, an unknown command exits 2', async () => {
    const help = await runFaxbot(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: faxbot <command>');
    const unknown = await runFaxbot(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('There is no command called "frobnicate"');
  });

  // `npm test` builds before it runs vitest; a bare `vitest run` in a fresh clone has no out/.
  const built = fileURLToPath(new URL('../../out/main/cli.js', import.meta.url));
  it.skipIf(!existsSync(built))('runs the built CLI (out/main/cli.js) when it exists', async () => {
    const version = await runFaxbot(['--version'], {}, { fromSource: false });
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const unknown = await runFaxbot(['frobnicate'], {}, { fromSource: false });
    expect(unknown.code).toBe(2);
  });
});

describe('faxbot send, through the simulator', () => {
  let dir: string;
  let referral: string;
  beforeAll(async () => {
    dir = await makeTempDir('cli-send');
    referral = join(dir, 'referral.txt');
    await writeFile(referral, 'Referral for Amy Lee.\nPlease call back.\n');
  });
  afterAll(async () => {
    const { rm } = await import('node:fs/promises');
    await rm(dir, { recursive: true, force: true });
  });
  const env = () => ({ ...FAST_SIMULATOR_ENV, FAX_DATA_DIR: join(dir, 'data') });

  it('sends to a number that answers and, with --wait, exits 0 once delivered', async () => {
    const { code, stdout, stderr } = await runFaxbot(
      ['send', '--to', DELIVERS, '--name', 'Dr. Amy Lee', '--subject', 'Referral', '--wait', referral],
      env(),
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('referral.txt: 1 page (text)');
    expect(stdout).toMatch(/Fax [\w-]+ to \+1 202 555 0143 \(Dr\. Amy Lee\), 2 pages with the cover page: queued/);
    expect(stdout).toMatch(/: delivered/);
  });

  it('shows every page going out, the last one included, before "delivered"', async () => {
    const fourteenPages = fileURLToPath(new URL('../fixtures/pdfs/tracemonkey.pdf', import.meta.url));
    const { code, stdout } = await runMain(['send', '--to', DELIVERS, '--wait', fourteenPages], { FAX_DATA_DIR: join(dir, 'pages') });
    expect(code).toBe(0);
    const progress = stdout.split('\n').filter((line) => /: (sending page|delivered)/.test(line));
    expect(progress.at(-1)).toMatch(/: delivered, 14 pages$/);
    expect(progress.at(-2)).toMatch(/: sending page 14 of 14$/);
  });

  it('exits 1 with the reason when the fax fails', async () => {
    const { code, stdout, stderr } = await runFaxbot(['send', '--to', FAILS_PERMANENTLY, '--wait', referral], env());
    expect(code).toBe(1);
    expect(stdout).not.toMatch(/: delivered/);
    expect(stderr).toMatch(/^Fax [\w-]+ failed: .+\.\n$/);
  });

  it('keeps waiting through a busy line and exits 0 when the retry is delivered', async () => {
    const { code, stdout } = await runFaxbot(['send', '--to', '+1 202 555 0111', '--wait', referral], env());
    expect(code).toBe(0);
    expect(stdout).toMatch(/waiting to retry: .+busy/i);
    expect(stdout).toMatch(/: delivered/);
  });

  it('without --wait, hands the fax to the provider, says so and exits 0', async () => {
    const data = join(dir, 'no-wait');
    const { code, stdout } = await runFaxbot(['send', '--to', DELIVERS, referral], { ...env(), FAX_DATA_DIR: data });
    expect(code).toBe(0);
    expect(stdout).toMatch(/Handed over|delivered/);
    const id = /Fax ([\w-]+) to/.exec(stdout)?.[1];
    const jobs = await jobsIn(data);
    expect(jobs).toEqual([expect.objectContaining({ id, to: '+12025550143' })]);
    expect(jobs[0].status).not.toBe('queued');
  });

  it('stops waiting on Ctrl+C with exit 130, leaving the fax queued', async () => {
    const data = join(dir, 'interrupted');
    // Never answers, and the next attempt is a minute away: the command is waiting for sure.
    const send = startFaxbot(['send', '--to', '+1 202 555 0122', '--wait', referral], {
      ...env(),
      FAX_DATA_DIR: data,
      FAXBOT_RETRY_BASE_MS: '60000',
    });
    try {
      await send.waitForOutput(/waiting to retry/);
      send.child.kill('SIGINT');
      expect(await send.exited).toBe(130);
      expect(send.stderr()).toMatch(/Stopped waiting\. Fax [\w-]+ stays in the queue/);
    } finally {
      send.child.kill('SIGKILL');
    }
    expect(await jobsIn(data)).toHaveLength(1);
  });

  it('exits 1 with the reason for a bad number, and queues nothing', async () => {
    const data = join(dir, 'bad-number');
    for (const to of ['12', '+1 555 0100', 'call me']) {
      const { code, stdout, stderr } = await runFaxbot(['send', '--to', to, '--wait', referral], { ...env(), FAX_DATA_DIR: data });
      expect(code, to).toBe(1);
      expect(stdout, to).not.toContain('Fax ');
      expect(stderr.trim().split('\n'), to).toHaveLength(1);
      expect(stderr, to).toMatch(/too short|letters/);
    }
    expect(await jobsIn(data)).toEqual([]);
  });

  it('exits 1 with one line for a missing file, a folder, or an unsupported file', async () => {
    const missing = await runMain(['send', '--to', DELIVERS, join(dir, 'nope.pdf')], { FAX_DATA_DIR: join(dir, 'data') });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(`faxbot: Cannot find ${join(dir, 'nope.pdf')}: check the file name and folder.\n`);

    const folder = await runMain(['send', '--to', DELIVERS, dir], { FAX_DATA_DIR: join(dir, 'data') });
    expect(folder.code).toBe(1);
    expect(folder.stderr).toContain('is a folder');

    const program = join(dir, 'setup.exe');
    await writeFile(program, Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0xff, 0xff]));
    const unsupported = await runMain(['send', '--to', DELIVERS, program], { FAX_DATA_DIR: join(dir, 'data') });
    expect(unsupported.code).toBe(1);
    expect(unsupported.stderr.trim().split('\n')).toHaveLength(1);
    expect(unsupported.stderr).toMatch(/^faxbot: /);
  });

  it('refuses a file over MAX_FILE_SIZE_MB without reading it', async () => {
    const big = join(dir, 'big.txt');
    await writeFile(big, Buffer.alloc(1024 * 1024 + 1, 'a'));
    const { code, stderr } = await runMain(['send', '--to', DELIVERS, big], { FAX_DATA_DIR: join(dir, 'data'), MAX_FILE_SIZE_MB: '1' });
    expect(code).toBe(1);
    expect(stderr).toContain('a file can be up to 1 MB (MAX_FILE_SIZE_MB)');
  });
});
