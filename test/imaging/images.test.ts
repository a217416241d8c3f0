// Pictures become fax pages: as large as the paper allows, turned when landscape, never cropped.
import { describe, expect, it } from 'vitest';
import { deflateSync, crc32 } from 'node:zlib';
import { createCanvas } from '@napi-rs/canvas';
import { normalizeDocument } from '../../main/engine/imaging';
import { FaxError } from '../../shared/errors';
import type { PaperSize } from '../../shared/model';
import { fixture } from './pdfProbe';
import { inkBox, inkIn, renderPage } from './pageRender';
import { PDFDocument } from 'pdf-lib';

const LIMITS = { maxBytes: 20 * 1024 * 1024, maxPages: 50 };

/** A picture with a black frame; `fillLeftHalf` blackens its left half so the turn can be seen. */
function picture(width: number, height: number, format: 'png' | 'jpeg'): Uint8Array {
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#000000';
  ctx.fillRect(0, 0, width / 2, height);
  ctx.lineWidth = 16;
  ctx.strokeRect(8, 8, width - 16, height - 16);
  return new Uint8Array(format === 'png' ? canvas.encodeSync('png') : canvas.encodeSync('jpeg', 90));
}

function pngFile(
  ihdr: { width: number; height: number; depth: number; colour: number },
  rows: Buffer,
  extra: Array<[string, Buffer]> = [],
): Uint8Array {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body) >>> 0, 8 + data.length);
    return out;
  };
  const head = Buffer.alloc(13);
  head.writeUInt32BE(ihdr.width, 0);
  head.writeUInt32BE(ihdr.height, 4);
  head[8] = ihdr.depth;
  head[9] = ihdr.colour;
  const parts = [
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', head),
    ...extra.map(([t, d]) => chunk(t, d)),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ];
  return new Uint8Array(Buffer.concat(parts));
}

/** Put an EXIF orientation tag into a JPEG, as a phone camera does. */
function withExifOrientation(jpeg: Uint8Array, orientation: number): Uint8Array {
  const tiff = Buffer.from([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, orientation, 0, 0, 0, 0, 0, 0, 0]);
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const segment = Buffer.alloc(4);
  segment.writeUInt16BE(0xffe1, 0);
  segment.writeUInt16BE(body.length + 2, 2);
  return new Uint8Array(Buffer.concat([Buffer.from(jpeg.subarray(0, 2)), segment, body, Buffer.from(jpeg.subarray(2))]));
}

async function fax(fileName: string, bytes: Uint8Array, paperSize: PaperSize = 'letter', limits = LIMITS) {
  return normalizeDocument({ fileName, bytes }, { paperSize, limits });
}

async function refusal(work: Promise<unknown>): Promise<FaxError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FaxError);
  return error as FaxError;
}

async function expectPortraitPages(pdf: Uint8Array, paperSize: PaperSize, count: number) {
  const doc = await PDFDocument.load(pdf);
  expect(doc.getPageCount()).toBe(count);
  const [w, h] = paperSize === 'letter' ? [612, 792] : [595.28, 841.89];
  for (const page of doc.getPages()) expect([page.getWidth(), page.getHeight()]).toEqual([expect.closeTo(w, 2), expect.closeTo(h, 2)]);
}

describe('PNG and JPEG pictures', () => {
  it('turns a landscape PNG a quarter counter-clockwise and fills the height of the page', async () => {
    const result = await fax('chart.png', picture(800, 400, 'png'));
    expect(result).toMatchObject({ kind: 'png', pages: 1 });
    await expectPortraitPages(result.pdf, 'letter', 1);
    const page = renderPage(result.pdf, 1, 36);
    const box = inkBox(page)!;
    expect(box.top).toBeLessThan(0.02);
    expect(box.bottom).toBeGreaterThan(0.98); // as tall as the paper: as large as it can be
    expect(box.right - box.left).toBeCloseTo(396 / 612, 1);
    // The picture's left half (black) now runs along the bottom of the page.
    expect(inkIn(page, 0.4, 0.6, 0.6, 0.9)).toBeGreaterThan(0.95);
    expect(inkIn(page, 0.4, 0.1, 0.6, 0.4)).toBeLessThan(0.05);
  });

  it('keeps a portrait JPEG upright and fills the width of an A4 page', async () => {
    const result = await fax('scan.jpg', picture(500, 800, 'jpeg'), 'a4');
    expect(result).toMatchObject({ kind: 'jpeg', pages: 1 });
    await expectPortraitPages(result.pdf, 'a4', 1);
    const page = renderPage(result.pdf, 1, 36);
    const box = inkBox(page)!;
    expect(box.top).toBeLessThan(0.02);
    expect(box.bottom).toBeGreaterThan(0.98);
    expect(inkIn(page, 0.3, 0.3, 0.45, 0.7)).toBeGreaterThan(0.95); // black half still on the left
    expect(inkIn(page, 0.55, 0.3, 0.7, 0.7)).toBeLessThan(0.05);
  });

  it('turns a phone photo upright by its EXIF orientation', async () => {
    // Stored sideways (landscape pixels), orientation 6: shown turned a quarter clockwise, so portrait.
    const result = await fax('photo.jpg', withExifOrientation(picture(800, 400, 'jpeg'), 6));
    const page = renderPage(result.pdf, 1, 36);
    // The stored left half is now on top.
    expect(inkIn(page, 0.4, 0.15, 0.6, 0.4)).toBeGreaterThan(0.95);
    expect(inkIn(page, 0.4, 0.6, 0.6, 0.85)).toBeLessThan(0.05);
  });

  it('embeds palette PNGs with transparency and 16-bit PNGs', async () => {
    const width = 40,
      height = 60;
    const paletteRows = Buffer.alloc((width + 1) * height);
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) paletteRows[y * (width + 1) + 1 + x] = x < 20 ? 0 : 1;
    const palette = pngFile({ width, height, depth: 8, colour: 3 }, paletteRows, [
      ['PLTE', Buffer.from([0, 0, 0, 255, 0, 0])],
      ['tRNS', Buffer.from([255, 0])],
    ]);
    const deepRows = Buffer.alloc((width * 8 + 1) * height, 0x40); // RGBA, 16 bits per channel
    for (let y = 0; y < height; y++) deepRows[y * (width * 8 + 1)] = 0;
    const deep = pngFile({ width, height, depth: 16, colour: 6 }, deepRows);
    for (const [name, bytes] of [
      ['palette.png', palette],
      ['deep.png', deep],
    ] as const) {
      const result = await fax(name, bytes);
      expect(result).toMatchObject({ kind: 'png', pages: 1 });
      await expectPortraitPages(result.pdf, 'letter', 1);
    }
    // Transparent palette entries are paper, opaque black ones are ink.
    const page = renderPage((await fax('palette.png', palette)).pdf, 1, 36);
    expect(inkIn(page, 0.1, 0.3, 0.4, 0.7)).toBeGreaterThan(0.95);
    expect(inkIn(page, 0.6, 0.3, 0.9, 0.7)).toBeLessThan(0.05);
  });

  it('refuses a PNG whose header claims 60 000 × 60 000 pixels before decoding it', async () => {
    const bomb = pngFile({ width: 60_000, height: 60_000, depth: 1, colour: 0 }, Buffer.alloc(10));
    const error = await refusal(fax('bomb.png', bomb));
    expect(error.code).toBe('file_too_large');
    expect(error.message).toContain('60000 × 60000 pixel');
  });

  it('refuses damaged PNG and JPEG files with a sentence saying what to do', async () => {
    const brokenPng = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Array(64).fill(7)]);
    const brokenJpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x02, ...new Array(64).fill(9)]);
    for (const [name, bytes] of [
      ['broken.png', brokenPng],
      ['broken.jpg', brokenJpeg],
    ] as const) {
      const error = await refusal(fax(name, bytes));
      expect(error.code).toBe('unsupported_type');
      expect(error.message).toMatch(
        new RegExp(`^${name.replace('.', '\\.')} is a (PNG|JPEG) image Faxbot cannot read .* save it as PNG or PDF`),
      );
    }
  });
});

describe('TIFF', () => {
  it('makes one page per image of a multi-page CCITT G4 fax, keeping the shape of oblong 204×98 dpi pixels', async () => {
    const result = await fax('received.tif', fixture('images/fax-g4-3pages.tif'));
    expect(result).toMatchObject({ kind: 'tiff', pages: 3 });
    await expectPortraitPages(result.pdf, 'letter', 3);
    // Page 1: fine resolution, black band across the top.
    const first = renderPage(result.pdf, 1, 36);
    expect(inkIn(first, 0.1, 0.0, 0.9, 0.07)).toBeGreaterThan(0.9);
    expect(inkIn(first, 0.1, 0.15, 0.9, 0.95)).toBeLessThan(0.02);
    // Page 2: normal resolution, 1728×1100 pixels but a portrait page 8.5 × 11.2 inches: not turned, full height.
    const second = renderPage(result.pdf, 2, 36);
    const band = inkBox(second)!;
    expect(band.top).toBeLessThan(0.03);
    expect(band.bottom).toBeGreaterThan(0.97);
    expect(band.right).toBeLessThan(0.1); // the left-edge band stayed on the left
    // Page 3: landscape, turned so its top band runs up the left edge.
    const third = renderPage(result.pdf, 3, 36);
    expect(inkIn(third, 0.0, 0.1, 0.12, 0.9)).toBeGreaterThan(0.3);
    expect(inkIn(third, 0.3, 0.1, 0.9, 0.9)).toBeLessThan(0.02);
  });

  it('reads G3 and LZW TIFFs too', async () => {
    const g3 = await fax('g3.tiff', fixture('images/fax-g3-2pages.tif'), 'a4');
    expect(g3).toMatchObject({ kind: 'tiff', pages: 2 });
    await expectPortraitPages(g3.pdf, 'a4', 2);
    const lzw = await fax('scan.tif', fixture('images/landscape-lzw.tif'));
    expect(lzw).toMatchObject({ kind: 'tiff', pages: 1 });
  });

  it('refuses a TIFF with more pages than the limit, and a damaged TIFF', async () => {
    const tooLong = await refusal(fax('received.tif', fixture('images/fax-g4-3pages.tif'), 'letter', { maxBytes: 1e6, maxPages: 2 }));
    expect(tooLong.code).toBe('too_many_pages');
    const broken = await refusal(fax('broken.tif', new Uint8Array([0x49, 0x49, 0x2a, 0x00, 0xff, 0xff, 0xff, 0x7f, 1, 2, 3])));
    expect(broken.code).toBe('unsupported_type');
    expect(broken.message).toContain('broken.tif is a TIFF image Faxbot cannot read');
  });
});
