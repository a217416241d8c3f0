// What a printer prints, the fax shows: printable annotations (signatures, stamps) are kept,
// hidden or screen-only ones are not.
import { describe, expect, it } from 'vitest';
import { PDFDocument, PDFName } from 'pdf-lib';
import { normalizeDocument } from '../../main/engine/imaging';
import { inkIn, renderPage } from './pageRender';

/** A blank Letter page carrying one black-box annotation per entry, each with its own appearance. */
async function pageWithAnnotations(
  boxes: Array<{ rect: [number, number, number, number]; flags: number; subtype?: string; matrix?: number[] }>,
): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([612, 792]);
  const refs = boxes.map(({ rect, flags, subtype = 'Stamp', matrix }) => {
    // Drawn in its own 20 × 10 box; the reader stretches it onto Rect.
    const appearance = doc.context.register(
      doc.context.stream('0 g 0 0 20 10 re f', {
        Type: 'XObject',
        Subtype: 'Form',
        BBox: [0, 0, 20, 10],
        ...(matrix ? { Matrix: matrix } : {}),
      }),
    );
    return doc.context.register(doc.context.obj({ Type: 'Annot', Subtype: subtype, Rect: rect, F: flags, AP: { N: appearance } }));
  });
  page.node.set(PDFName.of('Annots'), doc.context.obj(refs));
  return doc.save();
}

const region = (rect: [number, number, number, number]) => [rect[0] / 612, 1 - rect[3] / 792, rect[2] / 612, 1 - rect[1] / 792] as const;

describe('annotations', () => {
  it('paints printable annotations into the fax page, where a reader shows them', async () => {
    const signature: [number, number, number, number] = [100, 100, 300, 200];
    const screenOnly: [number, number, number, number] = [350, 500, 500, 600];
    const hidden: [number, number, number, number] = [100, 500, 250, 600];
    const link: [number, number, number, number] = [350, 100, 500, 200];
    const pdf = await pageWithAnnotations([
      { rect: signature, flags: 4 }, // Print
      { rect: screenOnly, flags: 0 },
      { rect: hidden, flags: 4 | 2 }, // Print but Hidden
      { rect: link, flags: 4, subtype: 'Link' },
    ]);
    const result = await normalizeDocument(
      { fileName: 'signed.pdf', bytes: pdf },
      { paperSize: 'letter', limits: { maxBytes: 1e6, maxPages: 5 } },
    );
    const page = renderPage(result.pdf, 1, 36);
    const inside = (r: [number, number, number, number]) => {
      const [l, t, rt, b] = region(r);
      const w = rt - l,
        h = b - t; // stay clear of edges, where anti-aliasing blurs
      return inkIn(page, l + w * 0.1, t + h * 0.1, rt - w * 0.1, b - h * 0.1);
    };
    expect(inside(signature)).toBeGreaterThan(0.95);
    expect(inside(screenOnly)).toBe(0);
    expect(inside(hidden)).toBe(0);
    expect(inside(link)).toBe(0);
    expect(inkIn(page, 0, 0, 1, 0.5)).toBe(0); // nothing anywhere else
  });

  it('honours an appearance matrix that turns the appearance a quarter', async () => {
    // Matrix turns the 20 × 10 box into 10 × 20; it must still fill Rect exactly.
    const rect: [number, number, number, number] = [200, 300, 260, 420];
    const pdf = await pageWithAnnotations([{ rect, flags: 4, matrix: [0, 1, -1, 0, 0, 0] }]);
    const result = await normalizeDocument(
      { fileName: 'stamp.pdf', bytes: pdf },
      { paperSize: 'letter', limits: { maxBytes: 1e6, maxPages: 5 } },
    );
    const page = renderPage(result.pdf, 1, 36);
    const [l, t, r, b] = region(rect);
    expect(inkIn(page, l + 0.01, t + 0.01, r - 0.01, b - 0.01)).toBeGreaterThan(0.95);
    expect(inkIn(page, 0, 0, 1, t - 0.01)).toBe(0);
    expect(inkIn(page, 0, b + 0.01, 1, 1)).toBe(0);
  });
});
