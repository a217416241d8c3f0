// Benchmark documents: real pages from pdf.js's test corpus, repeated to the length wanted.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PDFDocument } from 'pdf-lib';

const SOURCE = resolve(import.meta.dirname, '..', 'test', 'fixtures', 'pdfs', 'tracemonkey.pdf');

export async function realPdfOfPages(pages: number): Promise<Uint8Array> {
  const source = await PDFDocument.load(readFileSync(SOURCE));
  const out = await PDFDocument.create();
  const indices = source.getPageIndices();
  while (out.getPageCount() < pages) {
    const take = indices.slice(0, Math.min(indices.length, pages - out.getPageCount()));
    for (const page of await out.copyPages(source, take)) out.addPage(page);
  }
  return out.save();
}
