// Writes a multi-page fax TIFF (TIFF 6.0 Class F style): one directory per page, each page one
// Group 4 strip, little-endian. Tags in ascending order, as TIFF readers may require.

export interface EncodedFaxPage {
  width: number;
  height: number;
  xRes: number;
  yRes: number;
  /** T.6 data, FillOrder 1. */
  g4: Uint8Array;
}

const SHORT = 3,
  LONG = 4,
  RATIONAL = 5;

interface Entry {
  tag: number;
  type: number;
  values: number[];
}

function pageEntries(page: EncodedFaxPage, index: number, total: number, stripOffset: number, xResAt: number, yResAt: number): Entry[] {
  return [
    { tag: 254, type: LONG, values: [2] }, // NewSubfileType: one page of a multi-page document
    { tag: 256, type: LONG, values: [page.width] },
    { tag: 257, type: LONG, values: [page.height] },
    { tag: 258, type: SHORT, values: [1] },
    { tag: 259, type: SHORT, values: [4] }, // CCITT T.6
    { tag: 262, type: SHORT, values: [0] }, // WhiteIsZero, as fax data is defined
    { tag: 266, type: SHORT, values: [1] },
    { tag: 273, type: LONG, values: [stripOffset] },
    { tag: 277, type: SHORT, values: [1] },
    { tag: 278, type: LONG, values: [page.height] },
    { tag: 279, type: LONG, values: [page.g4.length] },
    { tag: 282, type: RATIONAL, values: [xResAt] },
    { tag: 283, type: RATIONAL, values: [yResAt] },
    { tag: 293, type: LONG, values: [0] }, // T6Options: no uncompressed mode
    { tag: 296, type: SHORT, values: [2] }, // inches
    // PageNumber counts from 0 in TIFF 6.0; the second value is the page total.
    { tag: 297, type: SHORT, values: [index, total] },
  ];
}

/** Assemble the pages into one TIFF file. */
export function writeFaxTiff(pages: EncodedFaxPage[]): Uint8Array {
  let size = 8;
  for (const page of pages) size += pad(page.g4.length) + 2 + 16 * 12 + 4 + 16;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  out.set([0x49, 0x49, 42, 0]);
  let at = 8;
  let linkAt = 4; // where the offset of the next directory is written
  pages.forEach((page, index) => {
    const stripOffset = at;
    out.set(page.g4, at);
    at += pad(page.g4.length);
    const xResAt = at;
    view.setUint32(at, Math.round(page.xRes), true);
    view.setUint32(at + 4, 1, true);
    view.setUint32(at + 8, Math.round(page.yRes), true);
    view.setUint32(at + 12, 1, true);
    at += 16;
    const entries = pageEntries(page, index, pages.length, stripOffset, xResAt, xResAt + 8);
    view.setUint32(linkAt, at, true);
    view.setUint16(at, entries.length, true);
    at += 2;
    for (const entry of entries) {
      view.setUint16(at, entry.tag, true);
      view.setUint16(at + 2, entry.type, true);
      view.setUint32(at + 4, entry.values.length, true);
      if (entry.type === SHORT) entry.values.forEach((v, i) => view.setUint16(at + 8 + 2 * i, v, true));
      else view.setUint32(at + 8, entry.values[0], true); // LONG value, or the RATIONAL's offset
      at += 12;
    }
    linkAt = at;
    view.setUint32(at, 0, true);
    at += 4;
  });
  return out.subarray(0, at);
}

/** Directories must start on a word boundary. */
function pad(n: number): number {
  return n + (n & 1);
}
