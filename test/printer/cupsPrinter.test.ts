// `faxbot printer install/remove` against a real CUPS scheduler and the real cups-pdf backend:
// printing a text file and a PDF to "Faxbot" puts complete PDFs in the watched folder.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LAYOUT, confPath } from '../../main/printer';
import { runFaxbot } from '../headless/cliRunner';
import { cupsUnavailable, useCups, type CupsSession } from '../support/cupsd';
import { makeTestPdf } from '../support/pdfs';
import { documentsIn, installedPieces, pdfPages, printFile, queueDevice, waitFor } from './printerFolders';

const skip = cupsUnavailable();
if (skip) console.warn(`printer tests skipped: ${skip}`);

describe.skipIf(skip !== null)('the Faxbot printer in a real CUPS', { timeout: 120_000 }, () => {
  let cups: CupsSession;
  let base: string;
  let outbox: string;

  beforeAll(async () => {
    cups = await useCups();
    base = await mkdtemp(join(tmpdir(), 'faxbot-printer-'));
    outbox = join(base, 'desk', 'Outbox');
    // A queue left by an earlier, interrupted run would make "nothing installed" checks lie.
    if (installedPieces(DEFAULT_LAYOUT).length) await runFaxbot(['printer', 'remove']);
  });

  afterAll(async () => {
    if (installedPieces(DEFAULT_LAYOUT).length) await runFaxbot(['printer', 'remove']);
    await rm(base, { recursive: true, force: true });
    await cups?.release();
  });

  it('refuses a --folder that is a file, relative, unwritable or under a file, installing nothing', async () => {
    const file = join(base, 'not-a-folder.pdf');
    writeFileSync(file, '%PDF-1.4');
    const cases: [string[], RegExp][] = [
      [['--folder', file], /is a file, not a folder/],
      [['--folder', join(file, 'Outbox')], /is a file, so .* cannot be made under it/],
      [['--folder', 'Faxbot/Outbox'], /relative path: give the full path/],
      [['--folder', ''], /--folder needs a folder/],
      [['--folder', '/sys/faxbot-outbox'], /Faxbot cannot write to \/sys\/faxbot-outbox/],
    ];
    for (const [args, message] of cases) {
      const result = await runFaxbot(['printer', 'install', ...args]);
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stderr).toMatch(message);
      expect(installedPieces(DEFAULT_LAYOUT)).toEqual([]);
    }
    expect(existsSync('/sys/faxbot-outbox')).toBe(false);
  });

  it('refuses a folder the desk user (the one who ran sudo) cannot write to', async () => {
    const rootsOnly = join(base, 'roots-only');
    mkdirSync(rootsOnly, { mode: 0o755 });
    const result = await runFaxbot(['printer', 'install', '--folder', rootsOnly], { SUDO_USER: 'nobody' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/nobody cannot write to .*roots-only \(it belongs to user 0\)/);
    expect(installedPieces(DEFAULT_LAYOUT)).toEqual([]);
  });

  it('refuses a relative FAXBOT_WATCH_DIR and unknown options', async () => {
    const relative = await runFaxbot(['printer', 'install'], { FAXBOT_WATCH_DIR: 'Outbox' });
    expect(relative.code).toBe(1);
    expect(relative.stderr).toContain('FAXBOT_WATCH_DIR "Outbox" is a relative path');
    const unknown = await runFaxbot(['printer', 'install', '--folde', outbox]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('faxbot printer --help');
    expect(installedPieces(DEFAULT_LAYOUT)).toEqual([]);
  });

  it('installs a cups-pdf queue named Faxbot that delivers into the watched folder', async () => {
    const result = await runFaxbot(['printer', 'install', '--folder', outbox]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Added the printer "Faxbot" (cups-pdf:/faxbot)');
    expect(queueDevice('Faxbot')).toBe('cups-pdf:/faxbot');
    const conf = readFileSync(confPath(DEFAULT_LAYOUT), 'utf8');
    expect(conf).toMatch(/^PostProcessing \/usr\/local\/lib\/faxbot\/faxbot-printer-hook$/m);
    expect(conf).toMatch(/^Out \/var\/spool\/cups-pdf\/faxbot\/\$\{USER\}$/m);
    expect(statSync(DEFAULT_LAYOUT.hookPath).mode & 0o777).toBe(0o755);
    expect(readFileSync(DEFAULT_LAYOUT.hookPath, 'utf8')).toContain(`WATCH_DIR='${outbox}'`);
    expect(statSync(outbox).isDirectory()).toBe(true);
  });

  it('turns a printed text file and a printed 3-page PDF into complete PDFs in the folder', async () => {
    const text = join(base, 'fax to +1 202 555 0143 - referral.txt');
    writeFileSync(text, 'Referral for Jane Doe.\nPlease call the clinic.\n');
    const pdf = join(base, 'lab results.pdf');
    writeFileSync(pdf, await makeTestPdf(3, 'Lab result'));
    printFile('Faxbot', text);
    printFile('Faxbot', pdf);
    const found = await waitFor('two printed PDFs', () => documentsIn(outbox).length === 2 && documentsIn(outbox));
    expect(found).toEqual(['fax to +1 202 555 0143 - referral.pdf', 'lab results.pdf']);
    expect(pdfPages(join(outbox, found[0]!))).toBe(1);
    expect(pdfPages(join(outbox, found[1]!))).toBe(3);
  });

  it('keeps both documents when the same title is printed twice', async () => {
    const memo = join(base, 'memo.txt');
    writeFileSync(memo, 'Memo\n');
    printFile('Faxbot', memo, 'discharge summary');
    printFile('Faxbot', memo, 'discharge summary');
    const found = await waitFor('both copies', () => {
      const names = documentsIn(outbox).filter((name) => name.startsWith('discharge summary'));
      return names.length === 2 && names;
    });
    expect(found).toEqual(['discharge summary (2).pdf', 'discharge summary.pdf']);
  });

  it("delivers a job printed from the desk user's own account, as that user's file", async () => {
    // The desk is "nobody" here: install as if run with sudo by nobody, then print as nobody.
    const desk = join(base, 'nobody-desk');
    mkdirSync(desk, { mode: 0o755 });
    chmodSync(base, 0o755);
    const deskOutbox = join(desk, 'Outbox');
    expect((await runFaxbot(['printer', 'install', '--folder', deskOutbox], { SUDO_USER: 'nobody' })).code).toBe(0);
    const letter = join(desk, 'letter.txt');
    writeFileSync(letter, 'From the front desk\n', { mode: 0o644 });
    execFileSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', 'lp', '-d', 'Faxbot', letter], { stdio: 'ignore' });
    await waitFor('the PDF printed by nobody', () => documentsIn(deskOutbox).includes('letter.pdf'));
    const made = statSync(join(deskOutbox, 'letter.pdf'));
    expect([made.uid, made.mode & 0o777]).toEqual([65534, 0o600]);
    expect(statSync(deskOutbox).uid).toBe(65534);
    expect(pdfPages(join(deskOutbox, 'letter.pdf'))).toBe(1);
    expect((await runFaxbot(['printer', 'install', '--folder', outbox])).code).toBe(0);
  });

  it('updates the printer when installed again, to a new folder', async () => {
    const second = join(base, 'second', 'Outbox');
    const again = await runFaxbot(['printer', 'install', '--folder', second]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Updated the printer "Faxbot"');
    expect(execFileSync('lpstat', ['-v'], { encoding: 'utf8' }).match(/device for Faxbot:/g)).toHaveLength(1);
    const note = join(base, 'note.txt');
    writeFileSync(note, 'Second folder\n');
    printFile('Faxbot', note);
    await waitFor('the PDF in the new folder', () => documentsIn(second).includes('note.pdf'));
    expect(documentsIn(outbox)).not.toContain('note.pdf');
  });

  it('keeps a document in the spool when the folder is unwritable, and remove says so', async () => {
    const gone = join(base, 'gone', 'Outbox');
    expect((await runFaxbot(['printer', 'install', '--folder', gone])).code).toBe(0);
    await rm(gone, { recursive: true });
    const note = join(base, 'lost.txt');
    writeFileSync(note, 'Never lost\n');
    printFile('Faxbot', note);
    const spool = join(DEFAULT_LAYOUT.spoolDir, 'root');
    await waitFor(
      'the PDF left in the spool',
      () => existsSync(spool) && execFileSync('ls', [spool], { encoding: 'utf8' }).includes('lost'),
    );
    const removed = await runFaxbot(['printer', 'remove']);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toContain('Removed the printer "Faxbot"');
    expect(removed.stdout).toMatch(/Kept 1 printed document\(s\) never handed to Faxbot, in \/var\/spool\/cups-pdf\/faxbot/);
    expect(installedPieces(DEFAULT_LAYOUT)).toEqual([]);
    await rm(DEFAULT_LAYOUT.spoolDir, { recursive: true, force: true });
  });

  it('removes the queue, its configuration and hook, keeping the watched folder', async () => {
    expect((await runFaxbot(['printer', 'install', '--folder', outbox])).code).toBe(0);
    const removed = await runFaxbot(['printer', 'remove']);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toContain('Removed the printer "Faxbot"');
    expect(removed.stdout).toContain(`Removed ${confPath(DEFAULT_LAYOUT)}`);
    expect(removed.stdout).toContain(`Removed ${DEFAULT_LAYOUT.hookPath}`);
    expect(installedPieces(DEFAULT_LAYOUT)).toEqual([]);
    expect(documentsIn(outbox)).toContain('lab results.pdf');
    const again = await runFaxbot(['printer', 'remove']);
    expect(again.stdout).toBe('The Faxbot printer is not installed: nothing to remove.\n');
  });

  it('leaves alone a printer named Faxbot that it did not make', async () => {
    execFileSync('lpadmin', ['-p', 'Faxbot', '-v', 'ipp://127.0.0.1:9/printers/desk', '-E'], { stdio: 'ignore' });
    try {
      const install = await runFaxbot(['printer', 'install', '--folder', outbox]);
      expect(install.code).toBe(1);
      expect(install.stderr).toContain('There is already a printer named Faxbot that prints to ipp://127.0.0.1:9/printers/desk');
      expect(existsSync(confPath(DEFAULT_LAYOUT))).toBe(false);
      const remove = await runFaxbot(['printer', 'remove']);
      expect(remove.stdout).toContain('Kept the printer "Faxbot": it prints to ipp://127.0.0.1:9/printers/desk');
      expect(queueDevice('Faxbot')).toBe('ipp://127.0.0.1:9/printers/desk');
    } finally {
      execFileSync('lpadmin', ['-x', 'Faxbot']);
    }
  });

  // The real command as the unprivileged user "nobody", not a pretend user id — which needs
  // a checkout "nobody" can read (a fresh clone in a 0700 temp folder is not; CI's often is not).
  const asNobodyArgs = ['--reuid=65534', '--regid=65534', '--clear-groups'];
  const nobodyCanRun = spawnSync('setpriv', [...asNobodyArgs, 'test', '-r', join(process.cwd(), 'bin/faxbot.js')]).status === 0;
  if (!nobodyCanRun)
    console.info(
      'printer test "as a normal user" skipped: the user nobody cannot read this checkout (clone it somewhere world-readable to run it)',
    );
  it.skipIf(!nobodyCanRun)('explains how to run it as root when run by a normal user', () => {
    const asNobody = spawnSync(
      'setpriv',
      [
        ...asNobodyArgs,
        'env',
        'HOME=/tmp',
        'FAXBOT_CLI_SOURCE=1',
        process.execPath,
        'bin/faxbot.js',
        'printer',
        'install',
        '--folder',
        '/tmp/faxbot-nobody-outbox',
      ],
      { encoding: 'utf8' },
    );
    expect(asNobody.status, asNobody.stderr).toBe(1);
    expect(asNobody.stderr).toMatch(/needs root: run it with sudo: sudo \S+ \S+faxbot\.js printer install/);
    expect(asNobody.stderr).not.toContain('npx');
    expect(existsSync('/tmp/faxbot-nobody-outbox')).toBe(false);
    expect(installedPieces(DEFAULT_LAYOUT)).toEqual([]);
  });
});
