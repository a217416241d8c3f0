// PDF → fax TIFF, checked by libtiff's own tools and against poppler's rendering of the source.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { decodeFaxPage, faxTiffToPdf, pdfToFaxTiff, readFaxTiff, type FaxBitmap } from '../../main/engine/imaging/faxTiff';
import { encodeGreyPng } from '../../main/engine/imaging/greyPng';
import { FaxError } from '../../shared/errors';
import { hasCommand, pixel, popplerMono, sameBits, popplerPixels, tool, withTool } from './faxTiffTools';
import { fixture } from './pdfProbe';

interface TiffInfoPage {
  compression: string;
  width: number;
  length: number;
  xRes: number;
  yRes: number;
  bits: number;
}

/** What libtiff's tiffinfo says about each directory. */
function tiffinfo(tiff: Uint8Array): TiffInfoPage[] {
  const text = withTool({ 'fax.tif': tiff }, (dir) => tool('tiffinfo', [join(dir, 'fax.tif')]));
  return text
    .split(/TIFF Directory at offset/)
    .slice(1)
    .map((block) => ({
      compression: block.match(/Compression Scheme: (.+)/)?.[1].trim() ?? '',
      width: Number(block.match(/Image Width: (\d+)/)?.[1]),
      length: Number(block.match(/Image Length: (\d+)/)?.[1]),
      xRes: Number(block.match(/Resolution: ([\d.]+), ([\d.]+)/)?.[1]),
      yRes: Number(block.match(/Resolution: ([\d.]+), ([\d.]+)/)?.[2]),
      bits: Number(block.match(/Bits\/Sample: (\d+)/)?.[1]),
    }));
}

function expectFaxTiff(tiff: Uint8Array, pages: number, yRes: number, lines: number): void {
  const info = tiffinfo(tiff);
  expect(info).toHaveLength(pages);
  for (const page of info) expect(page).toEqual({ compression: 'CCITT Group 4', width: 1728, length: lines, xRes: 204, yRes, bits: 1 });
}

/** tiffcp and tiff2pdf must both take the file without a complaint. */
function expectLibtiffAccepts(tiff: Uint8Array, pages: number): void {
  withTool({ 'fax.tif': tiff }, (dir) => {
    const copy = spawnSync('tiffcp', [join(dir, 'fax.tif'), join(dir, 'copy.tif')], { encoding: 'utf8' });
    expect(copy.status).toBe(0);
    expect(copy.stderr).toBe('');
    const pdf = spawnSync('tiff2pdf', ['-o', join(dir, 'fax.pdf'), join(dir, 'fax.tif')], { encoding: 'utf8' });
    expect(pdf.status).toBe(0);
    expect(pdf.stderr).toBe('');
    expect(tool('pdfinfo', [join(dir, 'fax.pdf')])).toMatch(new RegExp(`Pages:\\s+${pages}\\n`));
  });
}

/** Ink share in a grid of cells, so two renderings can be compared without pixel-exact agreement. */
function inkGrid(page: FaxBitmap, cell: number, top = 0): number[] {
  const out: number[] = [];
  for (let cy = 0; cy + cell <= page.height - top; cy += cell) {
    for (let cx = 0; cx + cell <= page.width; cx += cell) {
      let ink = 0;
      for (let y = 0; y < cell; y++) for (let x = 0; x < cell; x++) ink += pixel(page, cx + x, top + cy + y);
      out.push(ink / (cell * cell));
    }
  }
  return out;
}

function meanDifference(a: number[], b: number[]): number {
  const n = Math.min(a.length, b.length);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Math.abs(a[i] - b[i]);
  return sum / n;
}

async function refusal(work: Promise<unknown>): Promise<FaxError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FaxError);
  return error as FaxError;
}

async function firstPage(pdf: Uint8Array): Promise<Uint8Array> {
  const source = await PDFDocument.load(pdf);
  const doc = await PDFDocument.create();
  const [page] = await doc.copyPages(source, [0]);
  doc.addPage(page);
  return doc.save();
}

async function photoPdf(pages: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let p = 0; p < pages; p++) {
    // A smooth left-to-right grey ramp, like a photograph's sky: thresholded it would be half black, half white.
    const w = 400,
      h = 300;
    const grey = new Uint8Array(w * h);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) grey[y * w + x] = Math.round((x / (w - 1)) * 255);
    const image = await doc.embedPng(encodeGreyPng(grey, w, h));
    const page = doc.addPage([612, 792]);
    page.drawImage(image, { x: 56, y: 300, width: 500, height: 375 });
    page.drawText(`Photo page ${p + 1}`, { x: 56, y: 200, size: 24, font, color: rgb(0, 0, 0) });
  }
  return doc.save();
}

describe('pdfToFaxTiff (built-in renderer)', () => {
  it('turns a real 14-page Letter paper into a fine-resolution Group 4 TIFF libtiff accepts', { timeout: 120_000 }, async () => {
    const { tiff, pages } = await pdfToFaxTiff(fixture('pdfs/tracemonkey.pdf'), { resolution: 'fine' });
    expect(pages).toBe(14);
    expectFaxTiff(tiff, 14, 196, 2156);
    expectLibtiffAccepts(tiff, 14);
  });

  it('makes normal-resolution A4 pages 1146 lines long, the paper chosen from the page shape', { timeout: 120_000 }, async () => {
    const { tiff, pages } = await pdfToFaxTiff(fixture('pdfs/160F-2019.pdf'), { resolution: 'normal' });
    expect(pages).toBe(1);
    expectFaxTiff(tiff, 1, 98, 1146);
    expectLibtiffAccepts(tiff, 1);
  });

  it('puts every page on the paper asked for', { timeout: 60_000 }, async () => {
    const { tiff } = await pdfToFaxTiff(fixture('pdfs/160F-2019.pdf'), { resolution: 'fine', paper: 'letter' });
    expectFaxTiff(tiff, 1, 196, 2156);
  });

  for (const [resolution, lpi, top] of [
    ['fine', 196, 4],
    ['normal', 98, 2],
  ] as const) {
    it(`draws the page where poppler draws it (${resolution})`, { timeout: 60_000 }, async () => {
      const pdf = await firstPage(fixture('pdfs/tracemonkey.pdf'));
      const { tiff } = await pdfToFaxTiff(pdf, { resolution });
      const ours = decodeFaxPage(readFaxTiff(tiff).pages[0]);
      // A Letter page is 1734 pixels wide at 204 dpi; it is fitted into the 1728-pixel line
      // (scale 0.9965), so it is a few lines short of 11 inches, centred vertically.
      const scale = 1728 / (8.5 * 204);
      const reference = popplerMono(pdf, 1, 1728, Math.round(11 * lpi * scale));
      const cell = resolution === 'fine' ? 16 : 8;
      expect(meanDifference(inkGrid(ours, cell, top), inkGrid(reference, cell))).toBeLessThan(0.02);
      // Off by a few lines, the same comparison fails: it is sensitive enough to catch misplacement.
      expect(meanDifference(inkGrid(ours, cell, top + 8), inkGrid(reference, cell))).toBeGreaterThan(0.03);
      // The page is not blank, so the comparison means something.
      expect(inkGrid(ours, 16).filter((ink) => ink > 0.05).length).toBeGreaterThan(250);
    });
  }

  it('reads back from TIFF to PDF with the same pixels', { timeout: 60_000 }, async () => {
    const { tiff } = await pdfToFaxTiff(fixture('pdfs/160F-2019.pdf'), { resolution: 'normal' });
    const decoded = decodeFaxPage(readFaxTiff(tiff).pages[0]);
    const { pdf } = await faxTiffToPdf(tiff);
    expect(sameBits(popplerPixels(pdf, 1, 1728, 1146), decoded)).toBe(true);
  });

  it('dithers a photograph instead of thresholding it to black blobs', { timeout: 60_000 }, async () => {
    const { tiff } = await pdfToFaxTiff(await photoPdf(1), { resolution: 'fine' });
    const page = decodeFaxPage(readFaxTiff(tiff).pages[0]);
    // The ramp spans x 56–556 pt, y 117–492 pt from the top; sample columns at a quarter and
    // three quarters of it: dark grey should be mostly ink, light grey mostly paper, neither solid.
    const ink = (xPt: number) => {
      let n = 0,
        total = 0;
      const x0 = Math.round(((xPt * 204) / 72) * 0.9965);
      for (let y = Math.round((200 * 196) / 72); y < Math.round((400 * 196) / 72); y++)
        for (let x = x0; x < x0 + 40; x++, total++) n += pixel(page, x, y);
      return n / total;
    };
    expect(ink(56 + 125)).toBeGreaterThan(0.55);
    expect(ink(56 + 125)).toBeLessThan(0.95);
    expect(ink(56 + 375)).toBeGreaterThan(0.05);
    expect(ink(56 + 375)).toBeLessThan(0.45);
  });

  it('refuses a password-protected PDF the way the Send screen does', async () => {
    const error = await refusal(pdfToFaxTiff(fixture('pdfs/issue3371.pdf'), { resolution: 'fine' }));
    expect(error.code).toBe('pdf_encrypted');
    expect(error.message).toMatch(/password-protected/);
  });

  it('gives up on a PDF pdf.js cannot finish within the time limit, instead of hanging', async () => {
    // No page of a real document draws in a millisecond, so the limit always runs out first.
    const error = await refusal(pdfToFaxTiff(fixture('pdfs/tracemonkey.pdf'), { resolution: 'fine', pageTimeLimitMs: 1 }));
    expect(error.code).toBe('pdf_damaged');
  });

  it('refuses bytes that are not a PDF', async () => {
    const error = await refusal(pdfToFaxTiff(new TextEncoder().encode('hello, this is not a PDF'), { resolution: 'fine' }));
    expect(error.code).toBe('pdf_damaged');
  });

  it('refuses bad options with the value named', async () => {
    const pdf = fixture('pdfs/160F-2019.pdf');
    expect((await refusal(pdfToFaxTiff(pdf, { resolution: 'superfine' as 'fine' }))).message).toMatch(/"superfine".*fine or normal/);
    expect((await refusal(pdfToFaxTiff(pdf, { resolution: 'fine', paper: 'legal' as 'a4' }))).message).toMatch(/"legal".*letter or a4/);
    expect((await refusal(pdfToFaxTiff(pdf, { resolution: 'fine', renderer: 'imagemagick' as 'builtin' }))).message).toMatch(
      /"imagemagick".*builtin or ghostscript/,
    );
    expect((await refusal(pdfToFaxTiff(new Uint8Array(0), { resolution: 'fine' }))).code).toBe('invalid_input');
    expect((await refusal(pdfToFaxTiff(null as unknown as Uint8Array, { resolution: 'fine' }))).code).toBe('invalid_input');
  });

  it('reads the G3 and G4 fax TIFFs in the project fixtures', async () => {
    for (const [name, pages] of [
      ['fax-g3-2pages.tif', 2],
      ['fax-g4-3pages.tif', 3],
    ] as const) {
      const tiff = fixture(`images/${name}`);
      const converted = await faxTiffToPdf(tiff);
      expect(converted.pages).toBe(pages);
      const decoded = readFaxTiff(tiff).pages.map((p) => decodeFaxPage(p));
      const withLibtiff = readFaxTiff(
        withTool({ 'in.tif': tiff }, (dir) => {
          tool('tiffcp', ['-c', 'none', join(dir, 'in.tif'), join(dir, 'out.tif')]);
          return new Uint8Array(readFileSync(join(dir, 'out.tif')));
        }),
      ).pages.map((p) => decodeFaxPage(p));
      decoded.forEach((page, i) => expect(sameBits(page, withLibtiff[i]), `${name} page ${i + 1}`).toBe(true));
    }
  });
});

const gs = hasCommand('gs');
describe('pdfToFaxTiff (Ghostscript renderer)', () => {
  it.skipIf(!gs)(
    'makes the same kind of TIFF with gs -sDEVICE=tiffg4 (skipped when Ghostscript is not installed)',
    { timeout: 120_000 },
    async () => {
      const { tiff, pages } = await pdfToFaxTiff(fixture('pdfs/tracemonkey.pdf'), { resolution: 'normal', renderer: 'ghostscript' });
      expect(pages).toBe(14);
      expectFaxTiff(tiff, 14, 98, 1078);
      expect(readFaxTiff(tiff).pages.every((p) => p.compression === 4)).toBe(true);
    },
  );

  it('says Ghostscript is missing when it is not on PATH', async () => {
    const saved = process.env.PATH;
    process.env.PATH = '/nonexistent-faxbot-test';
    try {
      const error = await refusal(pdfToFaxTiff(fixture('pdfs/160F-2019.pdf'), { resolution: 'fine', renderer: 'ghostscript' }));
      expect(error.message).toMatch(/Ghostscript is not installed; install it or use the built-in renderer/);
    } finally {
      process.env.PATH = saved;
    }
  });
});

describe('pdfToFaxTiff on damaged PDFs', () => {
  for (const name of ['GHOSTSCRIPT-698804-1-fuzzed.pdf', 'PDFBOX-3148-2-fuzzed.pdf']) {
    it(`makes a fax of ${name} or refuses it clearly, never crashing or hanging`, { timeout: 120_000 }, async () => {
      const outcome: { pages: number; pagesInTiff: number } | Error = await pdfToFaxTiff(fixture(`pdfs/${name}`), {
        resolution: 'fine',
      }).then(
        (made) => ({ pages: made.pages, pagesInTiff: readFaxTiff(made.tiff).pages.length }),
        (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
      );
      if (outcome instanceof Error) {
        expect(outcome).toBeInstanceOf(FaxError);
        expect((outcome as FaxError).code).toBe('pdf_damaged');
      } else {
        expect(outcome.pages).toBeGreaterThan(0);
        expect(outcome.pagesInTiff).toBe(outcome.pages);
      }
    });
  }
});
