// Files printed into the watched folder: when they are taken, what is ignored, what fails and
// why, and where the number comes from.
import { appendFile, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { makeTestPdf } from '../support/pdfs';
import { lockedPdf } from '../imaging/lockedPdf';
import { startWatchedEngine, waitForFolder, type WatchedEngine } from './hotFolderFixture';

let running: WatchedEngine | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
});

async function letterWithFaxLine(line: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([612, 792]);
  page.drawText('Referral for Amy Lee', { x: 72, y: 720, size: 14, font });
  page.drawText(line, { x: 72, y: 700, size: 12, font });
  return doc.save();
}

describe('taking printed files', () => {
  it('puts a finished PDF on the Send screen with no number when it names none', async () => {
    running = await startWatchedEngine();
    await running.print('letter.pdf', await makeTestPdf(2));
    const pickup = await running.waitForEvent(() => running!.pickups[0], 'a pickup');
    expect(pickup.documents).toHaveLength(1);
    expect(pickup.documents[0]).toMatchObject({ fileName: 'letter.pdf', kind: 'pdf', pages: 2 });
    expect(pickup).toMatchObject({ to: '', numberFrom: 'none' });
    // The staged document is the one the Send screen can open and send.
    const staged = await running.engine.call('getStagedDocument', { documentId: pickup.documents[0].documentId });
    expect(staged.fileName).toBe('letter.pdf');
    expect(await readdir(running.folder)).not.toContain('letter.pdf.done');
    expect(await readdir(join(running.folder, 'processing'))).toHaveLength(1);
  });

  it('does not take a file written slowly in pieces before it is finished', async () => {
    running = await startWatchedEngine({ FAXBOT_WATCH_SETTLE_MS: '400' });
    const whole = Buffer.from(await makeTestPdf(3));
    const path = join(running.folder, 'slow.pdf');
    const pieces = 6;
    const size = Math.ceil(whole.length / pieces);
    // A slow printer: pieces well inside the settle time, no marker.
    for (let i = 0; i < pieces; i++) {
      await appendFile(path, whole.subarray(i * size, (i + 1) * size));
      await new Promise((resolve) => setTimeout(resolve, 120));
    }
    const pickup = await running.waitForEvent(() => running!.pickups[0], 'the slow file');
    expect(pickup.documents[0].pages).toBe(3);
    expect(pickup.documents[0].bytes).toBe(whole.length);
    expect(await readdir(join(running.folder, 'failed'))).toEqual([]);
  });

  it('ignores hidden, Office lock, temporary and partial files, and its own folders', async () => {
    running = await startWatchedEngine();
    const pdf = await makeTestPdf(1);
    const ignored = ['.hidden.pdf', '~$letter.docx', 'scan.tmp', 'print.pdf.part', 'download.pdf.crdownload'];
    for (const name of ignored) await writeFile(join(running.folder, name), pdf);
    await running.print('real.pdf', pdf);
    await running.waitForEvent(() => running!.pickups.find((p) => p.documents[0].fileName === 'real.pdf'), 'the real file');
    // Listed again after the real file was taken: the others are still there, untouched.
    await waitForFolder(running.folder, (names) => !names.includes('real.pdf'), 'the real file to leave');
    expect(running.pickups).toHaveLength(1);
    expect((await readdir(running.folder)).sort()).toEqual([...ignored, 'failed', 'processing', 'sent'].sort());
  });

  it('clears a .done marker left without its file', async () => {
    running = await startWatchedEngine();
    await writeFile(join(running.folder, 'taken away.pdf.done'), '');
    await waitForFolder(running.folder, (names) => !names.includes('taken away.pdf.done'), 'the marker to go');
    expect(running.pickups).toEqual([]);
  });

  it.each([
    ['garbage.pdf', Buffer.from('this is not a PDF at all, just words \u0000\u0001\u0002'), /PDF|read|faxed|document/i],
    ['empty.pdf', Buffer.alloc(0), /empty/i],
    ['damaged.pdf', Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage\n%%EOF\n'), /damaged|could not|read/i],
    ['binary.exe', Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0xff, 0xff]), /./],
  ])('moves %s to failed/ with a reason a person can read', async (name, bytes, words) => {
    running = await startWatchedEngine();
    await running.print(name, bytes);
    await running.waitForFile('failed', `${name}.reason.txt`);
    const reason = await readFile(join(running.folder, 'failed', `${name}.reason.txt`), 'utf8');
    expect(reason).toContain(`${name} was not faxed.`);
    expect(reason).toMatch(words);
    expect(await readFile(join(running.folder, 'failed', name))).toEqual(bytes);
    expect(running.pickups).toEqual([]);
  });

  it('moves a PDF that needs a password to failed/ and says so', async () => {
    running = await startWatchedEngine();
    await running.print('locked.pdf', lockedPdf('Private letter', { user: 'secret', owner: 'owner' }));
    await running.waitForFile('failed', 'locked.pdf.reason.txt');
    expect(await readFile(join(running.folder, 'failed', 'locked.pdf.reason.txt'), 'utf8')).toMatch(/password/i);
  });

  it('takes files with long, accented and odd names and keeps the name to the end', async () => {
    running = await startWatchedEngine({ FAXBOT_WATCH_AUTOSEND: 'true' });
    const long = `fax to 202 555 0143 - ${'é'.repeat(100)}.pdf`; // 227 bytes, near the 255 limit
    const odd = 'fax to 202 555 0143 - Ünïcødé [draft] #2 & copy (final).pdf';
    await running.print(long, await makeTestPdf(1, 'Long'));
    await running.print(odd, await makeTestPdf(1, 'Odd'));
    await running.waitForFile('sent', long);
    await running.waitForFile('sent', odd);
  });

  it('never overwrites a file already in failed/: the newcomer gets a suffix', async () => {
    running = await startWatchedEngine();
    await writeFile(join(running.folder, 'failed', 'bad.pdf'), 'an older failure');
    const broken = Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe, 0x00]);
    await running.print('bad.pdf', broken);
    await running.waitForFile('failed', 'bad (2).pdf.reason.txt');
    expect(await readFile(join(running.folder, 'failed', 'bad.pdf'), 'utf8')).toBe('an older failure');
    expect(await readFile(join(running.folder, 'failed', 'bad (2).pdf'))).toEqual(broken);
  });
});

describe('the recipient of a printed file', () => {
  it('pre-fills the number from the file name', async () => {
    running = await startWatchedEngine();
    await running.print('fax to +1 202 555 0143 - referral.pdf', await makeTestPdf(1));
    const pickup = await running.waitForEvent(() => running!.pickups[0], 'a pickup');
    expect(pickup).toMatchObject({ to: '+12025550143', numberFrom: 'file_name' });
  });

  it('pre-fills the number from a "Fax:" line on the first page', async () => {
    running = await startWatchedEngine();
    await running.print('referral.pdf', await letterWithFaxLine('Fax: (202) 555-0143'));
    const pickup = await running.waitForEvent(() => running!.pickups[0], 'a pickup');
    expect(pickup).toMatchObject({ to: '+12025550143', numberFrom: 'first_page' });
  });

  it('sends straight to the queue when auto-send is on, and moves the file to sent/ once delivered', async () => {
    running = await startWatchedEngine({ FAXBOT_WATCH_AUTOSEND: 'true' });
    await running.print('fax to (202) 555-0143 - referral.pdf', await makeTestPdf(2));
    const delivered = await running.waitForEvent(() => running!.jobs.find((j) => j.status === 'delivered'), 'the delivered fax');
    expect(delivered).toMatchObject({ to: '+12025550143', pages: 2, fileNames: ['fax to (202) 555-0143 - referral.pdf'] });
    await running.waitForFile('sent', 'fax to (202) 555-0143 - referral.pdf');
    expect(running.pickups).toEqual([]);
    expect(await readdir(join(running.folder, 'processing'))).toEqual([]);
  });

  it('still asks for a number when auto-send is on but the file names none', async () => {
    running = await startWatchedEngine({ FAXBOT_WATCH_AUTOSEND: 'true' });
    await running.print('letter.pdf', await makeTestPdf(1));
    const pickup = await running.waitForEvent(() => running!.pickups[0], 'a pickup');
    expect(pickup.to).toBe('');
    expect(running.jobs).toEqual([]);
  });

  it('moves a file to failed/ with the provider’s reason when its fax finally fails', async () => {
    running = await startWatchedEngine({ FAXBOT_WATCH_AUTOSEND: 'true' });
    await running.print('fax to +1 202 555 0133 - letter.pdf', await makeTestPdf(1));
    await running.waitForFile('failed', 'fax to +1 202 555 0133 - letter.pdf.reason.txt');
    expect(await readFile(join(running.folder, 'failed', 'fax to +1 202 555 0133 - letter.pdf.reason.txt'), 'utf8')).toMatch(/failed/);
  });

  it('moves the file to sent/ when the person sends the staged document from the Send screen', async () => {
    running = await startWatchedEngine();
    await running.print('letter.pdf', await makeTestPdf(1));
    const pickup = await running.waitForEvent(() => running!.pickups[0], 'a pickup');
    await running.engine.call('sendFax', {
      to: '+1 202 555 0143',
      recipientName: 'Dr Lee',
      documentIds: [pickup.documents[0].documentId],
      cover: null,
    });
    await running.waitForFile('sent', 'letter.pdf');
  });

  it('moves the file to sent/ when its pages were edited on Send before it went', async () => {
    running = await startWatchedEngine();
    await running.print('letter.pdf', await makeTestPdf(2));
    const pickup = await running.waitForEvent(() => running!.pickups[0], 'a pickup');
    const edited = await running.engine.call('editStagedDocument', {
      documentId: pickup.documents[0].documentId,
      pages: [{ page: 2, rotate: 90 }],
    });
    await running.engine.call('sendFax', { to: '+1 202 555 0143', recipientName: '', documentIds: [edited.documentId], cover: null });
    await running.waitForFile('sent', 'letter.pdf');
    expect(await readdir(join(running.folder, 'failed'))).toEqual([]);
  });

  it('moves the file to failed/ when the person removes it from the Send screen', async () => {
    running = await startWatchedEngine();
    await running.print('letter.pdf', await makeTestPdf(1));
    const pickup = await running.waitForEvent(() => running!.pickups[0], 'a pickup');
    await running.engine.call('discardStagedDocument', { documentId: pickup.documents[0].documentId });
    await running.waitForFile('failed', 'letter.pdf.reason.txt');
    expect(await readFile(join(running.folder, 'failed', 'letter.pdf.reason.txt'), 'utf8')).toMatch(/removed from the Send screen/);
  });
});

describe('the reason file beside a failed print', () => {
  it('is written again at start when a kill left it empty or cut short, from the reason Faxbot recorded', async () => {
    running = await startWatchedEngine();
    await running.print('garbage.pdf', Buffer.from('not a PDF \u0000\u0001'));
    await running.waitForFile('failed', 'garbage.pdf.reason.txt');
    await running.print('empty.pdf', Buffer.alloc(0));
    await running.waitForFile('failed', 'empty.pdf.reason.txt');
    const reasonPath = (name: string) => join(running!.folder, 'failed', `${name}.reason.txt`);
    const whole = await readFile(reasonPath('empty.pdf'), 'utf8');
    const { dataDir, folder } = running;
    await running.close();
    // What an earlier version could leave when killed mid-write: an empty file, and one cut short.
    await writeFile(reasonPath('garbage.pdf'), '');
    await writeFile(reasonPath('empty.pdf'), whole.slice(0, 30));
    running = await startWatchedEngine({}, { dataDir, folder });
    await waitForWhole(reasonPath('garbage.pdf'));
    await waitForWhole(reasonPath('empty.pdf'));
    expect(await readFile(reasonPath('garbage.pdf'), 'utf8')).toMatch(
      /^garbage\.pdf was not faxed\.\n\n.+\n\nWritten by Faxbot on .+\.\n$/s,
    );
    expect(await readFile(reasonPath('empty.pdf'), 'utf8')).toMatch(/empty/i);
    // The atomic writer leaves no temp file beside them.
    expect((await readdir(join(folder, 'failed'))).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});

async function waitForWhole(path: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (/Written by Faxbot on [^\n]+\.\n$/.test(await readFile(path, 'utf8').catch(() => ''))) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${path} was not written again`);
}
