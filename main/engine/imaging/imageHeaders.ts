// Size and orientation read from image headers, before anything is decoded: a 30 000-pixel
// square PNG is a few kilobytes on disk and gigabytes in memory, so it is refused unopened.

export interface ImageHeader {
  width: number;
  height: number;
  /** clockwise quarter-turns to show it upright */ clockwise: number;
}

export function pngHeader(bytes: Uint8Array): ImageHeader | null {
  // The first chunk must be IHDR; anything else is not a PNG we can trust the size of.
  if (bytes.length < 24 || String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20), clockwise: 0 };
}

/** EXIF orientation → clockwise turn. Mirrored variants (2, 4, 5, 7) are shown unmirrored; phones do not write them. */
const EXIF_TURN: Record<number, number> = { 3: 180, 6: 90, 8: 270, 5: 270, 7: 90 };

function exifOrientation(bytes: Uint8Array, start: number, end: number): number {
  // "Exif\0\0" then a TIFF header: byte order, 42, offset of the first directory.
  if (end - start < 14 || String.fromCharCode(...bytes.subarray(start, start + 4)) !== 'Exif') return 1;
  const tiff = start + 6;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const little = bytes[tiff] === 0x49;
  const u16 = (at: number) => (at + 2 <= end ? view.getUint16(at, little) : 0);
  const u32 = (at: number) => (at + 4 <= end ? view.getUint32(at, little) : 0);
  const dir = tiff + u32(tiff + 4);
  const count = u16(dir);
  for (let i = 0; i < count; i++) {
    const entry = dir + 2 + i * 12;
    if (entry + 12 > end) break;
    if (u16(entry) === 0x0112) return u16(entry + 8);
  }
  return 1;
}

export function jpegHeader(bytes: Uint8Array): ImageHeader | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let orientation = 1;
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return null;
    const marker = bytes[at + 1];
    if (marker === 0xff) {
      at++;
      continue;
    } // fill byte
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2;
      continue;
    }
    const length = view.getUint16(at + 2);
    if (length < 2) return null;
    const body = at + 4;
    if (marker === 0xe1) orientation = exifOrientation(bytes, body, Math.min(bytes.length, at + 2 + length));
    // Start-of-frame markers (not DHT c4, JPG c8, DAC cc) carry the size.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (body + 5 > bytes.length) return null;
      return { height: view.getUint16(body + 1), width: view.getUint16(body + 3), clockwise: EXIF_TURN[orientation] ?? 0 };
    }
    at += 2 + length;
  }
  return null;
}
