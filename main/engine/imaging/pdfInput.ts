// A PDF in, a fax-ready PDF out. Healthy PDFs keep their pages as vectors (embedded, never
// rasterised, so a 100-page document is quick and sharp); only what pdf-lib cannot use goes
// through pdf.js and comes out as pictures of its pages.
import { PDFDocument, PDFName, type PDFPage, type PageBoundingBox } from 'pdf-lib';
import { drawEmbeddedPage, drawImagePage, MIN_PAGE_SIDE_PT, type Paper } from './pageLayout';
import { rasterizePdf } from './repair';
import { flattenAnnotations } from './annotations';
import { damaged, encrypted, pageTooSmall, tooManyPages, type DocumentLimits } from './refusals';

export interface FaxPages {
  pdf: Uint8Array;
  pages: number;
}

/** pdf-lib parses in small steps between timer ticks, so this limit can interrupt a slow parse. */
const PARSE_TIME_LIMIT_MS = 30_000;

class ParseTimeout extends Error {}

function withTimeLimit<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ParseTimeout(`took longer than ${ms} ms`)), ms);
  });
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}

/** The part of the page a reader shows: the CropBox, kept inside the MediaBox. */
function visibleBox(page: PDFPage): PageBoundingBox {
  const media = page.getMediaBox();
  const crop = page.getCropBox();
  const left = Math.max(media.x, crop.x);
  const bottom = Math.max(media.y, crop.y);
  const right = Math.min(media.x + media.width, crop.x + crop.width);
  const top = Math.min(media.y + media.height, crop.y + crop.height);
  // A crop box outside the media box is nonsense; readers then show the media box.
  if (right - left <= 0 || top - bottom <= 0)
    return { left: media.x, bottom: media.y, right: media.x + media.width, top: media.y + media.height };
  return { left, bottom, right, top };
}

/** Filled form fields are widget annotations, which embedding drops: paint them into the page first. */
function flattenForm(doc: PDFDocument): boolean {
  let form;
  try {
    form = doc.getForm();
    if (form.getFields().length === 0) return true;
  } catch {
    return false;
  }
  try {
    form.flatten();
    return true;
  } catch {
    // Some fields cannot have fresh appearances drawn (odd fonts, broken widgets): keep the ones they have.
    try {
      form.flatten({ updateFieldAppearances: false });
      return true;
    } catch {
      return false;
    }
  }
}

/**
 * null when pdf-lib cannot use the file. That includes every encrypted PDF, since pdf-lib cannot
 * decrypt: pdf.js then opens those that need no password to view (owner restrictions only, as
 * banks and government sites publish them) and refuses the rest as password-protected.
 */
async function loadWithPdfLib(bytes: Uint8Array): Promise<PDFDocument | null> {
  try {
    return await withTimeLimit(PDFDocument.load(bytes, { updateMetadata: false, throwOnInvalidObject: false }), PARSE_TIME_LIMIT_MS);
  } catch {
    return null;
  }
}

export async function pdfToFaxPages(fileName: string, bytes: Uint8Array, paper: Paper, limits: DocumentLimits): Promise<FaxPages> {
  const source = await loadWithPdfLib(bytes);
  let pages: PDFPage[] = [];
  try {
    pages = source ? source.getPages() : [];
  } catch {
    pages = []; // a page tree pdf-lib cannot walk: let pdf.js try
  }
  if (!source || pages.length === 0) return rasterizedFaxPages(fileName, bytes, paper, limits);
  if (pages.length > limits.maxPages) throw tooManyPages(fileName, pages.length, limits.maxPages);

  const boxes = pages.map(visibleBox);
  boxes.forEach((box, i) => {
    const width = box.right - box.left;
    const height = box.top - box.bottom;
    if (!(Math.min(width, height) >= MIN_PAGE_SIDE_PT)) throw pageTooSmall(fileName, i + 1, Math.max(0, width), Math.max(0, height));
  });
  if (!flattenForm(source)) return rasterizedFaxPages(fileName, bytes, paper, limits);
  // A blank page may have no content stream at all; pdf-lib cannot embed that, so give it an empty one.
  for (const page of pages)
    if (!page.node.Contents()) page.node.set(PDFName.of('Contents'), source.context.register(source.context.stream('')));
  flattenAnnotations(source);

  try {
    // Fresh field appearances use fonts pdf-lib writes only on flush; without it they point at nothing.
    await source.flush();
    const out = await PDFDocument.create();
    const embedded = await out.embedPages(pages, boxes);
    embedded.forEach((page, i) => drawEmbeddedPage(out, paper, page, pages[i].getRotation().angle));
    const pdf = await out.save({ useObjectStreams: true });
    return { pdf, pages: embedded.length };
  } catch {
    // Content pdf-lib cannot copy (unknown stream filters, missing objects): pdf.js may still draw it.
    return rasterizedFaxPages(fileName, bytes, paper, limits);
  }
}

async function rasterizedFaxPages(fileName: string, bytes: Uint8Array, paper: Paper, limits: DocumentLimits): Promise<FaxPages> {
  const outcome = await rasterizePdf(bytes, { paper, maxPages: limits.maxPages });
  switch (outcome.kind) {
    case 'encrypted':
      throw encrypted();
    case 'damaged':
      throw damaged(fileName);
    case 'too_many_pages':
      throw tooManyPages(fileName, outcome.pages, limits.maxPages);
    case 'too_small':
      throw pageTooSmall(fileName, outcome.page, outcome.width, outcome.height);
  }
  const out = await PDFDocument.create();
  for (const page of outcome.pages) {
    const image = await out.embedPng(page.png);
    drawImagePage(out, paper, image, page.widthPt, page.heightPt);
  }
  return { pdf: await out.save({ useObjectStreams: true }), pages: outcome.pages.length };
}
