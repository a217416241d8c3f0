// The Group 4 encoder and the G3/G4 decoder, proved against each other and against libtiff.
import { describe, expect, it } from 'vitest';
import { blankBitmap, decodeFaxPage, encodeG4, readFaxTiff, writeFaxTiff, type FaxBitmap } from '../../main/engine/imaging/faxTiff';
import { noise, pixel, randomRuns, rawBilevelTiff, sameBits, setPixel, tiffcp } from './faxTiffTools';

function roundTrip(page: FaxBitmap): FaxBitmap {
  const tiff = writeFaxTiff([{ width: page.width, height: page.height, xRes: 204, yRes: 196, g4: encodeG4(page) }]);
  return decodeFaxPage(readFaxTiff(tiff).pages[0]);
}

function filled(width: number, height: number, black: (x: number, y: number) => boolean): FaxBitmap {
  const page = blankBitmap(width, height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) if (black(x, y)) setPixel(page, x, y);
  return page;
}

const shapes: Array<[string, FaxBitmap]> = [
  ['all white', blankBitmap(1728, 40)],
  ['all black', filled(1728, 40, () => true)],
  ['vertical stripes 1 px', filled(1728, 30, (x) => x % 2 === 0)],
  ['vertical stripes 3 px', filled(1728, 30, (x) => Math.floor(x / 3) % 2 === 1)],
  ['checkerboard', filled(1728, 30, (x, y) => (x + y) % 2 === 0)],
  ['only the last pixel of each row black', filled(1728, 20, (x) => x === 1727)],
  ['only the first pixel of each row black', filled(1728, 20, (x) => x === 0)],
  ['black at both row ends', filled(1728, 20, (x) => x < 2 || x > 1724)],
  ['a width that is not a whole number of bytes', randomRuns(1731, 60, 7)],
  ['runs longer than the longest make-up code', randomRuns(6000, 20, 8, 6000)],
  ['diagonal lines', filled(1728, 80, (x, y) => (x + 3 * y) % 97 < 4 || (x - y + 2000) % 61 < 2)],
  ['random noise', noise(1728, 50, 9)],
  ['one pixel wide page', filled(1, 10, (_x, y) => y % 3 === 0)],
];

describe('Group 4 encoder and decoder', () => {
  for (const [name, page] of shapes) {
    it(`decode(encode(page)) is bit-exact: ${name}`, () => {
      expect(sameBits(roundTrip(page), page)).toBe(true);
    });
  }

  it('is bit-exact on random pages of every run length', () => {
    for (let seed = 1; seed <= 12; seed++) {
      const page = randomRuns(1728, 120, seed);
      expect(sameBits(roundTrip(page), page), `seed ${seed}`).toBe(true);
    }
  });

  it('codes a blank fine page in a few hundred bytes, as fax machines expect', () => {
    expect(encodeG4(blankBitmap(1728, 2156)).length).toBeLessThan(400);
  });
});

describe('cross-checked with libtiff', () => {
  it('libtiff decodes our Group 4 to exactly the source bits', () => {
    const page = randomRuns(1728, 200, 21);
    const ours = writeFaxTiff([{ width: 1728, height: 200, xRes: 204, yRes: 196, g4: encodeG4(page) }]);
    const uncompressed = tiffcp(ours, ['-c', 'none']);
    const decoded = decodeFaxPage(readFaxTiff(uncompressed).pages[0]);
    expect(readFaxTiff(uncompressed).pages[0].compression).toBe(1);
    expect(sameBits(decoded, page)).toBe(true);
  });

  const variants: Array<[string, string[], number]> = [
    ['Group 4', ['-c', 'g4'], 4],
    ['Group 4, big-endian', ['-c', 'g4', '-B'], 4],
    ['Group 4, fill order 2 (lsb first)', ['-c', 'g4', '-f', 'lsb2msb'], 4],
    ['Group 4 in strips of 16 rows', ['-c', 'g4', '-r', '16'], 4],
    ['Group 3 one-dimensional', ['-c', 'g3:1d'], 3],
    ['Group 3 two-dimensional', ['-c', 'g3:2d'], 3],
    ['Group 3 two-dimensional with byte-aligned EOLs', ['-c', 'g3:2d:fill'], 3],
    ['Group 3 one-dimensional in strips, fill order 2', ['-c', 'g3:1d:fill', '-r', '25', '-f', 'lsb2msb'], 3],
  ];
  for (const [name, options, compression] of variants) {
    it(`our decoder reads libtiff's ${name} exactly`, () => {
      const page = randomRuns(1728, 100, 31);
      const source = rawBilevelTiff(page, { bigEndian: name.includes('big') });
      const made = tiffcp(source, options);
      const [read] = readFaxTiff(made).pages;
      expect(read.compression).toBe(compression);
      if (name.includes('fill order 2')) expect(read.fillOrder).toBe(2);
      if (name.includes('strips')) expect(read.strips.length).toBeGreaterThan(1);
      if (name.includes('two-dimensional')) expect(read.t4Options & 1).toBe(1);
      expect(sameBits(decodeFaxPage(read), page)).toBe(true);
    });
  }

  it('reads a BlackIsZero page the right way round', () => {
    const page = randomRuns(1728, 40, 41);
    const [read] = readFaxTiff(tiffcp(rawBilevelTiff(page), ['-c', 'g4'])).pages;
    const inverted = { ...read, photometric: 1 };
    const decoded = decodeFaxPage(inverted);
    for (const [x, y] of [
      [0, 0],
      [100, 10],
      [1727, 39],
      [864, 20],
    ])
      expect(pixel(decoded, x, y)).toBe(1 - pixel(page, x, y));
  });
});
