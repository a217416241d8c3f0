// Received fax TIFFs: damaged or non-fax files are refused with a sentence, never a crash.
import { describe, expect, it } from 'vitest';
import { blankBitmap, decodeFaxPage, encodeG4, faxTiffToPdf, readFaxTiff, writeFaxTiff } from '../../main/engine/imaging/faxTiff';
import { FaxError } from '../../shared/errors';
import { randomRuns, rawBilevelTiff, seeded } from './faxTiffTools';

function goodTiff(pages = 1): Uint8Array {
  const page = randomRuns(1728, 200, 5);
  const g4 = encodeG4(page);
  return writeFaxTiff(Array.from({ length: pages }, () => ({ width: 1728, height: 200, xRes: 204, yRes: 196, g4 })));
}

/** Overwrite the value of `tag` in the first directory of a little-endian TIFF. */
function patchTag(tiff: Uint8Array, tag: number, value: number, type?: number): Uint8Array {
  const out = new Uint8Array(tiff);
  const view = new DataView(out.buffer);
  const ifd = view.getUint32(4, true);
  const count = view.getUint16(ifd, true);
  for (let i = 0; i < count; i++) {
    const at = ifd + 2 + i * 12;
    if (view.getUint16(at, true) !== tag) continue;
    if (type !== undefined) view.setUint16(at + 2, type, true);
    if (view.getUint16(at + 2, true) === 3) view.setUint16(at + 8, value, true);
    else view.setUint32(at + 8, value, true);
    return out;
  }
  throw new Error(`tag ${tag} not found`);
}

function refusal(run: () => unknown): FaxError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(FaxError);
    return error as FaxError;
  }
  throw new Error('expected a refusal');
}

describe('readFaxTiff', () => {
  it('reads every page with its size, resolution and coding', () => {
    const { pages } = readFaxTiff(goodTiff(3));
    expect(pages).toHaveLength(3);
    expect(pages[2]).toMatchObject({ width: 1728, height: 200, xRes: 204, yRes: 196, compression: 4, photometric: 0, fillOrder: 1 });
  });

  it('skips thumbnail directories, which are not pages', () => {
    const tiff = patchTag(goodTiff(3), 254, 1);
    expect(readFaxTiff(tiff).pages).toHaveLength(2);
  });

  it('reads a big-endian file', () => {
    const { pages } = readFaxTiff(rawBilevelTiff(blankBitmap(1728, 10), { bigEndian: true, yRes: 98 }));
    expect(pages[0]).toMatchObject({ width: 1728, height: 10, yRes: 98, compression: 1 });
  });

  it('refuses a file that is not a TIFF', () => {
    const error = refusal(() => readFaxTiff(new TextEncoder().encode('%PDF-1.7 not a tiff at all')));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toMatch(/does not start like a TIFF/);
  });

  it('refuses an empty or tiny file', () => {
    expect(refusal(() => readFaxTiff(new Uint8Array(0))).message).toMatch(/too short/);
    expect(refusal(() => readFaxTiff(new Uint8Array([0x49, 0x49, 42]))).message).toMatch(/too short/);
    expect(refusal(() => readFaxTiff('II*' as unknown as Uint8Array)).code).toBe('invalid_input');
  });

  it('refuses a truncated file', () => {
    const tiff = goodTiff();
    for (const keep of [12, Math.floor(tiff.length / 2), tiff.length - 10]) {
      const error = refusal(() => readFaxTiff(tiff.subarray(0, keep)));
      expect(error.code, `kept ${keep}`).toBe('invalid_input');
      expect(error.message).toMatch(/damaged/);
    }
  });

  it('refuses image data that ends in the middle of the page', async () => {
    const tiff = goodTiff();
    const { pages } = readFaxTiff(tiff);
    const cut = patchTag(tiff, 279, Math.floor(pages[0].data.length / 3));
    await expect(faxTiffToPdf(cut)).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/page 1/) });
  });

  it('refuses a file with no pages', () => {
    const header = new Uint8Array([0x49, 0x49, 42, 0, 0, 0, 0, 0]);
    expect(refusal(() => readFaxTiff(header)).message).toMatch(/no pages/);
  });

  it('refuses a page list that loops', () => {
    const tiff = new Uint8Array(goodTiff());
    const view = new DataView(tiff.buffer);
    const ifd = view.getUint32(4, true);
    view.setUint32(ifd + 2 + view.getUint16(ifd, true) * 12, ifd, true);
    expect(refusal(() => readFaxTiff(tiff)).message).toMatch(/loops/);
  });

  it('refuses an 8-bit colour image as not a fax', () => {
    let tiff = rawBilevelTiff(blankBitmap(64, 8));
    tiff = patchTag(tiff, 258, 8);
    tiff = patchTag(tiff, 277, 3);
    const error = refusal(() => readFaxTiff(tiff));
    expect(error.code).toBe('unsupported_type');
    expect(error.message).toMatch(/not a fax image.*3 × 8-bit colour/);
  });

  it('refuses JPEG or LZW compression as not a fax', () => {
    const error = refusal(() => readFaxTiff(patchTag(rawBilevelTiff(blankBitmap(64, 8)), 259, 7)));
    expect(error.code).toBe('unsupported_type');
    expect(error.message).toMatch(/compression 7/);
  });

  it('refuses absurd dimensions', () => {
    const wide = refusal(() => readFaxTiff(patchTag(goodTiff(), 256, 1_000_000)));
    expect(wide.code).toBe('unsupported_type');
    expect(wide.message).toMatch(/1000000 × 200 pixels/);
    expect(refusal(() => readFaxTiff(patchTag(goodTiff(), 257, 0))).code).toBe('unsupported_type');
  });

  it('refuses a BigTIFF', () => {
    expect(refusal(() => readFaxTiff(new Uint8Array([0x49, 0x49, 43, 0, 8, 0, 0, 0, 16, 0, 0, 0, 0, 0, 0, 0]))).message).toMatch(/BigTIFF/);
  });

  it('refuses a strip that points past the end of the file', () => {
    const error = refusal(() => readFaxTiff(patchTag(goodTiff(), 273, 10_000_000)));
    expect(error.message).toMatch(/past the end/);
  });

  it('refuses garbage coding with a clear message instead of a picture of noise', async () => {
    const tiff = goodTiff();
    const { pages } = readFaxTiff(tiff);
    const start = pages[0].data.byteOffset - tiff.byteOffset;
    const broken = new Uint8Array(tiff);
    broken.fill(0, start, start + 40);
    await expect(faxTiffToPdf(broken)).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/damaged \(page 1/) });
  });

  it('answers every corrupted copy of a fax with a page or a FaxError, never another exception', () => {
    const original = goodTiff(2);
    const random = seeded(99);
    for (let trial = 0; trial < 300; trial++) {
      const damagedCopy = new Uint8Array(original);
      const flips = 1 + Math.floor(random() * 20);
      for (let i = 0; i < flips; i++) damagedCopy[Math.floor(random() * damagedCopy.length)] = Math.floor(random() * 256);
      try {
        for (const page of readFaxTiff(damagedCopy).pages) decodeFaxPage(page);
      } catch (error) {
        expect(error, `trial ${trial}`).toBeInstanceOf(FaxError);
      }
    }
  });
});
