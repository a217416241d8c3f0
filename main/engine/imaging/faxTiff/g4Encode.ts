// ITU-T T.6 (Group 4) encoder: every row coded against the row above it with pass,
// horizontal and vertical modes, the first row against an imaginary white row, and EOFB at
// the end. Written here so a fax can be made with no external program (issue 7).
import { rowChanges, type FaxBitmap } from './bitmap';
import { EOL, HORIZONTAL, MAKEUP, MAX_MAKEUP, PASS, TERMINATING, VERTICAL, type Code } from './ccittCodes';

class BitWriter {
  private buffer: Uint8Array;
  private length = 0;
  private acc = 0;
  private accBits = 0;

  constructor(capacity: number) {
    this.buffer = new Uint8Array(Math.max(64, capacity));
  }

  write(code: Code): void {
    // Codes are at most 13 bits, so the accumulator never holds more than 20.
    this.acc = (this.acc << code.length) | code.bits;
    this.accBits += code.length;
    while (this.accBits >= 8) {
      this.accBits -= 8;
      this.push((this.acc >>> this.accBits) & 0xff);
    }
    this.acc &= (1 << this.accBits) - 1;
  }

  private push(byte: number): void {
    if (this.length === this.buffer.length) {
      const bigger = new Uint8Array(this.buffer.length * 2);
      bigger.set(this.buffer);
      this.buffer = bigger;
    }
    this.buffer[this.length++] = byte;
  }

  /** Pad the last byte with zeros (T.6 allows fill after EOFB) and return the bytes. */
  finish(): Uint8Array {
    if (this.accBits > 0) this.push((this.acc << (8 - this.accBits)) & 0xff);
    this.accBits = 0;
    this.acc = 0;
    return this.buffer.slice(0, this.length);
  }
}

function writeRun(out: BitWriter, color: number, run: number): void {
  while (run >= MAX_MAKEUP) {
    out.write(MAKEUP[color][MAX_MAKEUP / 64]);
    run -= MAX_MAKEUP;
  }
  if (run >= 64) {
    out.write(MAKEUP[color][run >> 6]);
    run &= 63;
  }
  out.write(TERMINATING[color][run]);
}

/** Encode a bilevel page as T.6 (Group 4) data, ending with EOFB. */
export function encodeG4(page: FaxBitmap): Uint8Array {
  const { width, height, stride, bits } = page;
  // A text page codes to a few percent of its raw size; the writer grows if it must.
  const out = new BitWriter((stride * height) >> 4);
  let ref = new Int32Array(width + 4);
  let cur = new Int32Array(width + 4);
  ref[0] = ref[1] = ref[2] = width;
  for (let y = 0; y < height; y++) {
    rowChanges(bits, y * stride, width, cur);
    encodeRow(out, width, cur, ref);
    const swap = ref;
    ref = cur;
    cur = swap;
  }
  out.write(EOL);
  out.write(EOL);
  return out.finish();
}

function encodeRow(out: BitWriter, width: number, cur: Int32Array, ref: Int32Array): void {
  let a0 = -1;
  let color = 0;
  let ai = 0;
  let bi = 0;
  while (a0 < width) {
    const a1 = cur[ai];
    // b1: first change on the row above, right of a0, into the colour opposite a0's; a change
    // at an even index turns black, so its parity must equal a0's colour. One step back may
    // be needed after a vertical mode to the left.
    if (bi > 0) bi--;
    while (ref[bi] <= a0 || (bi & 1) !== color) bi++;
    const b1 = ref[bi];
    const b2 = ref[bi + 1];
    if (b2 < a1) {
      out.write(PASS);
      a0 = b2;
    } else if (a1 - b1 <= 3 && b1 - a1 <= 3) {
      out.write(VERTICAL[a1 - b1 + 3]);
      a0 = a1;
      color ^= 1;
      ai++;
    } else {
      const a2 = cur[ai + 1];
      out.write(HORIZONTAL);
      writeRun(out, color, a1 - Math.max(a0, 0));
      writeRun(out, color ^ 1, a2 - a1);
      a0 = a2;
      ai += 2;
    }
  }
}
