// Small, valid PDFs made on the spot, for tests that need a document but not a particular one.
import { PDFDocument, StandardFonts } from 'pdf-lib';

export async function makeTestPdf(pages: number, label = 'Test page'): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= pages; i++) {
    const page = doc.addPage([612, 792]);
    page.drawText(`${label} ${i} of ${pages}`, { x: 72, y: 700, size: 24, font });
  }
  return doc.save();
}
