// Reads fax TIFFs: every page directory (thumbnails skipped), either byte order, any number of
// strips. Anything that is not a bilevel fax image is refused with a sentence a person can
// act on; damaged files never crash or hang the reader.
import { FaxError } from '../../../../shared/errors';
import { blankBitmap, reverseBits, type FaxBitmap } from './bitmap';
import { decodeStrip, FaxCodingError, type FaxCoding } from './faxDecode';

export interface FaxTiffPage {
  width: number;
  height: number;
  /** Dots per inch, after converting from centimetres when the file uses them. */
  xRes: number;
  yRes: number;
  /** TIFF Compression: 1 none, 2 Modified Huffman, 3 T.4 (G3), 4 T.6 (G4). */
  compression: number;
  /** 0 WhiteIsZero (fax), 1 BlackIsZero. */
  photometric: number;
  fillOrder: number;
  /** TIFF T4Options (Compression 3): bit 0 two-dimensional, bit 2 byte-aligned EOLs. */
  t4Options: number;
  rowsPerStrip: number;
  /** Each strip's bytes, as stored. */
  strips: Uint8Array[];
  /** All strips' bytes in order, as stored (one strip: exactly the page's coded data). */
  data: Uint8Array;
}

export const MAX_FAX_TIFF_PAGES = 1000;
// Real fax pages are 1728–3456 pixels wide and at most about 4600 rows (A4 at 400 dpi).
const MAX_WIDTH = 8192;
const MAX_HEIGHT = 32768;

function damaged(detail: string): FaxError {
  return new FaxError('invalid_input', `This fax image is damaged (${detail}): ask the sender to send it again.`, { field: 'file' });
}

function notAFax(detail: string): FaxError {
  return new FaxError(
    'unsupported_type',
    `This TIFF is not a fax image (${detail}): a fax is black and white, 1 bit per pixel, CCITT Group 3 or Group 4. Save it as PDF or PNG and add it as a document instead.`,
    { field: 'file' },
  );
}

const TYPE_SIZES: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4 };

export function readFaxTiff(tiff: Uint8Array): { pages: FaxTiffPage[] } {
  if (!(tiff instanceof Uint8Array) || tiff.length < 8) throw damaged('the file is too short to be a TIFF');
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const order = String.fromCharCode(tiff[0], tiff[1]);
  if (order !== 'II' && order !== 'MM') throw damaged('it does not start like a TIFF file');
  const le = order === 'II';
  const magic = view.getUint16(2, le);
  if (magic === 43) throw notAFax('it is a BigTIFF');
  if (magic !== 42) throw damaged('it does not start like a TIFF file');

  const u16 = (at: number) => view.getUint16(at, le);
  const u32 = (at: number) => view.getUint32(at, le);
  const pages: FaxTiffPage[] = [];
  const seen = new Set<number>();
  let offset = u32(4);
  while (offset !== 0) {
    if (seen.has(offset)) throw damaged('its page list loops back on itself');
    if (seen.size >= MAX_FAX_TIFF_PAGES) throw notAFax(`it has more than ${MAX_FAX_TIFF_PAGES} pages`);
    seen.add(offset);
    if (offset + 2 > tiff.length) throw damaged('a page directory is past the end of the file');
    const count = u16(offset);
    if (offset + 2 + count * 12 + 4 > tiff.length) throw damaged('a page directory is cut off');
    const tags = new Map<number, number[]>();
    for (let i = 0; i < count; i++) {
      const at = offset + 2 + i * 12;
      tags.set(u16(at), readValues(u16(at + 2), u32(at + 4), at + 8));
    }
    const subfile = tags.get(254)?.[0] ?? 0;
    if ((subfile & 1) === 0) pages.push(pageFrom(tags, pages.length + 1));
    offset = u32(offset + 2 + count * 12);
  }
  if (pages.length === 0) throw damaged('it has no pages');
  return { pages };

  function readValues(type: number, n: number, at: number): number[] {
    const size = TYPE_SIZES[type];
    if (!size) return [];
    // Only numeric tags matter here; a long array (e.g. a colour map) is not read in full.
    if (n > 100_000) throw damaged('a tag claims an impossible number of values');
    const bytes = size * n;
    const start = bytes <= 4 ? at : u32(at);
    if (start + bytes > tiff.length) throw damaged('a tag points past the end of the file');
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      const p = start + i * size;
      if (type === 3) out.push(u16(p));
      else if (type === 4) out.push(u32(p));
      else if (type === 5) out.push(u32(p) / (u32(p + 4) || 1));
      else if (type === 1 || type === 7) out.push(tiff[p]);
      else if (type === 8) out.push(view.getInt16(p, le));
      else if (type === 9) out.push(view.getInt32(p, le));
      else out.push(NaN);
    }
    return out;
  }

  function pageFrom(tags: Map<number, number[]>, n: number): FaxTiffPage {
    const one = (tag: number, fallback?: number): number => {
      const v = tags.get(tag)?.[0];
      if (v === undefined || Number.isNaN(v)) {
        if (fallback === undefined) throw damaged(`page ${n} lacks its ${TAG_NAMES[tag] ?? `tag ${tag}`}`);
        return fallback;
      }
      return v;
    };
    const width = one(256);
    const height = one(257);
    if (!(width >= 1 && width <= MAX_WIDTH && height >= 1 && height <= MAX_HEIGHT)) {
      throw notAFax(`page ${n} is ${width} × ${height} pixels; a fax page is 1728 pixels wide and a few thousand rows long`);
    }
    const bitsPerSample = tags.get(258) ?? [1];
    const samples = one(277, 1);
    if (samples !== 1 || bitsPerSample.some((b) => b !== 1)) {
      throw notAFax(`page ${n} has ${samples} × ${bitsPerSample[0]}-bit colour samples`);
    }
    const compression = one(259, 1);
    if (![1, 2, 3, 4].includes(compression)) throw notAFax(`page ${n} uses compression ${compression}`);
    const photometric = one(262, 0);
    if (photometric !== 0 && photometric !== 1) throw notAFax(`page ${n} uses photometric ${photometric}`);
    const fillOrder = one(266, 1);
    if (fillOrder !== 1 && fillOrder !== 2) throw damaged(`page ${n} has fill order ${fillOrder}`);
    const t4Options = one(292, 0);
    if (compression === 3 && t4Options & 2) throw notAFax(`page ${n} allows uncompressed mode`);
    if (compression === 4 && one(293, 0) & 2) throw notAFax(`page ${n} allows uncompressed mode`);

    const offsets = tags.get(273) ?? [];
    const counts = tags.get(279) ?? [];
    const rowsPerStrip = Math.min(one(278, height), height);
    if (!(rowsPerStrip >= 1)) throw damaged(`page ${n} has ${rowsPerStrip} rows per strip`);
    const expected = Math.ceil(height / rowsPerStrip);
    if (offsets.length !== expected || counts.length !== expected)
      throw damaged(`page ${n} lists ${offsets.length} pieces of image data where ${expected} were expected`);
    const strips = offsets.map((start, i) => {
      const length = counts[i];
      if (!(length >= 0 && start + length <= tiff.length)) throw damaged(`page ${n}'s image data runs past the end of the file`);
      return tiff.subarray(start, start + length);
    });
    const data = strips.length === 1 ? strips[0] : concat(strips);

    const unit = one(296, 2);
    const toDpi = (r: number) => (unit === 3 ? r * 2.54 : r);
    let xRes = toDpi(one(282, 0));
    let yRes = toDpi(one(283, 0));
    // A fax TIFF without resolution tags: 204 dpi across; a page much wider than tall is the
    // "normal" 98-line mode, where a Letter page has about 1100 rows for 1728 columns.
    if (!(xRes > 0 && yRes > 0) || unit === 1) {
      xRes = 204;
      yRes = height / width < 0.9 ? 98 : 196;
    }
    return { width, height, xRes, yRes, compression, photometric, fillOrder, t4Options, rowsPerStrip, strips, data };
  }
}

const TAG_NAMES: Record<number, string> = { 256: 'width', 257: 'height' };

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function codingOf(page: FaxTiffPage): FaxCoding | null {
  if (page.compression === 4) return { kind: 'g4' };
  if (page.compression === 3) return { kind: 'g3', twoDimensional: (page.t4Options & 1) === 1 };
  if (page.compression === 2) return { kind: 'mh' };
  return null;
}

/** Decode one page to a bitmap with 1 = black, whatever its coding, fill order or photometric. */
export function decodeFaxPage(page: FaxTiffPage, pageNumber = 1): FaxBitmap {
  const out = blankBitmap(page.width, page.height);
  const coding = codingOf(page);
  try {
    page.strips.forEach((raw, i) => {
      const strip = page.fillOrder === 2 ? reverseBits(raw) : raw;
      const first = i * page.rowsPerStrip;
      const rows = Math.min(page.rowsPerStrip, page.height - first);
      if (coding) decodeStrip(strip, coding, page.width, rows, out, first);
      else copyRaw(strip, out, first, rows, pageNumber);
    });
  } catch (error) {
    if (error instanceof FaxCodingError) throw damaged(`page ${pageNumber}: ${error.message}`);
    throw error;
  }
  // Coded data's "white" is white on paper only for WhiteIsZero; BlackIsZero shows it inverted.
  if (page.photometric === 1) for (let i = 0; i < out.bits.length; i++) out.bits[i] ^= 0xff;
  if (page.photometric === 1) clearRowPadding(out);
  return out;
}

function copyRaw(strip: Uint8Array, out: FaxBitmap, first: number, rows: number, pageNumber: number): void {
  if (strip.length < rows * out.stride) throw damaged(`page ${pageNumber}'s image data is cut off`);
  out.bits.set(strip.subarray(0, rows * out.stride), first * out.stride);
}

function clearRowPadding(page: FaxBitmap): void {
  const spare = page.stride * 8 - page.width;
  if (spare === 0) return;
  const mask = (0xff << spare) & 0xff;
  for (let y = 0; y < page.height; y++) page.bits[y * page.stride + page.stride - 1] &= mask;
}
