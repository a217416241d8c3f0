// A bilevel page as fax coding sees it: rows of packed bits, most significant bit first,
// 1 = black (TIFF's WhiteIsZero), each row padded to whole bytes.

export interface FaxBitmap {
  width: number;
  height: number;
  /** Bytes per row: ceil(width / 8). */
  stride: number;
  bits: Uint8Array;
}

export function blankBitmap(width: number, height: number): FaxBitmap {
  const stride = Math.ceil(width / 8);
  return { width, height, stride, bits: new Uint8Array(stride * height) };
}

/**
 * Where the colour changes along one row: positions of the first pixel of each new run,
 * starting from an imaginary white pixel before the row, then `width` three times as the
 * "changing elements past the end" the coding rules assume. Returns the count before them.
 */
export function rowChanges(bits: Uint8Array, offset: number, width: number, out: Int32Array): number {
  let n = 0;
  let color = 0;
  const bytes = Math.ceil(width / 8);
  for (let i = 0; i < bytes; i++) {
    const byte = bits[offset + i];
    // Whole bytes of the current colour are the common case: skip them without looking at bits.
    if (byte === (color ? 0xff : 0x00)) continue;
    const base = i * 8;
    for (let b = 0; b < 8; b++) {
      const x = base + b;
      if (x >= width) break;
      const pixel = (byte >> (7 - b)) & 1;
      if (pixel !== color) {
        out[n++] = x;
        color = pixel;
      }
    }
  }
  out[n] = width;
  out[n + 1] = width;
  out[n + 2] = width;
  return n;
}

/** Paint one row from its changing elements (the inverse of rowChanges). */
export function fillRow(bits: Uint8Array, offset: number, width: number, changes: Int32Array, count: number): void {
  for (let k = 0; k + 1 <= count; k += 2) {
    const start = changes[k];
    const end = k + 1 < count ? changes[k + 1] : width;
    fillBlack(bits, offset, start, end);
  }
}

function fillBlack(bits: Uint8Array, offset: number, start: number, end: number): void {
  let x = start;
  while (x < end && (x & 7) !== 0) {
    bits[offset + (x >> 3)] |= 0x80 >> (x & 7);
    x++;
  }
  while (x + 8 <= end) {
    bits[offset + (x >> 3)] = 0xff;
    x += 8;
  }
  while (x < end) {
    bits[offset + (x >> 3)] |= 0x80 >> (x & 7);
    x++;
  }
}

/** Reverse the bit order of every byte: TIFF FillOrder 2 data read as FillOrder 1. */
export function reverseBits(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = REVERSED[data[i]];
  return out;
}

const REVERSED = new Uint8Array(256).map((_, i) => {
  let r = 0;
  for (let b = 0; b < 8; b++) if (i & (1 << b)) r |= 0x80 >> b;
  return r;
});
