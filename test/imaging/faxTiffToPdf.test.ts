// Received fax → Inbox PDF: the CCITT data goes in as it is, and poppler draws it back to
// the same pixels our decoder (and libtiff) read from the TIFF.
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { renderPageImage } from '../../main/engine/imaging';
import { decodeFaxPage, encodeG4, faxTiffToPdf, readFaxTiff, writeFaxTiff } from '../../main/engine/imaging/faxTiff';
import { differingShare, pixel, popplerPixels, randomRuns, rawBilevelTiff, sameBits, tiffcp } from './faxTiffTools';

async function pageSizes(pdf: Uint8Array): Promise<Array<{ width: number; height: number }>> {
  return (await PDFDocument.load(pdf)).getPages().map((p) => p.getSize());
}

describe('faxTiffToPdf', () => {
  it('embeds each Group 4 page byte for byte, sized from its resolution', async () => {
    const fine = randomRuns(1728, 2156, 3, 400);
    const normal = randomRuns(1728, 1078, 4, 400);
    const tiff = writeFaxTiff([
      { width: 1728, height: 2156, xRes: 204, yRes: 196, g4: encodeG4(fine) },
      { width: 1728, height: 1078, xRes: 204, yRes: 98, g4: encodeG4(normal) },
    ]);
    const { pdf, pages } = await faxTiffToPdf(tiff);
    expect(pages).toBe(2);
    const sizes = await pageSizes(pdf);
    // 1728 / 204 in × 72 = 609.9 pt; 2156 / 196 in = 11 in: a normal page is not half height.
    for (const size of sizes) {
      expect(size.width).toBeCloseTo(609.88, 1);
      expect(size.height).toBeCloseTo(792, 1);
    }
    const stored = readFaxTiff(tiff).pages;
    for (const page of stored) expect(Buffer.from(pdf).indexOf(Buffer.from(page.data))).toBeGreaterThan(0);
  });

  it('poppler renders the PDF to the same pixels as the TIFF decodes to', async () => {
    const page = randomRuns(1728, 2156, 11, 300);
    const tiff = writeFaxTiff([{ width: 1728, height: 2156, xRes: 204, yRes: 196, g4: encodeG4(page) }]);
    const { pdf } = await faxTiffToPdf(tiff);
    expect(sameBits(popplerPixels(pdf, 1, 1728, 2156), page)).toBe(true);
  });

  const libtiffVariants: Array<[string, string[]]> = [
    ['Group 3 one-dimensional', ['-c', 'g3:1d']],
    ['Group 3 two-dimensional', ['-c', 'g3:2d']],
    ['Group 3 two-dimensional, byte-aligned EOLs', ['-c', 'g3:2d:fill']],
    ['Group 4, fill order 2', ['-c', 'g4', '-f', 'lsb2msb']],
    ['Group 4 in several strips', ['-c', 'g4', '-r', '100']],
    ['Group 3 in several strips', ['-c', 'g3:2d', '-r', '100']],
  ];
  for (const [name, options] of libtiffVariants) {
    it(`converts libtiff's ${name} without changing a pixel`, async () => {
      const source = randomRuns(1728, 1078, 17, 400);
      const tiff = tiffcp(rawBilevelTiff(source, { yRes: 98 }), options);
      const [stored] = readFaxTiff(tiff).pages;
      expect(sameBits(decodeFaxPage(stored), source)).toBe(true);
      const { pdf, pages } = await faxTiffToPdf(tiff);
      // One strip in FillOrder 1 goes in untouched; anything else is re-coded, equally lossless.
      const verbatim = Buffer.from(pdf).indexOf(Buffer.from(stored.data)) > 0;
      expect(verbatim).toBe(stored.strips.length === 1 && stored.fillOrder === 1);
      expect(pages).toBe(1);
      const [size] = await pageSizes(pdf);
      expect(size.height).toBeCloseTo((1078 / 98) * 72, 1);
      expect(sameBits(popplerPixels(pdf, 1, 1728, 1078), source)).toBe(true);
    });
  }

  it('shows a BlackIsZero page the way the TIFF means it', async () => {
    const source = randomRuns(1728, 300, 23, 400);
    // Stored with photometric 1 the same bits mean the opposite colours.
    const tiff = tiffcp(rawBilevelTiff(source, { photometric: 1 }), ['-c', 'g4']);
    const decoded = decodeFaxPage(readFaxTiff(tiff).pages[0]);
    const { pdf } = await faxTiffToPdf(tiff);
    expect(sameBits(popplerPixels(pdf, 1, 1728, 300), decoded)).toBe(true);
    expect(differingShare(decoded, source)).toBeGreaterThan(0.99);
  });
});

describe('faxTiffToPdf in the Inbox preview (pdf.js)', () => {
  for (const [name, options] of [
    ['Group 4', ['-c', 'g4']],
    ['Group 3 two-dimensional', ['-c', 'g3:2d']],
    ['Group 3 with byte-aligned EOLs', ['-c', 'g3:1d:fill']],
  ] as const) {
    it(`pdf.js draws the embedded ${name} page as the TIFF decodes`, { timeout: 60_000 }, async () => {
      const source = randomRuns(1728, 1078, 29, 400);
      const { pdf } = await faxTiffToPdf(tiffcp(rawBilevelTiff(source, { yRes: 98 }), [...options]));
      const png = await renderPageImage(pdf, 0, { widthPx: 1728 });
      const drawn = await loadImage(Buffer.from(png));
      const canvas = createCanvas(drawn.width, drawn.height);
      const context = canvas.getContext('2d');
      context.drawImage(drawn, 0, 0);
      const rgba = context.getImageData(0, 0, drawn.width, drawn.height).data;
      expect(drawn.width).toBe(1728);
      // The preview is square-pixelled (Letter at 1728 px wide is 2236 px tall); compare each
      // TIFF pixel with the preview pixel under its centre, allowing for pdf.js's smoothing at edges.
      let differ = 0;
      for (let y = 0; y < 1078; y++) {
        const py = Math.floor(((y + 0.5) / 1078) * drawn.height);
        for (let x = 0; x < 1728; x++) if ((rgba[(py * drawn.width + x) * 4] < 128 ? 1 : 0) !== pixel(source, x, y)) differ++;
      }
      expect(differ / (1728 * 1078)).toBeLessThan(0.05);
    });
  }
});
