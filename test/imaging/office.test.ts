// Office documents through the real LibreOffice (soffice --headless --convert-to pdf): small
// DOCX, XLSX, ODT, RTF and DOC files made by LibreOffice itself (test/fixtures/office/make-office.sh)
// come out as fax pages whose text pdftotext reads back. A conversion that fails or hangs is a
// sentence and leaves no temporary files; without LibreOffice the refusal says what to install.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { findSoffice, normalizeDocument, officeConversionFrom, officeFormatOf } from '../../main/engine/imaging';
import { FaxError } from '../../shared/errors';
import { startEngine } from '../support/engineHarness';
import { fixture } from './pdfProbe';

const LIMITS = { maxBytes: 5 * 1024 * 1024, maxPages: 20 };
const HAVE_SOFFICE = (await findSoffice()) !== null;
const NO_SOFFICE =
  'Skipping LibreOffice conversions: soffice is not on PATH. Install it with "apt-get install libreoffice-writer-nogui libreoffice-calc-nogui".';
if (!HAVE_SOFFICE) console.warn(NO_SOFFICE);

const originalTmp = process.env.TMPDIR;
let scratch: string;
/** What our conversions left in the temporary folder (it is this test's own, so only ours). */
const leftovers = () => readdirSync(scratch).filter((name) => name.startsWith('faxbot-office-'));

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'office-test-'));
  // os.tmpdir() reads TMPDIR each time: the conversions' folders land where this test can count them.
  process.env.TMPDIR = scratch;
});
afterAll(() => {
  process.env.TMPDIR = originalTmp;
  if (originalTmp === undefined) delete process.env.TMPDIR;
  rmSync(scratch, { recursive: true, force: true });
});
beforeEach(() => expect(leftovers()).toEqual([]));

function pdfText(pdf: Uint8Array): string {
  const file = join(scratch, `probe-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  try {
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  } finally {
    rmSync(file);
  }
}

async function refusal(work: Promise<unknown>): Promise<FaxError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FaxError);
  return error as FaxError;
}

describe('office formats are recognised by their content', () => {
  it.each([
    ['letter.docx', 'docx'],
    ['letter.odt', 'odt'],
    ['letter.rtf', 'rtf'],
    ['letter.doc', 'doc'],
    ['results.xlsx', 'xlsx'],
  ])('%s is %s', (name, format) => {
    expect(officeFormatOf(fixture(`office/${name}`))).toBe(format);
  });

  it('leaves other ZIPs, PDFs and plain text alone', () => {
    expect(officeFormatOf(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]))).toBeNull();
    expect(officeFormatOf(new TextEncoder().encode('%PDF-1.4\n'))).toBeNull();
    expect(officeFormatOf(new TextEncoder().encode('Dear Dr. Ortiz, about {\\rtf} files'))).toBeNull();
  });
});

describe('without LibreOffice', () => {
  it.each(['letter.docx', 'letter.rtf', 'results.xlsx'])('refuses %s saying what to install, or to print to Faxbot', async (name) => {
    const empty = mkdtempSync(join(scratch, 'no-path-'));
    const error = await refusal(
      normalizeDocument(
        { fileName: name, bytes: fixture(`office/${name}`) },
        { paperSize: 'letter', limits: LIMITS, office: officeConversionFrom({ PATH: empty }) },
      ),
    );
    expect(error.code).toBe('unsupported_type');
    expect(error.field).toBe('file');
    expect(error.message).toContain(`${name} is `);
    expect(error.message).toContain('with LibreOffice, which is not installed on this computer');
    expect(error.message).toContain('sudo apt-get install libreoffice-writer-nogui libreoffice-calc-nogui');
    expect(error.message).toContain('macOS or Windows: download LibreOffice');
    expect(error.message).toContain('print it to the Faxbot printer');
    expect(leftovers()).toEqual([]);
  });

  it('names FAXBOT_SOFFICE pointing nowhere as not installed', async () => {
    const error = await refusal(
      normalizeDocument(
        { fileName: 'letter.odt', bytes: fixture('office/letter.odt') },
        { paperSize: 'a4', limits: LIMITS, office: officeConversionFrom({ FAXBOT_SOFFICE: join(scratch, 'missing', 'soffice') }) },
      ),
    );
    expect(error.message).toMatch(
      /^letter\.odt is an OpenDocument text \(ODT\)\. Faxbot turns office documents into fax pages with LibreOffice/,
    );
  });
});

describe('a conversion that hangs or fails', () => {
  it('stops a hanging soffice at the time limit, with everything it started, and removes its folder', async () => {
    // A stand-in for a LibreOffice that never finishes: it starts a child and waits on it.
    const bin = mkdtempSync(join(scratch, 'bin-'));
    const pids = join(bin, 'pids');
    const fake = join(bin, 'soffice');
    writeFileSync(fake, `#!/bin/sh\nsleep 300 &\necho $$ $! > "${pids}"\nwait\n`);
    chmodSync(fake, 0o755);
    const started = Date.now();
    const error = await refusal(
      normalizeDocument(
        { fileName: 'referral.docx', bytes: fixture('office/letter.docx') },
        { paperSize: 'letter', limits: LIMITS, office: officeConversionFrom({ FAXBOT_SOFFICE: fake, FAXBOT_OFFICE_TIME_LIMIT_MS: '800' }) },
      ),
    );
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(error.message).toBe(
      'LibreOffice took longer than 1 second to turn referral.docx (a Word document (DOCX)) into fax pages and was stopped: open it and print it to the Faxbot printer, or save it as a PDF and add that.',
    );
    const [shell, sleeper] = readFileSync(pids, 'utf8').trim().split(' ').map(Number);
    // Gone, or a zombie waiting for whoever adopted it to reap it: either way it runs no more.
    const running = (pid: number) => {
      try {
        return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
      } catch {
        return false;
      }
    };
    const deadline = Date.now() + 5000;
    while ((running(shell) || running(sleeper)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(running(shell)).toBe(false);
    expect(running(sleeper)).toBe(false);
    expect(leftovers()).toEqual([]);
  });

  it.skipIf(!HAVE_SOFFICE)(
    'refuses a damaged .docx with a sentence and leaves nothing behind',
    async () => {
      const whole = fixture('office/letter.docx');
      // The start of a real DOCX (its part names are in the first local headers), cut short.
      const cut = whole.subarray(0, 2000);
      expect(officeFormatOf(cut)).toBe('docx');
      const error = await refusal(normalizeDocument({ fileName: 'referral.docx', bytes: cut }, { paperSize: 'letter', limits: LIMITS }));
      expect(error.code).toBe('unsupported_type');
      expect(error.message).toMatch(
        /^LibreOffice could not open referral\.docx as a Word document \(DOCX\).*it may be damaged: open it in the program that made it, save it again \(or save it as a PDF\), and add that copy\.$/,
      );
      expect(leftovers()).toEqual([]);
    },
    60_000,
  );
});

describe.skipIf(!HAVE_SOFFICE)('with LibreOffice installed', { timeout: 120_000 }, () => {
  it.each([
    ['letter.docx', /Referral letter for Jane Roe/],
    ['letter.odt', /Referral letter for Jane Roe/],
    ['letter.rtf', /Referral letter for Jane Roe/],
    ['letter.doc', /Referral letter for Jane Roe/],
    ['results.xlsx', /Jane Roe\s+4\.1/],
  ])('turns %s into fax pages with its text, leaving no temporary files', async (name, text) => {
    const result = await normalizeDocument({ fileName: name, bytes: fixture(`office/${name}`) }, { paperSize: 'letter', limits: LIMITS });
    expect(result.kind).toBe('office');
    expect(result.pages).toBe(1);
    expect(pdfText(result.pdf)).toMatch(text);
    expect(leftovers()).toEqual([]);
  });

  it('stages a DOCX through the engine: sealed on disk, its text in the staged PDF, and never the clear bytes in the data folder', async () => {
    const harness = await startEngine({ env: { PATH: process.env.PATH } });
    try {
      const staged = await harness.engine.call('stageDocument', {
        fileName: 'referral.docx',
        contentBase64: Buffer.from(fixture('office/letter.docx')).toString('base64'),
      });
      expect(staged).toMatchObject({ fileName: 'referral.docx', kind: 'office', pages: 1 });
      const reply = await harness.engine.call('getStagedDocument', { documentId: staged.documentId });
      const pdf = new Uint8Array(Buffer.from((reply as { pdfBase64: string }).pdfBase64, 'base64'));
      expect(pdfText(pdf)).toMatch(/Referral letter for Jane Roe/);
      // The document store keeps it sealed: neither the PDF's text nor the PDF header is on disk in the clear.
      const files = execFileSync('find', [harness.dataDir, '-type', 'f'], { encoding: 'utf8' }).trim().split('\n');
      for (const file of files) {
        const bytes = readFileSync(file);
        expect(bytes.includes('Referral letter'), file).toBe(false);
        if (!file.endsWith('.sqlite') && !file.includes('sqlite-')) expect(bytes.subarray(0, 5).toString('latin1'), file).not.toBe('%PDF-');
      }
      expect(leftovers()).toEqual([]);
    } finally {
      await harness.close();
    }
  });
});
