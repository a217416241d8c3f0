// A minimal PNG writer for greyscale pages. pdf-lib embeds only PNG and JPEG, and fax pages
// (decoded TIFFs, repaired PDFs) are black and white: a greyscale PNG, or a 1-bit one for
// bilevel pages, is a fraction of the size of the RGBA a canvas would write.
import { crc32, deflateSync } from 'node:zlib';

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** Encode `grey` (one byte per pixel, 0 = black, 255 = white). `bilevel` packs it to 1 bit per pixel. */
export function encodeGreyPng(grey: Uint8Array, width: number, height: number, bilevel = false): Uint8Array {
  if (grey.length < width * height) throw new RangeError('grey buffer is shorter than width × height');
  const rowBytes = bilevel ? Math.ceil(width / 8) : width;
  const raw = Buffer.alloc((rowBytes + 1) * height); // filter byte 0 (None) on each row
  for (let y = 0; y < height; y++) {
    const rowStart = y * (rowBytes + 1) + 1;
    const src = y * width;
    if (!bilevel) {
      raw.set(grey.subarray(src, src + width), rowStart);
      continue;
    }
    for (let x = 0; x < width; x++) {
      if (grey[src + x] >= 128) raw[rowStart + (x >> 3)] |= 0x80 >> (x & 7);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = bilevel ? 1 : 8; // bit depth
  ihdr[9] = 0; // colour type: greyscale
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 6 })), chunk('IEND', new Uint8Array(0))]);
}

/** Luma from RGBA, composited over white: transparent areas of a page are paper, not ink. */
export function greyFromRgba(rgba: Uint8Array, width: number, height: number): Uint8Array {
  const grey = new Uint8Array(width * height);
  for (let i = 0, p = 0; i < grey.length; i++, p += 4) {
    const a = rgba[p + 3] / 255;
    const luma = 0.299 * rgba[p] + 0.587 * rgba[p + 1] + 0.114 * rgba[p + 2];
    grey[i] = Math.round(luma * a + 255 * (1 - a));
  }
  return grey;
}
