// TIFF in: received faxes saved from other software, multi-page scans. Each directory is a
// page. Fax TIFFs often have oblong pixels (204×98 dpi "normal" mode), so the page keeps the
// shape the resolution tags give it, not the shape of its pixel grid.
import UTIF, { type IFD } from 'utif2';
import { PDFDocument } from 'pdf-lib';
import { drawImagePage, type Paper } from './pageLayout';
import { encodeGreyPng, greyFromRgba } from './greyPng';
import { checkPixels } from './imageInput';
import { tooManyPages, unreadableImage, type DocumentLimits } from './refusals';
import type { FaxPages } from './pdfInput';

type Directory = IFD;

function tagNumber(ifd: Directory, tag: string): number | undefined {
  const value = ifd[tag] as unknown;
  const first = Array.isArray(value) ? value[0] : value;
  // Rationals arrive as [numerator, denominator].
  if (Array.isArray(first)) return first[1] ? Number(first[0]) / Number(first[1]) : undefined;
  return typeof first === 'number' && Number.isFinite(first) ? first : undefined;
}

/** Page directories only: bit 0 of NewSubfileType marks a thumbnail. */
function pageDirectories(directories: Directory[]): Directory[] {
  return directories.filter((ifd) => ((tagNumber(ifd, 't254') ?? 0) & 1) === 0);
}

export async function tiffToFaxPages(fileName: string, bytes: Uint8Array, paper: Paper, limits: DocumentLimits): Promise<FaxPages> {
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  let directories: Directory[];
  try {
    directories = pageDirectories(UTIF.decode(buffer));
  } catch {
    throw unreadableImage(fileName, 'tiff');
  }
  if (directories.length === 0) throw unreadableImage(fileName, 'tiff');
  if (directories.length > limits.maxPages) throw tooManyPages(fileName, directories.length, limits.maxPages);

  const out = await PDFDocument.create();
  for (const ifd of directories) {
    const width = tagNumber(ifd, 't256') ?? 0;
    const height = tagNumber(ifd, 't257') ?? 0;
    checkPixels(fileName, width, height);
    let grey: Uint8Array;
    try {
      UTIF.decodeImage(buffer, ifd);
      if (!(ifd.width > 0 && ifd.height > 0)) throw new Error('no image');
      grey = greyFromRgba(UTIF.toRGBA8(ifd), ifd.width, ifd.height);
    } catch {
      throw unreadableImage(fileName, 'tiff');
    }
    const bilevel = (tagNumber(ifd, 't258') ?? 8) === 1;
    const image = await out.embedPng(encodeGreyPng(grey, ifd.width, ifd.height, bilevel));
    const xres = tagNumber(ifd, 't282');
    const yres = tagNumber(ifd, 't283');
    const squarePixels = !(xres && yres && xres > 0 && yres > 0);
    // Only the ratio matters: the page is scaled to the paper afterwards.
    drawImagePage(out, paper, image, squarePixels ? ifd.width : ifd.width / xres, squarePixels ? ifd.height : ifd.height / yres);
  }
  return { pdf: await out.save({ useObjectStreams: true }), pages: directories.length };
}
