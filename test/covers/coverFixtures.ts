// Logos and cover checks for the cover template tests: pictures made on the spot with pngjs and
// jpeg-js, and what poppler (an independent reader) finds on a cover page: its text, its images.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

/** A logo whose left half is black and right half white: where it lands, the page shows it. */
function halfBlack(width: number, height: number): Buffer {
  const data = Buffer.alloc(width * height * 4, 255);
  for (let y = 0; y < height; y++) for (let x = 0; x < width / 2; x++) data.fill(0, (y * width + x) * 4, (y * width + x) * 4 + 3);
  return data;
}

export function logoPng(width = 300, height = 120): Buffer {
  const png = new PNG({ width, height });
  halfBlack(width, height).copy(png.data);
  return PNG.sync.write(png);
}

export function logoJpeg(width = 300, height = 120): Buffer {
  return Buffer.from(jpeg.encode({ data: halfBlack(width, height), width, height }, 90).data);
}

function withFile<T>(pdf: Uint8Array, work: (file: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'faxbot-cover-'));
  try {
    const file = join(dir, 'cover.pdf');
    writeFileSync(file, pdf);
    return work(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The page's text as poppler reads it, in reading order. */
export function pdftotext(pdf: Uint8Array): string {
  return withFile(pdf, (file) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }));
}

/** The images drawn on the first page, as `pdfimages -list` names them: width and height in pixels. */
export function pdfImages(pdf: Uint8Array): { width: number; height: number }[] {
  const list = withFile(pdf, (file) => execFileSync('pdfimages', ['-list', '-f', '1', '-l', '1', file], { encoding: 'utf8' }));
  return list
    .split('\n')
    .slice(2)
    .filter((line) => line.trim())
    .map((line) => line.trim().split(/\s+/))
    .filter((cols) => cols[2] === 'image')
    .map((cols) => ({ width: Number(cols[3]), height: Number(cols[4]) }));
}
