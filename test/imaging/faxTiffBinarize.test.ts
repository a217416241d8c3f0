// Greyscale → 1 bit: text is thresholded (crisp strokes), pictures are screened (grey survives).
import { describe, expect, it } from 'vitest';
import { binarize } from '../../main/engine/imaging/faxTiff';
import { pixel } from './faxTiffTools';

function image(width: number, height: number, grey: (x: number, y: number) => number): Uint8Array {
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) out[y * width + x] = grey(x, y);
  return out;
}

function inkShare(grey: Uint8Array, width: number, height: number, x0: number, x1: number): number {
  const page = binarize(grey, width, height);
  let ink = 0;
  for (let y = 0; y < height; y++) for (let x = x0; x < x1; x++) ink += pixel(page, x, y);
  return ink / ((x1 - x0) * height);
}

describe('binarize', () => {
  it('keeps a flat grey as a matching share of ink instead of all black or all white', () => {
    for (const level of [64, 128, 192]) {
      const share = inkShare(
        image(256, 64, () => level),
        256,
        64,
        0,
        256,
      );
      expect(share, `grey ${level}`).toBeCloseTo(1 - level / 255, 1);
    }
  });

  it('thresholds black text on white paper, so strokes keep clean edges', () => {
    // Strokes 3 px wide with one grey anti-aliased pixel on each side, as pdf.js draws text.
    const grey = image(256, 64, (x) => (x % 16 < 3 ? 0 : x % 16 === 3 || x % 16 === 15 ? 150 : 255));
    const page = binarize(grey, 256, 64);
    for (let y = 0; y < 64; y += 7) {
      for (let x = 0; x < 256; x++) expect(pixel(page, x, y), `x ${x} y ${y}`).toBe(x % 16 < 3 ? 1 : 0);
    }
  });

  it('treats slightly grey scanned paper as white', () => {
    expect(
      inkShare(
        image(128, 64, (x, y) => 215 + ((x * 7 + y * 13) % 20)),
        128,
        64,
        0,
        128,
      ),
    ).toBe(0);
  });

  it('screens the picture part of a page and thresholds the text part beside it', () => {
    // Left half: a photo-like grey ramp; right half: white paper with a solid black bar.
    const grey = image(512, 64, (x) => (x < 256 ? 60 + (x % 128) : x >= 400 && x < 420 ? 0 : 255));
    const page = binarize(grey, 512, 64);
    let pictureInk = 0;
    for (let y = 0; y < 64; y++) for (let x = 0; x < 256; x++) pictureInk += pixel(page, x, y);
    expect(pictureInk / (256 * 64)).toBeGreaterThan(0.2);
    expect(pictureInk / (256 * 64)).toBeLessThan(0.8);
    for (let x = 256; x < 512; x++) expect(pixel(page, x, 30)).toBe(x >= 400 && x < 420 ? 1 : 0);
  });
});
