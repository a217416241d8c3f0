// A practice's logo for the letterhead: a PNG or JPEG, decoded whole by pure-JavaScript
// decoders (pngjs checks every chunk's CRC and the compressed data; jpeg-js reads every scan),
// so a damaged file is refused here rather than printed broken. What is kept is a fresh PNG,
// scaled to what a letterhead needs and flattened onto white paper: never the file as given.
// (@napi-rs/canvas is not used: its decoder can crash the process on damaged pictures.)
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { FaxError } from '../../../shared/errors';
import { COVER_TEMPLATE_LIMITS } from '../../../shared/coverTemplates';
import { decodeText, describeUnsupported, sniffDocumentKind } from './sniff';
import { markupKind } from './markup';
import { jpegHeader, pngHeader } from './imageHeaders';
import type { CoverLogo } from './coverDesign';

/** The largest logo kept: 4 × 1.6 inches at 300 dpi, more than the letterhead's box needs. */
export const LOGO_KEPT = { width: 1200, height: 480 };

const SAVE_AS = 'save it as a PNG or JPEG picture and add that';

/** "2.4 MB"; with more decimals when one would read as the limit itself ("2.003 MB, more than the 2 MB"). */
function megabytes(bytes: number, limit = Infinity): string {
  const mb = bytes / (1024 * 1024);
  const digits = [1, 2, 3].find((d) => Number(mb.toFixed(d)) !== Number((limit / (1024 * 1024)).toFixed(d))) ?? 3;
  return `${Number(mb.toFixed(digits))} MB`;
}

function refuse(code: 'invalid_input' | 'unsupported_type' | 'file_too_large', message: string): FaxError {
  return new FaxError(code, message, { field: 'logo' });
}

function displayName(fileName: string): string {
  return (
    fileName
      .replace(/^.*[\\/]/, '')
      .trim()
      .slice(0, 80) || 'The logo'
  );
}

/** Checks a logo file and answers it as a flattened PNG no larger than LOGO_KEPT. Throws FaxError. */
export function readCoverLogo(fileName: string, bytes: Uint8Array): CoverLogo {
  const name = displayName(fileName);
  if (!(bytes instanceof Uint8Array) || bytes.length === 0)
    throw refuse('invalid_input', `${name} is empty (0 bytes): choose the logo file again.`);
  const max = COVER_TEMPLATE_LIMITS.logoBytes;
  if (bytes.length > max)
    throw refuse(
      'file_too_large',
      `${name} is ${megabytes(bytes.length, max)}, more than the ${megabytes(max)} a logo can be: save it smaller (about 600 × 240 pixels is plenty) and add it again.`,
    );
  const kind = sniffDocumentKind(bytes);
  if (kind === 'text') {
    const markup = markupKind(name, decodeText(bytes) ?? '');
    if (markup) throw refuse('unsupported_type', `${name} is ${markup.kind}, not a picture Faxbot can put on a cover page: ${SAVE_AS}.`);
    throw refuse('unsupported_type', `${name} is a text file, not a picture: ${SAVE_AS}.`);
  }
  if (kind !== 'png' && kind !== 'jpeg') {
    const looksLike = kind === 'pdf' ? 'a PDF' : kind === 'tiff' ? 'a TIFF image' : describeUnsupported(bytes);
    throw refuse(
      'unsupported_type',
      `${name} is not a PNG or JPEG picture${looksLike ? ` (it looks like ${looksLike})` : ''}: ${SAVE_AS}.`,
    );
  }
  const header = kind === 'png' ? pngHeader(bytes) : jpegHeader(bytes);
  if (!header || !(header.width > 0 && header.height > 0)) throw damaged(name, kind);
  const side = COVER_TEMPLATE_LIMITS.logoSide;
  if (header.width > side || header.height > side)
    throw refuse(
      'file_too_large',
      `${name} is ${header.width} × ${header.height} pixels, too large for a logo: save it at most ${side} pixels a side (about 600 × 240 is plenty) and add it again.`,
    );
  const rgba = decode(name, kind, bytes);
  return encodeFlattened(scaleDown(rgba, LOGO_KEPT));
}

interface Pixels {
  width: number;
  height: number;
  /** RGBA, 8 bits a channel. */
  data: Uint8Array;
}

function damaged(name: string, kind: 'png' | 'jpeg'): FaxError {
  return refuse(
    'unsupported_type',
    `${name} is a damaged ${kind.toUpperCase()} picture Faxbot cannot read: open it in an image program, save it again as PNG or JPEG, and add that copy.`,
  );
}

function decode(name: string, kind: 'png' | 'jpeg', bytes: Uint8Array): Pixels {
  try {
    if (kind === 'png') {
      const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      return { width: png.width, height: png.height, data: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.byteLength) };
    }
    const image = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: 16, maxMemoryUsageInMB: 256 });
    return { width: image.width, height: image.height, data: image.data };
  } catch {
    throw damaged(name, kind);
  }
}

/** Area-averaged down to fit `box` (never up), alpha-weighted so transparent edges do not darken. */
function scaleDown(source: Pixels, box: { width: number; height: number }): Pixels {
  const scale = Math.min(box.width / source.width, box.height / source.height, 1);
  const width = Math.max(1, Math.round(source.width * scale));
  const height = Math.max(1, Math.round(source.height * scale));
  if (width === source.width && height === source.height) return source;
  const data = new Uint8Array(width * height * 4);
  const xStep = source.width / width;
  const yStep = source.height / height;
  for (let y = 0; y < height; y++) {
    const y0 = Math.floor(y * yStep);
    const y1 = Math.max(y0 + 1, Math.floor((y + 1) * yStep));
    for (let x = 0; x < width; x++) {
      const x0 = Math.floor(x * xStep);
      const x1 = Math.max(x0 + 1, Math.floor((x + 1) * xStep));
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      let n = 0;
      for (let sy = y0; sy < y1; sy++)
        for (let sx = x0; sx < x1; sx++) {
          const i = (sy * source.width + sx) * 4;
          const alpha = source.data[i + 3];
          r += source.data[i] * alpha;
          g += source.data[i + 1] * alpha;
          b += source.data[i + 2] * alpha;
          a += alpha;
          n++;
        }
      const o = (y * width + x) * 4;
      data[o] = a ? Math.round(r / a) : 255;
      data[o + 1] = a ? Math.round(g / a) : 255;
      data[o + 2] = a ? Math.round(b / a) : 255;
      data[o + 3] = Math.round(a / n);
    }
  }
  return { width, height, data };
}

/** Onto white paper (a fax has no transparency), as an RGB PNG. */
function encodeFlattened(pixels: Pixels): CoverLogo {
  const png = new PNG({ width: pixels.width, height: pixels.height });
  for (let i = 0; i < pixels.data.length; i += 4) {
    const alpha = pixels.data[i + 3] / 255;
    for (let c = 0; c < 3; c++) png.data[i + c] = Math.round(pixels.data[i + c] * alpha + 255 * (1 - alpha));
    png.data[i + 3] = 255;
  }
  const out = PNG.sync.write(png, { colorType: 2 });
  return { png: new Uint8Array(out.buffer, out.byteOffset, out.byteLength), width: pixels.width, height: pixels.height };
}
