// The geometry behind every page: content fits the paper, centred, never cropped, whatever its turn.
import { describe, expect, it } from 'vitest';
import { PAPER, placeOnPaper } from '../../main/engine/imaging/pageLayout';

/** Where the content's corners land on the paper after pdf-lib's scale-then-rotate about (x, y). */
function landedBox(width: number, height: number, clockwise: number, paper = PAPER.letter) {
  const p = placeOnPaper(paper, width, height, clockwise);
  const r = (p.rotate * Math.PI) / 180;
  const corners = [
    [0, 0],
    [width, 0],
    [0, height],
    [width, height],
  ].map(([u, v]) => [p.x + p.scale * (u * Math.cos(r) - v * Math.sin(r)), p.y + p.scale * (u * Math.sin(r) + v * Math.cos(r))]);
  const xs = corners.map((c) => c[0]);
  const ys = corners.map((c) => c[1]);
  return { left: Math.min(...xs), right: Math.max(...xs), bottom: Math.min(...ys), top: Math.max(...ys), placement: p };
}

describe('placeOnPaper', () => {
  const shapes: Array<[number, number]> = [
    [612, 792],
    [595.28, 841.89],
    [792, 612],
    [649, 323],
    [100, 2000],
    [3000, 40],
  ];
  for (const [w, h] of shapes) {
    for (const turn of [0, 90, 180, 270, -90, 450]) {
      it(`fits a ${w}×${h} page turned ${turn}° inside Letter, centred, filling one side`, () => {
        const box = landedBox(w, h, turn);
        const eps = 1e-6;
        expect(box.left).toBeGreaterThanOrEqual(-eps);
        expect(box.bottom).toBeGreaterThanOrEqual(-eps);
        expect(box.right).toBeLessThanOrEqual(612 + eps);
        expect(box.top).toBeLessThanOrEqual(792 + eps);
        expect((box.left + box.right) / 2).toBeCloseTo(306, 6);
        expect((box.bottom + box.top) / 2).toBeCloseTo(396, 6);
        const fillsWidth = Math.abs(box.right - box.left - 612) < 1e-6;
        const fillsHeight = Math.abs(box.top - box.bottom - 792) < 1e-6;
        expect(fillsWidth || fillsHeight).toBe(true);
        // Portrait on the paper: the landed box is never wider than tall unless the content is a sliver.
        expect(box.top - box.bottom).toBeGreaterThanOrEqual(Math.min(box.right - box.left, 792) - 1e-6);
      });
    }
  }

  it('leaves a Letter page on Letter paper exactly as it was', () => {
    expect(placeOnPaper(PAPER.letter, 612, 792)).toEqual({ x: 0, y: 0, scale: 1, rotate: 0 });
  });

  it('undoes /Rotate 90 on a Letter page that is then shown landscape by turning it back', () => {
    // Shown landscape after /Rotate 90, so it turns a quarter back: net no rotation.
    expect(placeOnPaper(PAPER.letter, 612, 792, 90)).toMatchObject({ scale: 1, rotate: 0 });
    // /Rotate 180 keeps it portrait and upside-down as stored: turned 180°.
    expect(placeOnPaper(PAPER.letter, 612, 792, 180)).toMatchObject({ scale: 1, rotate: 180 });
  });
});
