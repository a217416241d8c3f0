// Where a source page or image lands on the fax paper. Every output page is exactly Letter or
// A4 portrait; content is scaled to fit (never cropped), centred, and turned a quarter when it
// is landscape so it comes out as large as the paper allows.
import { degrees, type PDFDocument, type PDFEmbeddedPage, type PDFImage, type PDFPage } from 'pdf-lib';
import type { PaperSize } from '../../../shared/model';
import { FaxError } from '../../../shared/errors';

export interface Paper {
  width: number;
  height: number;
}

export const PAPER: Record<PaperSize, Paper> = {
  letter: { width: 612, height: 792 },
  a4: { width: 595.28, height: 841.89 },
};

/** Below this (a quarter inch) a page holds nothing a person could read on a fax. */
export const MIN_PAGE_SIDE_PT = 18;

export function paperFor(size: PaperSize): Paper {
  const paper = PAPER[size];
  if (!paper)
    throw new FaxError('invalid_input', `Paper size "${String(size)}" is not one Faxbot knows: choose Letter or A4.`, {
      field: 'paperSize',
    });
  return paper;
}

/** How to draw content of width×height (already upright) onto the paper, for pdf-lib's drawPage/drawImage. */
export interface Placement {
  x: number;
  y: number;
  scale: number;
  rotate: number; /* degrees, counter-clockwise */
}

/**
 * Fit content to the paper. `clockwise` is the extra turn the content needs to be upright
 * (a PDF page's /Rotate), applied before deciding whether it is landscape.
 */
export function placeOnPaper(paper: Paper, width: number, height: number, clockwise = 0): Placement {
  const turn = (((Math.round(clockwise / 90) * 90) % 360) + 360) % 360;
  const shownW = turn % 180 === 0 ? width : height;
  const shownH = turn % 180 === 0 ? height : width;
  // Landscape: turn a further quarter counter-clockwise, so the top of the page runs up the left edge.
  const landscape = shownW > shownH;
  const totalClockwise = (turn + (landscape ? 270 : 0)) % 360;
  const fitW = landscape ? shownH : shownW;
  const fitH = landscape ? shownW : shownH;
  const scale = Math.min(paper.width / fitW, paper.height / fitH);
  const sw = width * scale;
  const sh = height * scale;
  const ccw = (360 - totalClockwise) % 360;
  // pdf-lib rotates about (x, y); pick (x, y) so the rotated box is centred on the paper.
  const cx = paper.width / 2;
  const cy = paper.height / 2;
  switch (ccw) {
    case 0:
      return { x: cx - sw / 2, y: cy - sh / 2, scale, rotate: 0 };
    case 90:
      return { x: cx + sh / 2, y: cy - sw / 2, scale, rotate: 90 };
    case 180:
      return { x: cx + sw / 2, y: cy + sh / 2, scale, rotate: 180 };
    default:
      return { x: cx - sh / 2, y: cy + sw / 2, scale, rotate: 270 };
  }
}

export function drawEmbeddedPage(out: PDFDocument, paper: Paper, embedded: PDFEmbeddedPage, clockwise: number): PDFPage {
  const page = out.addPage([paper.width, paper.height]);
  const p = placeOnPaper(paper, embedded.width, embedded.height, clockwise);
  page.drawPage(embedded, { x: p.x, y: p.y, xScale: p.scale, yScale: p.scale, rotate: degrees(p.rotate) });
  return page;
}

/**
 * Draw an image whose pixels may not be square (fax TIFFs are often 204×98 dpi): widthPt/heightPt
 * give its true shape. `clockwise` turns it upright (a photo's EXIF orientation).
 */
export function drawImagePage(out: PDFDocument, paper: Paper, image: PDFImage, widthPt: number, heightPt: number, clockwise = 0): PDFPage {
  const page = out.addPage([paper.width, paper.height]);
  const p = placeOnPaper(paper, widthPt, heightPt, clockwise);
  page.drawImage(image, { x: p.x, y: p.y, width: widthPt * p.scale, height: heightPt * p.scale, rotate: degrees(p.rotate) });
  return page;
}
