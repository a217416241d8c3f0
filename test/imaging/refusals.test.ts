// Bad input is refused with a code the UI maps to help and a sentence a person can act on,
// decided by what the bytes are, never by the file's name.
import { describe, expect, it } from 'vitest';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { normalizeDocument, sniffDocumentKind } from '../../main/engine/imaging';
import { FaxError } from '../../shared/errors';
import { createCanvas } from '@napi-rs/canvas';
import { fixture } from './pdfProbe';

const LIMITS = { maxBytes: 2 * 1024 * 1024, maxPages: 20 };

async function refusal(work: Promise<unknown>): Promise<FaxError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FaxError);
  return error as FaxError;
}

const fax = (fileName: string, bytes: Uint8Array, limits = LIMITS) =>
  normalizeDocument({ fileName, bytes }, { paperSize: 'letter', limits });

async function pdfWithPages(count: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < count; i++) doc.addPage([612, 792]).drawText(`Page ${i + 1}`, { x: 72, y: 700, size: 20, font });
  return doc.save({ useObjectStreams: false });
}

describe('deciding the type by content', () => {
  it('recognises each accepted kind from its first bytes', async () => {
    expect(sniffDocumentKind(await pdfWithPages(1))).toBe('pdf');
    expect(sniffDocumentKind(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('png');
    expect(sniffDocumentKind(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg');
    expect(sniffDocumentKind(new Uint8Array([0x49, 0x49, 0x2a, 0x00]))).toBe('tiff');
    expect(sniffDocumentKind(new Uint8Array([0x4d, 0x4d, 0x00, 0x2a]))).toBe('tiff');
    expect(sniffDocumentKind(new TextEncoder().encode('Dear Dr. Ortiz,\r\n\tPlease find…'))).toBe('text');
    // Junk before the header, as some scanners write it, is still a PDF.
    expect(sniffDocumentKind(new TextEncoder().encode('\r\n\r\n%PDF-1.4\n'))).toBe('pdf');
  });

  it('calls binary, empty and invalid-UTF-8 bytes unsupported', () => {
    expect(sniffDocumentKind(new Uint8Array(0))).toBeNull();
    expect(sniffDocumentKind(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]))).toBeNull();
    expect(sniffDocumentKind(new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03]))).toBeNull();
    expect(sniffDocumentKind(new Uint8Array([0x68, 0x69, 0x00, 0x68]))).toBeNull(); // NUL: not text
    expect(sniffDocumentKind(new Uint8Array([0x68, 0xc3, 0x28]))).toBeNull(); // broken UTF-8
    expect(sniffDocumentKind('not bytes' as unknown as Uint8Array)).toBeNull();
  });

  it('treats PDF bytes named .txt as a PDF and PNG bytes named .pdf as a PNG', async () => {
    const pdf = await fax('letter.txt', await pdfWithPages(2));
    expect(pdf).toMatchObject({ kind: 'pdf', pages: 2 });
    const canvas = createCanvas(300, 400);
    canvas.getContext('2d').fillRect(10, 10, 100, 100);
    const png = await fax('scan.pdf', new Uint8Array(canvas.encodeSync('png')));
    expect(png).toMatchObject({ kind: 'png', pages: 1 });
    const tiff = await fax('scan.txt', fixture('images/fax-g4-3pages.tif'));
    expect(tiff).toMatchObject({ kind: 'tiff', pages: 3 });
  });
});

describe('refusals', () => {
  it('refuses an empty file', async () => {
    const error = await refusal(fax('scan.pdf', new Uint8Array(0)));
    expect(error.code).toBe('empty_file');
    expect(error.message).toBe('scan.pdf is empty (0 bytes): open it, save it again, and add the saved copy.');
  });

  it('refuses a ZIP that is not an office document and a Windows program by content, naming what is accepted', async () => {
    const zip = await refusal(fax('referral.docx', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00])));
    expect(zip.code).toBe('unsupported_type');
    expect(zip.message).toBe(
      'referral.docx is not a kind of file Faxbot can fax. It looks like a ZIP archive. Save or print it as a PDF, or add a PDF, a plain-text file, a PNG, JPEG or TIFF image, or (with LibreOffice installed) a Word, Excel, OpenDocument or RTF document.',
    );
    const exe = await refusal(fax('invoice.pdf', new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00])));
    expect(exe.code).toBe('unsupported_type');
    expect(exe.message).toContain('It looks like a Windows program.');
  });

  it('refuses a file over the size limit, saying the limit in MB', async () => {
    const error = await refusal(fax('big.pdf', new Uint8Array(3 * 1024 * 1024).fill(0x25)));
    expect(error.code).toBe('file_too_large');
    expect(error.message).toBe('big.pdf is 3 MB, more than the 2 MB limit: split it, or save it at a lower resolution, and add it again.');
  });

  it('refuses a PDF with more pages than the limit', async () => {
    const error = await refusal(fax('chart.pdf', await pdfWithPages(21)));
    expect(error.code).toBe('too_many_pages');
    expect(error.message).toBe('chart.pdf has 21 pages, more than the 20-page limit for one fax: split it into smaller faxes.');
    await expect(fax('chart.pdf', await pdfWithPages(20))).resolves.toMatchObject({ pages: 20 });
  });

  it('refuses bad arguments with invalid_input instead of crashing', async () => {
    const bytes = await pdfWithPages(1);
    const bad: Array<[unknown, unknown]> = [
      [
        { fileName: 'a.pdf', bytes },
        { paperSize: 'legal', limits: LIMITS },
      ],
      [
        { fileName: 'a.pdf', bytes },
        { paperSize: 'letter', limits: { maxBytes: 0, maxPages: 10 } },
      ],
      [
        { fileName: 'a.pdf', bytes },
        { paperSize: 'letter', limits: { maxBytes: 1e6, maxPages: Number.NaN } },
      ],
      [{ fileName: 'a.pdf', bytes }, { paperSize: 'letter' }],
      [
        { fileName: 'a.pdf', bytes: 'not bytes' },
        { paperSize: 'letter', limits: LIMITS },
      ],
      [null, { paperSize: 'letter', limits: LIMITS }],
    ];
    for (const [input, options] of bad) {
      const error = await refusal(normalizeDocument(input as never, options as never));
      expect(error.code).toBe('invalid_input');
      expect(error.message.length).toBeGreaterThan(20);
    }
  });

  it('names the file without its folder, and copes with a missing name', async () => {
    const error = await refusal(
      normalizeDocument({ fileName: 'C:\\Users\\pat\\Desktop\\empty.pdf', bytes: new Uint8Array(0) }, { paperSize: 'a4', limits: LIMITS }),
    );
    expect(error.message.startsWith('empty.pdf is empty')).toBe(true);
    const unnamed = await refusal(
      normalizeDocument({ fileName: undefined as unknown as string, bytes: new Uint8Array(0) }, { paperSize: 'a4', limits: LIMITS }),
    );
    expect(unnamed.message.startsWith('This file is empty')).toBe(true);
  });
});
