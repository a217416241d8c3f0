// Shared by the fax TIFF tests: bitmaps to code, an uncompressed 1-bit TIFF writer (so
// libtiff's own tiffcp can make G3/G4 files for cross-checks), and libtiff/poppler runners.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { blankBitmap, type FaxBitmap } from '../../main/engine/imaging/faxTiff';

export function seeded(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 0x1_0000_0000;
  };
}

export function setPixel(page: FaxBitmap, x: number, y: number): void {
  page.bits[y * page.stride + (x >> 3)] |= 0x80 >> (x & 7);
}

export function pixel(page: FaxBitmap, x: number, y: number): number {
  return (page.bits[y * page.stride + (x >> 3)] >> (7 - (x & 7))) & 1;
}

/** Runs of random length, short or long, so every code table and mode gets used. */
export function randomRuns(width: number, height: number, seed: number, maxRun = 3000): FaxBitmap {
  const page = blankBitmap(width, height);
  const random = seeded(seed);
  for (let y = 0; y < height; y++) {
    let x = 0;
    let black = random() < 0.5;
    // Some rows copy the one above with small shifts, as real pages do, to exercise vertical modes.
    if (y > 0 && random() < 0.5) {
      for (let i = 0; i < width; i++)
        if (pixel(page, Math.min(width - 1, Math.max(0, i + Math.round(random() * 2 - 1))), y - 1)) setPixel(page, i, y);
      continue;
    }
    while (x < width) {
      const run = 1 + Math.floor(random() ** 3 * maxRun);
      for (let i = 0; i < run && x < width; i++, x++) if (black) setPixel(page, x, y);
      black = !black;
    }
  }
  return page;
}

export function noise(width: number, height: number, seed: number): FaxBitmap {
  const page = blankBitmap(width, height);
  const random = seeded(seed);
  for (let i = 0; i < page.bits.length; i++) page.bits[i] = Math.floor(random() * 256);
  // Keep the padding past the last column white, as decoded bitmaps have it.
  const spare = page.stride * 8 - width;
  if (spare) for (let y = 0; y < height; y++) page.bits[y * page.stride + page.stride - 1] &= (0xff << spare) & 0xff;
  return page;
}

export function sameBits(a: FaxBitmap, b: FaxBitmap): boolean {
  return a.width === b.width && a.height === b.height && Buffer.compare(Buffer.from(a.bits), Buffer.from(b.bits)) === 0;
}

/** An uncompressed 1-bit WhiteIsZero TIFF of one page, big- or little-endian. */
export function rawBilevelTiff(
  page: FaxBitmap,
  options: { bigEndian?: boolean; xRes?: number; yRes?: number; photometric?: number } = {},
): Uint8Array {
  const le = !options.bigEndian;
  const entries: Array<[number, number, number]> = [
    [256, 4, page.width],
    [257, 4, page.height],
    [258, 3, 1],
    [259, 3, 1],
    [262, 3, options.photometric ?? 0],
    [273, 4, 0],
    [277, 3, 1],
    [278, 4, page.height],
    [279, 4, page.bits.length],
    [282, 5, 0],
    [283, 5, 0],
    [296, 3, 2],
  ];
  const ifdAt = 8;
  const ratAt = ifdAt + 2 + entries.length * 12 + 4;
  const dataAt = ratAt + 16;
  const out = new Uint8Array(dataAt + page.bits.length);
  const view = new DataView(out.buffer);
  out.set(le ? [0x49, 0x49] : [0x4d, 0x4d]);
  view.setUint16(2, 42, le);
  view.setUint32(4, ifdAt, le);
  view.setUint16(ifdAt, entries.length, le);
  entries.forEach(([tag, type, value], i) => {
    const at = ifdAt + 2 + i * 12;
    if (tag === 273) value = dataAt;
    if (tag === 282) value = ratAt;
    if (tag === 283) value = ratAt + 8;
    view.setUint16(at, tag, le);
    view.setUint16(at + 2, type, le);
    view.setUint32(at + 4, 1, le);
    if (type === 3) view.setUint16(at + 8, value, le);
    else view.setUint32(at + 8, value, le);
  });
  view.setUint32(ratAt, options.xRes ?? 204, le);
  view.setUint32(ratAt + 4, 1, le);
  view.setUint32(ratAt + 8, options.yRes ?? 196, le);
  view.setUint32(ratAt + 12, 1, le);
  out.set(page.bits, dataAt);
  return out;
}

/** Run a command-line tool on files in a scratch folder; `files` are written first, `read` read back. */
export function withTool<T>(files: Record<string, Uint8Array>, run: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'faxbot-tiff-test-'));
  try {
    for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
    return run(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function tool(command: string, args: string[]): string {
  return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** tiffcp with options, answering the rewritten file. */
export function tiffcp(tiff: Uint8Array, options: string[]): Uint8Array {
  return withTool({ 'in.tif': tiff }, (dir) => {
    tool('tiffcp', [...options, join(dir, 'in.tif'), join(dir, 'out.tif')]);
    return new Uint8Array(readFileSync(join(dir, 'out.tif')));
  });
}

export function hasCommand(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** pdftoppm's rendering of one page as a mono bitmap (1 = black), exactly width × height pixels. */
export function popplerMono(pdf: Uint8Array, pageNumber: number, width: number, height: number): FaxBitmap {
  return withTool({ 'in.pdf': pdf }, (dir) => {
    const pbm = execFileSync(
      'pdftoppm',
      [
        '-mono',
        '-scale-to-x',
        String(width),
        '-scale-to-y',
        String(height),
        '-f',
        String(pageNumber),
        '-l',
        String(pageNumber),
        join(dir, 'in.pdf'),
      ],
      { maxBuffer: 256 * 1024 * 1024 },
    );
    const header = pbm.toString('latin1', 0, 40).match(/^P4\s+(\d+)\s+(\d+)\s/);
    if (!header) throw new Error('pdftoppm did not write a PBM');
    const page = blankBitmap(Number(header[1]), Number(header[2]));
    page.bits.set(pbm.subarray(header[0].length, header[0].length + page.bits.length));
    return page;
  });
}

/** Share of pixels that differ over the area both bitmaps cover. */
export function differingShare(a: FaxBitmap, b: FaxBitmap): number {
  const width = Math.min(a.width, b.width);
  const height = Math.min(a.height, b.height);
  let differ = 0;
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) if (pixel(a, x, y) !== pixel(b, x, y)) differ++;
  return differ / (width * height);
}

/**
 * The page as poppler draws it, read back on the image's own pixel grid: rendered at 4× and
 * sampled at each pixel's centre, so poppler's smoothing at 1:1 scale does not blur edges.
 */
export function popplerPixels(pdf: Uint8Array, pageNumber: number, width: number, height: number): FaxBitmap {
  const big = popplerMono(pdf, pageNumber, width * 4, height * 4);
  const page = blankBitmap(width, height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) if (pixel(big, x * 4 + 2, y * 4 + 2)) page.bits[y * page.stride + (x >> 3)] |= 0x80 >> (x & 7);
  return page;
}
