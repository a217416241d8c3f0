// `faxbot printer` as typed: its help, wrong words and options, and what it says on macOS and
// Windows, where it installs nothing. (The real install is in cupsPrinter.test.ts.)
import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../main/cli';
import { printerCommand } from '../../main/commands/printer';
import { DEFAULT_LAYOUT, type PrinterLayout } from '../../main/printer';

async function runMain(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env: {} });
  return { code, stdout, stderr };
}

describe('faxbot printer: help and wrong use', () => {
  it('prints its help for --help and help printer', async () => {
    const flag = await runMain(['printer', '--help']);
    expect(flag.code).toBe(0);
    expect(flag.stdout).toContain('Usage: faxbot printer install [--folder DIR]');
    expect(flag.stdout).toContain('sudo apt-get install cups printer-driver-cups-pdf');
    expect((await runMain(['help', 'printer'])).stdout).toBe(flag.stdout);
    expect((await runMain(['--help'])).stdout).toMatch(/\n {2}printer +Add or remove the printer named Faxbot/);
  });

  it('exits 2 pointing at its help for a missing or unknown action, extra words and unknown options', async () => {
    const cases: [string[], RegExp][] = [
      [['printer'], /Say what to do: faxbot printer install, or faxbot printer remove/],
      [['printer', 'add'], /"add" is not something faxbot printer does/],
      [['printer', 'install', '/tmp/Outbox'], /takes no other words \(got "\/tmp\/Outbox"\); give a folder with --folder DIR/],
      [['printer', 'install', '--foldr', '/tmp/Outbox'], /Unknown option '--foldr'/],
      [['printer', 'install', '--folder'], /--folder/],
      [['printer', 'remove', '--folder', '/tmp/Outbox'], /remove takes no --folder/],
    ];
    for (const [argv, message] of cases) {
      const result = await runMain(argv);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).toContain('faxbot printer --help');
      expect(result.stdout).toBe('');
    }
  });
});

describe('faxbot printer on macOS and Windows', () => {
  let base: string;
  // Paths no real printer uses, so nothing here can touch an installed Faxbot printer.
  let layout: PrinterLayout;

  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'faxbot-printer-other-'));
    layout = {
      ...DEFAULT_LAYOUT,
      queue: 'FaxbotOtherOs',
      instance: 'faxbototheros',
      cupsConfDir: join(base, 'cups'),
      hookPath: join(base, 'hook'),
      spoolDir: join(base, 'spool'),
    };
  });
  afterAll(async () => rm(base, { recursive: true, force: true }));

  async function run(platform: NodeJS.Platform, args: string[]) {
    let stdout = '';
    let stderr = '';
    const io = {
      stdout: (t: string) => void (stdout += t),
      stderr: (t: string) => void (stderr += t),
      env: { FAXBOT_WATCH_DIR: join(base, 'Outbox') },
      cwd: base,
      stop: new AbortController().signal,
    };
    const code = await printerCommand(args, io, { platform, uid: 501, layout });
    return { code, stdout, stderr };
  }

  it('explains the PDF Services folder on macOS and installs nothing', async () => {
    const result = await run('darwin', ['install']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('PDF Services');
    expect(result.stdout).toContain(join(base, 'Outbox'));
    expect(existsSync(join(base, 'Outbox'))).toBe(false);
    expect(existsSync(layout.cupsConfDir)).toBe(false);
  });

  it('explains the port-per-job printer on Windows, for install and remove', async () => {
    for (const action of ['install', 'remove']) {
      const result = await run('win32', [action]);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('Microsoft Print to PDF');
      expect(result.stdout).toContain('README.md');
    }
    expect(existsSync(layout.hookPath)).toBe(false);
  });

  it.skipIf(process.getuid?.() !== 0)('names the package to install when the cups-pdf backend is missing (as root)', async () => {
    let stdout = '';
    const io = {
      stdout: (t: string) => void (stdout += t),
      stderr: () => undefined,
      env: {},
      cwd: base,
      stop: new AbortController().signal,
    };
    const missingBackend = { ...layout, backendPath: join(base, 'no-such-backend', 'cups-pdf') };
    await expect(
      printerCommand(['install', '--folder', join(base, 'Outbox')], io, { platform: 'linux', layout: missingBackend }),
    ).rejects.toThrow(
      /cups-pdf printer driver is not installed \(.*no-such-backend\/cups-pdf is missing\): install them with: sudo apt-get install cups printer-driver-cups-pdf/,
    );
    expect(stdout).toBe('');
    expect(existsSync(join(base, 'Outbox'))).toBe(false);
  });

  it('asks for sudo on Linux when not run as root, before writing anything', async () => {
    await expect(run('linux', ['install', '--folder', join(base, 'Outbox')])).rejects.toThrow(
      /needs root: run it with sudo: sudo \S+ \S+faxbot\.js printer install\./,
    );
    await expect(run('linux', ['remove'])).rejects.toThrow(/run it with sudo: sudo \S+ \S+faxbot\.js printer remove\./);
    expect(existsSync(join(base, 'Outbox'))).toBe(false);
  });
});
