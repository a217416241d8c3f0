// Renders a fax page with poppler's pdftoppm (an independent reader, not the code under test)
// so tests can ask where the ink is: which way an image was turned, and how much paper it fills.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface GreyPage {
  width: number;
  height: number;
  pixels: Uint8Array;
}

export function renderPage(pdf: Uint8Array, pageNumber: number, dpi = 18): GreyPage {
  const dir = mkdtempSync(join(tmpdir(), 'faxbot-render-'));
  try {
    const file = join(dir, 'page.pdf');
    writeFileSync(file, pdf);
    const pgm = execFileSync('pdftoppm', ['-gray', '-r', String(dpi), '-f', String(pageNumber), '-l', String(pageNumber), file]);
    const header = pgm.toString('latin1', 0, 32).match(/^P5\s+(\d+)\s+(\d+)\s+255\s/);
    if (!header) throw new Error('pdftoppm did not write a greyscale page');
    const [, width, height] = header.map(Number);
    return { width, height, pixels: new Uint8Array(pgm.subarray(header[0].length)) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Share of dark pixels in a region given as fractions of the page (0..1, top-left origin). */
export function inkIn(page: GreyPage, left: number, top: number, right: number, bottom: number): number {
  let dark = 0;
  let total = 0;
  for (let y = Math.floor(top * page.height); y < Math.ceil(bottom * page.height); y++) {
    for (let x = Math.floor(left * page.width); x < Math.ceil(right * page.width); x++) {
      total++;
      if (page.pixels[y * page.width + x] < 128) dark++;
    }
  }
  return total ? dark / total : 0;
}

/** The smallest box holding all dark pixels, as fractions of the page (top-left origin). */
export function inkBox(page: GreyPage): { left: number; top: number; right: number; bottom: number } | null {
  let left = page.width,
    top = page.height,
    right = -1,
    bottom = -1;
  for (let y = 0; y < page.height; y++) {
    for (let x = 0; x < page.width; x++) {
      if (page.pixels[y * page.width + x] >= 128) continue;
      left = Math.min(left, x);
      right = Math.max(right, x);
      top = Math.min(top, y);
      bottom = Math.max(bottom, y);
    }
  }
  if (right < 0) return null;
  return { left: left / page.width, top: top / page.height, right: (right + 1) / page.width, bottom: (bottom + 1) / page.height };
}
