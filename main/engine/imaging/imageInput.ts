// PNG and JPEG pictures (phone photos of a form, scans) become one fax page each, as large as
// the paper allows. pdf-lib embeds them as they are (palette, 16-bit, alpha, CMYK JPEG). What it
// cannot read is refused: @napi-rs/canvas's decoder crashes the whole process on some damaged
// files, so it must never see untrusted pictures.
import { PDFDocument, type PDFImage } from 'pdf-lib';
import { drawImagePage, type Paper } from './pageLayout';
import { jpegHeader, pngHeader, type ImageHeader } from './imageHeaders';
import { tooManyPixels, unreadableImage } from './refusals';
import type { FaxPages } from './pdfInput';

/** A 600-dpi scan of a Letter or A4 page is about 35 million pixels; beyond this is a mistake or an attack. */
export const MAX_IMAGE_PIXELS = 50_000_000;

export function checkPixels(fileName: string, width: number, height: number): void {
  if (!(width > 0 && height > 0)) return; // decoding will report it as unreadable
  if (width * height > MAX_IMAGE_PIXELS) throw tooManyPixels(fileName, width, height);
}

export async function imageToFaxPages(fileName: string, kind: 'png' | 'jpeg', bytes: Uint8Array, paper: Paper): Promise<FaxPages> {
  const header: ImageHeader | null = kind === 'png' ? pngHeader(bytes) : jpegHeader(bytes);
  if (header) checkPixels(fileName, header.width, header.height);
  const out = await PDFDocument.create();
  let image: PDFImage | null = null;
  try {
    image = kind === 'png' ? await out.embedPng(bytes) : await out.embedJpg(bytes);
    if (!(image.width > 0 && image.height > 0)) image = null;
  } catch {
    image = null;
  }
  if (!image) throw unreadableImage(fileName, kind);
  drawImagePage(out, paper, image, image.width, image.height, header?.clockwise ?? 0);
  return { pdf: await out.save({ useObjectStreams: true }), pages: 1 };
}
