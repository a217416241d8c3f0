// `faxbot tiff IN OUT.tiff`: the fax image Asterisk would send, from anything the Send screen takes.
import { copyFile, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../main/cli';
import { readFaxTiff } from '../../main/engine/imaging/faxTiff';
import { makeTempDir } from './fixtures';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
const made: string[] = [];

async function tempDir(): Promise<string> {
  const dir = await makeTempDir('tiff-cli');
  made.push(dir);
  return dir;
}

afterAll(async () => {
  for (const dir of made) await rm(dir, { recursive: true, force: true });
});

async function runTiff(argv: string[], cwd: string, env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await main(['tiff', ...argv], { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env, cwd });
  return { code, stdout, stderr };
}

describe('faxbot tiff', () => {
  it('writes a fine Group 4 TIFF from a PDF and says how many pages', { timeout: 60_000 }, async () => {
    const dir = await tempDir();
    await copyFile(join(FIXTURES, 'pdfs/rotation.pdf'), join(dir, 'in.pdf'));
    const { code, stdout, stderr } = await runTiff(['in.pdf', 'out.tiff'], dir);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^out\.tiff: 2 pages, \d+ KB \(fax TIFF, Group 4, 204×196 dpi, Letter\)\n$/);
    const { pages } = readFaxTiff(new Uint8Array(await readFile(join(dir, 'out.tiff'))));
    expect(pages.map((p) => [p.width, p.height, p.yRes, p.compression])).toEqual([
      [1728, 2156, 196, 4],
      [1728, 2156, 196, 4],
    ]);
  });

  it('takes a text file and --normal --paper a4, like the Send screen does', { timeout: 60_000 }, async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'note.txt'), 'Please call Dr. Lee about the referral.\n');
    const { code, stdout } = await runTiff(['--normal', '--paper', 'a4', 'note.txt', 'note.tiff'], dir);
    expect(code).toBe(0);
    expect(stdout).toMatch(/note\.tiff: 1 page, .*204×98 dpi, A4/);
    const [page] = readFaxTiff(new Uint8Array(await readFile(join(dir, 'note.tiff')))).pages;
    expect([page.height, page.yRes]).toEqual([1146, 98]);
  });

  it('warns when the output name does not end in .tif or .tiff, and still writes the TIFF', { timeout: 60_000 }, async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'note.txt'), 'Call the clinic.\n');
    const png = await runTiff(['note.txt', 'note.png'], dir);
    expect(png.code).toBe(0);
    expect(png.stderr).toBe(
      'faxbot: warning: note.png will hold a fax TIFF, not a .png file: name it note.tiff so other programs open it as a TIFF.\n',
    );
    expect(readFaxTiff(new Uint8Array(await readFile(join(dir, 'note.png')))).pages).toHaveLength(1);
    const bare = await runTiff(['note.txt', 'note'], dir);
    expect(bare.stderr).toBe('faxbot: warning: note has no .tiff ending: name it note.tiff so other programs open it as a TIFF.\n');
    for (const fine of ['note.tif', 'NOTE.TIFF']) expect((await runTiff(['note.txt', fine], dir)).stderr, fine).toBe('');
  });

  it("refuses a file it cannot fax with the Send screen's message, leaving no output behind", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'archive.zip'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6]));
    const { code, stderr } = await runTiff(['archive.zip', 'out.tiff'], dir);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^faxbot: archive\.zip is not a kind of file Faxbot can fax\./);
    expect(await readdir(dir)).toEqual(['archive.zip']);
  });

  it('refuses a password-protected PDF and leaves no partial TIFF', { timeout: 60_000 }, async () => {
    const dir = await tempDir();
    await copyFile(join(FIXTURES, 'pdfs/issue3371.pdf'), join(dir, 'locked.pdf'));
    const { code, stderr } = await runTiff(['locked.pdf', 'out.tiff'], dir);
    expect(code).toBe(1);
    expect(stderr).toMatch(/password-protected/);
    expect(await readdir(dir)).toEqual(['locked.pdf']);
  });

  it('says so when the input file does not exist or the output folder is missing', async () => {
    const dir = await tempDir();
    const missing = await runTiff(['nope.pdf', 'out.tiff'], dir);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/Cannot find nope\.pdf/);
    await writeFile(join(dir, 'note.txt'), 'hello');
    const noFolder = await runTiff(['note.txt', 'no/such/folder/out.tiff'], dir);
    expect(noFolder.code).toBe(1);
    expect(noFolder.stderr).toMatch(/Cannot write no\/such\/folder\/out\.tiff/);
  });

  it('answers wrong use with exit code 2 and a pointer to its help', async () => {
    const dir = await tempDir();
    for (const argv of [
      [],
      ['only-one.pdf'],
      ['a.pdf', 'b.tiff', 'c.tiff'],
      ['--paper', 'legal', 'a.pdf', 'b.tiff'],
      ['a.pdf', 'a.pdf'],
      ['--fine', 'a.pdf', 'b.tiff'],
    ]) {
      const { code, stderr } = await runTiff(argv, dir);
      expect(code, argv.join(' ')).toBe(2);
      expect(stderr, argv.join(' ')).toMatch(/Run "faxbot tiff --help"/);
    }
  });

  it('refuses an unknown FAX_TIFF_RENDERER before doing any work', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'note.txt'), 'hello');
    const { code, stderr } = await runTiff(['note.txt', 'out.tiff'], dir, { FAX_TIFF_RENDERER: 'imagemagick' });
    expect(code).toBe(1);
    expect(stderr).toMatch(/FAX_TIFF_RENDERER=imagemagick is not usable: set it to builtin or ghostscript/);
  });

  it('has help of its own, listed in faxbot --help', async () => {
    const dir = await tempDir();
    const help = await runTiff(['--help'], dir);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: faxbot tiff/);
    let stdout = '';
    await main(['--help'], { stdout: (t) => void (stdout += t), env: {} });
    expect(stdout).toMatch(/\n {2}tiff +Make the fax image/);
  });
});
