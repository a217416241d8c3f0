// Valid PDFs made on the spot, for tests that need a document but not a particular one.
import { randomBytes } from 'node:crypto';
import { PDFDocument, PDFName, StandardFonts } from 'pdf-lib';

export async function makeTestPdf(pages: number, label = 'Test page'): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= pages; i++) {
    const page = doc.addPage([612, 792]);
    page.drawText(`${label} ${i} of ${pages}`, { x: 72, y: 700, size: 24, font });
  }
  return doc.save();
}

/** A one-page PDF carrying ~0.8 MB of content-stream comments (valid, drawn as nothing): big enough to stream in many chunks. */
export async function makeBulkyPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([612, 792]);
  const lines = Array.from({ length: 24_000 }, () => `% ${randomBytes(30).toString('hex')}\n`).join('');
  const stream = doc.context.stream(`${lines}BT /F1 12 Tf 72 700 Td ET\n`);
  page.node.set(PDFName.of('Contents'), doc.context.register(stream));
  return doc.save({ useObjectStreams: false });
}
