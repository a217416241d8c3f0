// `faxbot send --template`: the template named (any case, or its id) is on the sent cover; a
// name that is no template stops the command before anything is queued, listing the templates.
import { writeFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../main/cli';
import { createEngine, createLogger, loadConfig } from '../../main/engine';
import { DELIVERS, FAST_SIMULATOR_ENV, makeTempDir } from '../headless/fixtures';
import { pdftotext } from './coverFixtures';

async function withEngine<T>(dataDir: string, work: (engine: Awaited<ReturnType<typeof createEngine>>) => Promise<T>): Promise<T> {
  const engine = await createEngine({
    config: loadConfig({}, { ...FAST_SIMULATOR_ENV, FAX_DATA_DIR: dataDir }),
    logger: createLogger({ level: 'error' }),
    headless: true,
  });
  try {
    return await work(engine);
  } finally {
    await engine.close();
  }
}

async function runMain(argv: string[], dataDir: string) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    env: { ...FAST_SIMULATOR_ENV, FAX_DATA_DIR: dataDir },
  });
  return { code, stdout, stderr };
}

describe('faxbot send --template', () => {
  let dir: string;
  let data: string;
  let referral: string;
  beforeAll(async () => {
    dir = await makeTempDir('cover-cli');
    data = join(dir, 'data');
    referral = join(dir, 'referral.txt');
    await writeFile(referral, 'Referral for Amy Lee.\n');
    await withEngine(data, (engine) =>
      engine.call('saveCoverTemplate', {
        name: 'Letterhead',
        layout: 'letterhead',
        practice: { name: 'Riverside Family Clinic', address: '', phone: '', fax: '', email: '' },
        notice: '',
        fields: { recipient: true, sender: true, date: true, pages: true, subject: true, notes: true },
        logo: 'keep',
      }),
    );
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('puts the named template on the cover of the sent fax', async () => {
    const { code, stdout, stderr } = await runMain(['send', '--to', DELIVERS, '--template', 'letterhead', '--wait', referral], data);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/2 pages with the cover page/);
    const id = /Fax ([\w-]+) to/.exec(stdout)![1];
    const pdf = await withEngine(data, async (engine) => (await engine.call('getJobDocument', { id })).pdfBase64);
    expect(pdftotext(new Uint8Array(Buffer.from(pdf, 'base64')))).toContain('Riverside Family Clinic');
  });

  it('stops before queueing anything when no template has that name', async () => {
    const before = await withEngine(data, async (engine) => (await engine.call('listJobs', { limit: 1 })).total);
    const { code, stderr } = await runMain(['send', '--to', DELIVERS, '--template', 'Fancy', referral], data);
    expect(code).not.toBe(0);
    expect(stderr).toContain('There is no cover page template "Fancy". The templates are: Plain, Letterhead (Settings → Cover pages).');
    expect(await withEngine(data, async (engine) => (await engine.call('listJobs', { limit: 1 })).total)).toBe(before);
  });
});
