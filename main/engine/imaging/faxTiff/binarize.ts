// Greyscale page → 1-bit fax page. Text wants a hard threshold: dithering would fray the
// edges of letters and make them harder to read at 200 dpi. Photographs and scanned
// pictures want dithering: thresholded, a face or a shaded chart becomes black blobs. A page
// may hold both (a letter with a photo, a form with grey fills), so the choice is made per
// 16×16 block: a block where most pixels are mid-grey is a picture and is dithered, any other
// block (white paper, black strokes, the grey fringe of anti-aliased text) is thresholded.
// An ordered screen depends only on the pixel's position, so dithered and thresholded
// blocks sit side by side without seams; error diffusion would leak across them.
import { blankBitmap, type FaxBitmap } from './bitmap';

const BLOCK = 16;
/** Luminance below which a pixel is ink. Slightly dark of middle, so faint scanner noise stays white. */
export const INK_THRESHOLD = 128;
// "Mid-grey" excludes paper (scans are often a little grey, ~200+) and solid ink.
const MID_LOW = 48;
const MID_HIGH = 200;
const PICTURE_SHARE = 0.6;

const CELL = 8;
/**
 * Clustered-dot screen: in each 8×8 cell the dot grows from the centre outwards, like a
 * newspaper halftone (about 25 dots per inch at 204 dpi). Dispersed dithering (Bayer) looks
 * finer on screen but makes a transition at nearly every pixel: Group 4 codes it about three
 * times larger, and fax machines' dot gain turns it to mud. Thresholds 0–255 spread evenly,
 * so a grey g comes out about g/255 white.
 */
const SCREEN = (() => {
  const cells = [];
  for (let y = 0; y < CELL; y++) {
    for (let x = 0; x < CELL; x++) {
      const dx = x - (CELL - 1) / 2,
        dy = y - (CELL - 1) / 2;
      cells.push({ at: y * CELL + x, order: dx * dx + dy * dy + Math.atan2(dy, dx) * 1e-3 });
    }
  }
  const screen = new Uint8Array(CELL * CELL);
  cells.sort((a, b) => a.order - b.order).forEach((cell, rank) => (screen[cell.at] = Math.round(((rank + 0.5) * 256) / (CELL * CELL))));
  return screen;
})();

export interface BinarizeStats {
  pictureBlocks: number;
  blocks: number;
}

/** Turn a width × height greyscale image (0 black … 255 white) into a fax bitmap. */
export function binarize(grey: Uint8Array, width: number, height: number, stats?: BinarizeStats): FaxBitmap {
  const page = blankBitmap(width, height);
  const { bits, stride } = page;
  let pictureBlocks = 0;
  let blocks = 0;
  for (let by = 0; by < height; by += BLOCK) {
    const yEnd = Math.min(height, by + BLOCK);
    for (let bx = 0; bx < width; bx += BLOCK) {
      const xEnd = Math.min(width, bx + BLOCK);
      let mid = 0;
      let darkest = 255;
      for (let y = by; y < yEnd; y++) {
        const row = y * width;
        for (let x = bx; x < xEnd; x++) {
          const g = grey[row + x];
          if (g >= MID_LOW && g <= MID_HIGH) mid++;
          if (g < darkest) darkest = g;
        }
      }
      blocks++;
      const picture = mid >= PICTURE_SHARE * (yEnd - by) * (xEnd - bx);
      if (picture) pictureBlocks++;
      // Most of a text page is blank paper: nothing to set in this block.
      else if (darkest >= INK_THRESHOLD) continue;
      for (let y = by; y < yEnd; y++) {
        const row = y * width;
        const out = y * stride;
        const screenRow = (y % CELL) * CELL;
        for (let x = bx; x < xEnd; x++) {
          const limit = picture ? SCREEN[screenRow + (x % CELL)] : INK_THRESHOLD;
          if (grey[row + x] < limit) bits[out + (x >> 3)] |= 0x80 >> (x & 7);
        }
      }
    }
  }
  if (stats) {
    stats.pictureBlocks = pictureBlocks;
    stats.blocks = blocks;
  }
  return page;
}
