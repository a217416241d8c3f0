// A `faxbot send` that is refused (issue 23.4) leaves nothing behind: no data folder, no keys.
// Everything it can check without the engine is checked before the engine makes the folder.
import { existsSync } from 'node:fs';
import { chmod, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../main/cli';
import { DELIVERS, FAST_SIMULATOR_ENV, makeTempDir } from './fixtures';

let base: string;
let letter: string;
beforeAll(async () => {
  base = await makeTempDir('send-refusals');
  letter = join(base, 'letter.txt');
  await writeFile(letter, 'Please call the clinic.\n');
});
afterAll(async () => rm(base, { recursive: true, force: true }));

async function send(args: string[], env: Record<string, string> = {}) {
  const dataDir = join(base, `data-${Math.random().toString(36).slice(2)}`);
  let stdout = '';
  let stderr = '';
  const code = await main(['send', ...args], {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    env: { ...FAST_SIMULATOR_ENV, FAX_DATA_DIR: dataDir, ...env },
    cwd: base,
  });
  return { code, stdout, stderr, dataDir };
}

/** On Linux /proc/self/mem stats as a file but cannot be read, even by root (who reads any chmod 000 file). */
async function unreadableFile(): Promise<string> {
  if (process.getuid?.() === 0 && process.platform === 'linux') return '/proc/self/mem';
  const path = join(base, 'locked.pdf');
  await writeFile(path, '%PDF-1.4\n');
  await chmod(path, 0o000);
  return path;
}

describe('a refused faxbot send', () => {
  it('makes the data folder once it sends (the control for the cases below)', async () => {
    const sent = await send(['--to', DELIVERS, letter]);
    expect(sent.code).toBe(0);
    expect(await readdir(sent.dataDir)).toEqual(expect.arrayContaining(['faxbot.sqlite', 'data.key', 'master.key']));
  });

  it.each([
    ['a number that is too short', ['--to', '+1 202 555', 'letter.txt'], /^faxbot: \+1 202 555 is too short: .*\n$/],
    ['a number with letters', ['--to', 'call me', 'letter.txt'], /^faxbot: "call me" has letters in it: .*\n$/],
    ['a missing file', ['--to', DELIVERS, 'nope.pdf'], /^faxbot: Cannot find nope\.pdf: check the file name and folder\.\n$/],
    ['a folder', ['--to', DELIVERS, '.'], /^faxbot: \. is a folder: name the files in it to send them\.\n$/],
  ])('creates nothing for %s, and says what is wrong', async (_what, args, message) => {
    const refused = await send(args);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(message);
    expect(refused.stdout).toBe('');
    expect(existsSync(refused.dataDir)).toBe(false);
  });

  it('creates nothing for a file that cannot be read', async () => {
    const path = await unreadableFile();
    const refused = await send(['--to', DELIVERS, path]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^faxbot: Cannot read .+: .+\.\n$/);
    expect(existsSync(refused.dataDir)).toBe(false);
  });

  it('creates nothing for an empty, damaged or unsupported file', async () => {
    await mkdir(join(base, 'files'), { recursive: true });
    const files = {
      'empty.pdf': Buffer.alloc(0),
      'damaged.pdf': Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R'),
      'setup.exe': Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0xff, 0xff]),
    };
    for (const [name, bytes] of Object.entries(files)) {
      await writeFile(join(base, 'files', name), bytes);
      const refused = await send(['--to', DELIVERS, join('files', name)]);
      expect(refused.code, name).toBe(1);
      expect(refused.stderr, name).toMatch(new RegExp(`^faxbot: .*${name.replace('.', '\\.')}.*\\n$`));
      expect(existsSync(refused.dataDir), name).toBe(false);
    }
  });

  it('creates nothing for an option it does not know, or a missing --to', async () => {
    const unknown = await send(['--to', DELIVERS, '--colour', letter]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown option '--colour'/);
    expect(existsSync(unknown.dataDir)).toBe(false);
    const noNumber = await send([letter]);
    expect(noNumber.code).toBe(2);
    expect(noNumber.stderr).toContain('Say where the fax goes: --to NUMBER.');
    expect(existsSync(noNumber.dataDir)).toBe(false);
  });
});
