// A real multi-page fax TIFF, as ReceiveFAX would write it: bilevel, 1728 pixels wide,
// 204×98 dpi (normal resolution), one image per page. Uncompressed keeps the writer small;
// libtiff's tiffinfo reads it like any other fax TIFF.

const WIDTH = 1728;
const ROWS = 1100; // 11 in at 98 dpi: one US Letter page
const ROW_BYTES = WIDTH / 8;

export function makeFaxTiff(pages: number): Uint8Array {
  if (!Number.isInteger(pages) || pages < 1) throw new Error('a fax TIFF needs at least one page');
  const pageData = ROW_BYTES * ROWS;
  const entries = 14;
  const ifdBytes = 2 + entries * 12 + 4 + 16; // + two RATIONALs after the IFD
  const total = 8 + pages * (pageData + ifdBytes);
  const buf = Buffer.alloc(total);
  buf.write('II', 0, 'latin1');
  buf.writeUInt16LE(42, 2);
  let at = 8;
  let previousNext = 4; // where the previous IFD's "next" pointer lives
  for (let page = 0; page < pages; page++) {
    const dataAt = at;
    // WhiteIsZero: set bits are black. A band per page, placed by page number, so pages differ.
    for (let row = 100 + page * 40; row < 140 + page * 40; row++)
      buf.fill(0xff, dataAt + row * ROW_BYTES + 20, dataAt + row * ROW_BYTES + 180);
    at += pageData;
    const ifdAt = at;
    buf.writeUInt32LE(ifdAt, previousNext);
    buf.writeUInt16LE(entries, at);
    at += 2;
    const rationalAt = ifdAt + 2 + entries * 12 + 4;
    const tag = (id: number, type: number, count: number, value: number) => {
      buf.writeUInt16LE(id, at);
      buf.writeUInt16LE(type, at + 2);
      buf.writeUInt32LE(count, at + 4);
      if (type === 3 && count === 1) buf.writeUInt16LE(value, at + 8);
      else buf.writeUInt32LE(value, at + 8);
      at += 12;
    };
    tag(254, 4, 1, 2); // NewSubfileType: page of a multi-page document
    tag(256, 4, 1, WIDTH);
    tag(257, 4, 1, ROWS);
    tag(258, 3, 1, 1); // BitsPerSample
    tag(259, 3, 1, 1); // Compression: none
    tag(262, 3, 1, 0); // Photometric: WhiteIsZero
    tag(266, 3, 1, 1); // FillOrder
    tag(273, 4, 1, dataAt); // StripOffsets
    tag(277, 3, 1, 1); // SamplesPerPixel
    tag(278, 4, 1, ROWS); // RowsPerStrip
    tag(279, 4, 1, pageData); // StripByteCounts
    tag(282, 5, 1, rationalAt); // XResolution
    tag(283, 5, 1, rationalAt + 8); // YResolution
    // PageNumber: two SHORTs packed into the value field.
    buf.writeUInt16LE(297, at);
    buf.writeUInt16LE(3, at + 2);
    buf.writeUInt32LE(2, at + 4);
    buf.writeUInt16LE(page, at + 8);
    buf.writeUInt16LE(pages, at + 10);
    at += 12;
    previousNext = at;
    buf.writeUInt32LE(0, at);
    at += 4;
    buf.writeUInt32LE(204, at);
    buf.writeUInt32LE(1, at + 4);
    buf.writeUInt32LE(98, at + 8);
    buf.writeUInt32LE(1, at + 12);
    at += 16;
  }
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.length);
}
