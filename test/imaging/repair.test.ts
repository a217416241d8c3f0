// Damaged PDFs: sent if pdf.js can repair them (as pictures of their pages), refused clearly
// otherwise, and never allowed to hang the engine.
import { describe, expect, it } from 'vitest';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { normalizeDocument } from '../../main/engine/imaging';
import { rasterizePdf } from '../../main/engine/imaging/repair';
import { FaxError } from '../../shared/errors';
import { inkIn, renderPage } from './pageRender';
import { lockedPdf } from './lockedPdf';

const LIMITS = { maxBytes: 5 * 1024 * 1024, maxPages: 20 };

async function healthyPdfText(): Promise<string> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.HelveticaBold);
  for (let i = 0; i < 2; i++) {
    const page = doc.addPage([612, 792]);
    page.drawRectangle({ x: 0, y: 692, width: 612, height: 100 }); // a black band across the top
    page.drawText(`Repair me, page ${i + 1}`, { x: 72, y: 600, size: 28, font });
  }
  return Buffer.from(await doc.save({ useObjectStreams: false })).toString('latin1');
}

const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));
const fax = (fileName: string, pdf: Uint8Array, limits = LIMITS) =>
  normalizeDocument({ fileName, bytes: pdf }, { paperSize: 'letter', limits });

describe('damaged PDFs', () => {
  it('sends a PDF whose page tree pdf-lib cannot walk, repaired by pdf.js, every page upright and the right size', async () => {
    // "/Type /Pagez": pdf-lib gives up on the page tree; pdf.js rebuilds it.
    const broken = bytes((await healthyPdfText()).replace('/Type /Pages', '/Type /Pagez'));
    await expect(PDFDocument.load(broken).then((d) => d.getPages())).rejects.toThrow();
    const result = await fax('broken.pdf', broken);
    expect(result).toMatchObject({ kind: 'pdf', pages: 2 });
    const doc = await PDFDocument.load(result.pdf);
    for (const page of doc.getPages()) expect([page.getWidth(), page.getHeight()]).toEqual([612, 792]);
    const first = renderPage(result.pdf, 1, 24);
    expect(inkIn(first, 0.1, 0.0, 0.9, 0.1)).toBeGreaterThan(0.9); // the band is still at the top
    expect(inkIn(first, 0.1, 0.3, 0.9, 0.95)).toBeLessThan(0.1);
  });

  it('refuses a PDF neither reader can open as damaged, with what to do', async () => {
    const text = await healthyPdfText();
    const hopeless = [
      bytes(`%PDF-1.7\n${'A'.repeat(3000)}`),
      bytes(text.replace('/Type /Catalog', '').slice(0, text.indexOf('xref'))),
      bytes('%PDF-1.4\n%%EOF\n'),
    ];
    for (const pdf of hopeless) {
      const error = await fax('scan.pdf', pdf).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(FaxError);
      expect((error as FaxError).code).toBe('pdf_damaged');
      expect((error as FaxError).message).toBe(
        'scan.pdf is a damaged PDF that Faxbot could not repair: open it in a PDF reader, print it to a new PDF (or to the Faxbot printer), and add that copy.',
      );
    }
  });

  it('still applies the page limit to a repaired PDF', async () => {
    const broken = bytes((await healthyPdfText()).replace('/Type /Pages', '/Type /Pagez'));
    const error = await fax('broken.pdf', broken, { maxBytes: 1e6, maxPages: 1 }).then(
      () => null,
      (e: unknown) => e,
    );
    expect((error as FaxError).code).toBe('too_many_pages');
  });

  it('stops pdf.js when it runs past its time limit and calls the file damaged', async () => {
    const broken = bytes((await healthyPdfText()).replace('/Type /Pages', '/Type /Pagez'));
    const outcome = await rasterizePdf(broken, { paper: { width: 612, height: 792 }, maxPages: 10, timeLimitMs: 1 });
    expect(outcome).toMatchObject({ kind: 'damaged', detail: expect.stringContaining('did not finish') });
  });
});

describe('encrypted PDFs', () => {
  it('sends a PDF that opens without a password (owner restrictions only), its text on the page', async () => {
    const result = await fax('statement.pdf', lockedPdf('Owner locked', { user: '', owner: 'bank-secret' }));
    expect(result).toMatchObject({ kind: 'pdf', pages: 1 });
    const page = renderPage(result.pdf, 1, 72);
    // 24 pt Helvetica at (72, 700): ink in the top-left text band, nothing below it.
    expect(inkIn(page, 72 / 612, 80 / 792, 230 / 612, 95 / 792)).toBeGreaterThan(0.1);
    expect(inkIn(page, 0, 0.2, 1, 1)).toBe(0);
  });

  it('refuses a PDF that needs a password to open', async () => {
    const error = await fax('statement.pdf', lockedPdf('User locked', { user: 'open-sesame', owner: 'bank-secret' })).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(FaxError);
    expect((error as FaxError).code).toBe('pdf_encrypted');
  });
});
