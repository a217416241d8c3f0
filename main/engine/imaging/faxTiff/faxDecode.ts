// Decoder for the fax codings a TIFF may hold: T.6 (Group 4), T.4 one- and two-dimensional
// (Group 3, as Asterisk's ReceiveFAX writes on some versions), and Modified Huffman RLE.
// Used to read received faxes and, in tests, to prove the encoder bit-exact.
import { blankBitmap, fillRow, type FaxBitmap } from './bitmap';
import { BLACK, WHITE, runCodes } from './ccittCodes';

export type FaxCoding =
  | { kind: 'g4' }
  | { kind: 'g3'; twoDimensional: boolean }
  /** TIFF Compression 2: one-dimensional, no EOLs, each row starts on a byte boundary. */
  | { kind: 'mh' };

/** A coding error, with where it happened; readFaxTiff turns it into a FaxError. */
export class FaxCodingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FaxCodingError';
  }
}

const PEEK = 13;
// Run lookup: the next 13 bits index an entry holding run * 16 + code length (0 = no such code).
const RUN_TABLES = [WHITE, BLACK].map((color) => {
  const table = new Int32Array(1 << PEEK);
  for (const { run, code } of runCodes(color)) {
    const shift = PEEK - code.length;
    const first = code.bits << shift;
    for (let i = 0; i < 1 << shift; i++) table[first + i] = run * 16 + code.length;
  }
  return table;
});

const MODE_PASS = 1,
  MODE_HORIZONTAL = 2,
  MODE_VERTICAL = 3,
  MODE_EOL = 4,
  MODE_EXTENSION = 5;
// Mode lookup on the next 7 bits: entry = kind * 256 + (offset + 3) * 16 + code length.
const MODE_TABLE = (() => {
  const table = new Int32Array(128);
  const put = (bits: string, kind: number, offset = 0) => {
    const shift = 7 - bits.length;
    for (let i = 0; i < 1 << shift; i++) table[(parseInt(bits, 2) << shift) + i] = kind * 256 + (offset + 3) * 16 + bits.length;
  };
  put('1', MODE_VERTICAL, 0);
  put('011', MODE_VERTICAL, 1);
  put('010', MODE_VERTICAL, -1);
  put('001', MODE_HORIZONTAL);
  put('0001', MODE_PASS);
  put('000011', MODE_VERTICAL, 2);
  put('000010', MODE_VERTICAL, -2);
  put('0000011', MODE_VERTICAL, 3);
  put('0000010', MODE_VERTICAL, -3);
  put('0000001', MODE_EXTENSION);
  put('0000000', MODE_EOL);
  return table;
})();

class BitReader {
  pos = 0;
  private readonly end: number;
  constructor(private readonly data: Uint8Array) {
    this.end = data.length * 8;
  }

  peek(n: number): number {
    const i = this.pos >> 3;
    const d = this.data;
    const word = ((d[i] ?? 0) << 16) | ((d[i + 1] ?? 0) << 8) | (d[i + 2] ?? 0);
    return (word >>> (24 - (this.pos & 7) - n)) & ((1 << n) - 1);
  }

  skip(n: number): void {
    this.pos += n;
    // Past the end the reader sees zeros; a little slack lets the last code be read, more is damage.
    if (this.pos > this.end) throw new FaxCodingError('the image data ends in the middle of a row');
  }

  alignToByte(): void {
    this.pos = (this.pos + 7) & ~7;
  }

  get remaining(): number {
    return this.end - this.pos;
  }

  /** Consume an EOL (at least 11 zeros, then a 1, so fill bits are allowed) if one is next. */
  skipEol(): boolean {
    let zeros = 0;
    while (zeros < 11 && this.pos + zeros < this.end && this.peekAt(this.pos + zeros) === 0) zeros++;
    if (zeros < 11) return false;
    let p = this.pos + zeros;
    while (p < this.end && this.peekAt(p) === 0) p++;
    if (p >= this.end) return false;
    this.pos = p + 1;
    return true;
  }

  private peekAt(bit: number): number {
    return (this.data[bit >> 3] >> (7 - (bit & 7))) & 1;
  }
}

function readRun(reader: BitReader, color: number): number {
  const table = RUN_TABLES[color];
  let total = 0;
  for (;;) {
    const entry = table[reader.peek(PEEK)];
    if (entry === 0) throw new FaxCodingError(`an unknown ${color ? 'black' : 'white'} run code was found`);
    reader.skip(entry & 15);
    const run = entry >> 4;
    total += run;
    if (run < 64) return total;
  }
}

/** Decode `rows` rows of one strip (each strip starts afresh against a white reference row). */
export function decodeStrip(data: Uint8Array, coding: FaxCoding, width: number, rows: number, into: FaxBitmap, firstRow: number): void {
  const reader = new BitReader(data);
  let ref = new Int32Array(width + 4);
  let cur = new Int32Array(width + 4);
  ref[0] = ref[1] = ref[2] = width;
  for (let r = 0; r < rows; r++) {
    const y = firstRow + r;
    let count: number;
    if (coding.kind === 'g4') {
      count = decodeRow2D(reader, width, ref, cur);
      if (count < 0) throw new FaxCodingError(`the image ends after ${y} of ${into.height} rows`);
    } else if (coding.kind === 'mh') {
      count = decodeRow1D(reader, width, cur);
      reader.alignToByte();
    } else {
      const hadEol = reader.skipEol();
      if (!hadEol && reader.remaining <= 0) throw new FaxCodingError(`the image ends after ${y} of ${into.height} rows`);
      // In two-dimensional T.4 each EOL is followed by a tag bit: 1 = the row is coded 1D.
      let oneDimensional = true;
      if (coding.twoDimensional) {
        oneDimensional = reader.peek(1) === 1;
        reader.skip(1);
      }
      count = oneDimensional ? decodeRow1D(reader, width, cur) : decodeRow2D(reader, width, ref, cur);
      if (count < 0) throw new FaxCodingError(`the image ends after ${y} of ${into.height} rows`);
    }
    fillRow(into.bits, y * into.stride, width, cur, count);
    const swap = ref;
    ref = cur;
    cur = swap;
  }
}

/** Decode a whole single-strip page. */
export function decodePage(data: Uint8Array, coding: FaxCoding, width: number, height: number): FaxBitmap {
  const page = blankBitmap(width, height);
  decodeStrip(data, coding, width, height, page, 0);
  return page;
}

function decodeRow1D(reader: BitReader, width: number, cur: Int32Array): number {
  let x = 0;
  let color = WHITE;
  let n = 0;
  while (x < width) {
    x += readRun(reader, color);
    if (x > width) throw new FaxCodingError(`a row is longer than the ${width}-pixel page width`);
    if (x < width) cur[n++] = x;
    color ^= 1;
  }
  return finishRow(cur, n, width);
}

/** One T.6 / T.4-2D row. Returns the number of changing elements, or -1 at EOFB / EOL. */
function decodeRow2D(reader: BitReader, width: number, ref: Int32Array, cur: Int32Array): number {
  let a0 = -1;
  let color = WHITE;
  let bi = 0;
  let n = 0;
  const push = (x: number) => {
    if (x >= width) return;
    // A zero-length run makes two equal changes, which cancel.
    if (n > 0 && cur[n - 1] === x) n--;
    else cur[n++] = x;
  };
  while (a0 < width) {
    if (bi > 0) bi--;
    while (ref[bi] <= a0 || (bi & 1) !== color) bi++;
    const b1 = ref[bi];
    const b2 = ref[bi + 1];
    const entry = MODE_TABLE[reader.peek(7)];
    const kind = entry >> 8;
    if (kind === MODE_EOL) {
      if (reader.peek(12) === 1 && a0 < 0) return -1;
      throw new FaxCodingError('a row ends early (an end-of-line code in the middle of a row)');
    }
    if (kind === MODE_EXTENSION) throw new FaxCodingError('the image uses uncompressed mode, which faxes do not use');
    reader.skip(entry & 15);
    if (kind === MODE_PASS) {
      a0 = b2;
    } else if (kind === MODE_HORIZONTAL) {
      const start = Math.max(a0, 0);
      const a1 = start + readRun(reader, color);
      const a2 = a1 + readRun(reader, color ^ 1);
      if (a2 > width) throw new FaxCodingError(`a row is longer than the ${width}-pixel page width`);
      push(a1);
      push(a2);
      a0 = a2;
    } else {
      const a1 = b1 + ((entry >> 4) & 15) - 3;
      if (a1 > width || a1 < 0 || (a0 >= 0 && a1 <= a0)) throw new FaxCodingError('a row refers to a position outside the row');
      push(a1);
      a0 = a1;
      color ^= 1;
    }
  }
  return finishRow(cur, n, width);
}

function finishRow(cur: Int32Array, n: number, width: number): number {
  cur[n] = width;
  cur[n + 1] = width;
  cur[n + 2] = width;
  return n;
}
