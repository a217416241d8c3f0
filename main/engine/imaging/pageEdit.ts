// Send's page view: a staged document rewritten with only the pages the person kept, in the
// order kept, each turned by the quarter turns they added. Turning sets the page's /Rotate
// (lossless, and two quarter turns make exactly a half); pdf.js, every PDF reader and the fax
// renderer (faxTiff/pageRender.ts, which fits the turned page on the paper) all honour it.
import { PDFDocument, degrees } from 'pdf-lib';
import { FaxError } from '../../../shared/errors';

export interface PageEdit {
  /** 1-based page of the document as it is now. */
  page: number;
  /** Degrees clockwise to add: a multiple of 90 (negative turns left). */
  rotate: number;
}

/** Refuses an edit list that cannot be applied, in a sentence; answers nothing when it can. */
function checkEdits(fileName: string, pageCount: number, edits: readonly PageEdit[]): void {
  if (edits.length === 0)
    throw new FaxError('invalid_input', 'A document needs at least one page: remove the document instead.', { field: 'pages' });
  const seen = new Set<number>();
  for (const { page, rotate } of edits) {
    if (!Number.isInteger(page) || page < 1 || page > pageCount) {
      const has = pageCount === 1 ? 'has 1 page' : `has ${pageCount} pages`;
      throw new FaxError('invalid_input', `${fileName} ${has}, so there is no page ${page}: choose pages from 1 to ${pageCount}.`, {
        field: 'pages',
      });
    }
    if (seen.has(page))
      throw new FaxError('invalid_input', `Page ${page} of ${fileName} is listed twice: list each page to keep once, in order.`, {
        field: 'pages',
      });
    seen.add(page);
    if (!Number.isInteger(rotate) || rotate % 90 !== 0)
      throw new FaxError(
        'invalid_input',
        `Page ${page} of ${fileName} cannot be turned ${rotate} degrees: turn pages in quarter turns (90, 180 or 270 degrees).`,
        { field: 'pages' },
      );
  }
}

export async function editPdfPages(
  fileName: string,
  pdf: Uint8Array,
  edits: readonly PageEdit[],
): Promise<{ pdf: Uint8Array; pages: number }> {
  let source: PDFDocument;
  try {
    source = await PDFDocument.load(pdf, { updateMetadata: false });
  } catch (error) {
    throw new FaxError('pdf_damaged', `${fileName} could not be opened to change its pages: remove it and add the file again.`, {
      cause: error,
    });
  }
  checkEdits(fileName, source.getPageCount(), edits);
  const out = await PDFDocument.create();
  const copied = await out.copyPages(
    source,
    edits.map((edit) => edit.page - 1),
  );
  copied.forEach((page, i) => {
    const turned = (((page.getRotation().angle + edits[i].rotate) % 360) + 360) % 360;
    page.setRotation(degrees(turned));
    out.addPage(page);
  });
  return { pdf: await out.save({ useObjectStreams: true }), pages: copied.length };
}
