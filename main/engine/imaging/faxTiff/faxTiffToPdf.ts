// Received fax TIFF → Inbox PDF, losslessly: each page's CCITT data goes into the PDF as it
// is, under the CCITTFaxDecode filter, so no pixel is resampled or re-thresholded. A page
// that cannot be embedded as stored (several strips, or no CCITT coding) is decoded and
// re-encoded as Group 4, which is equally lossless.
import { PDFDocument, concatTransformationMatrix, drawObject, popGraphicsState, pushGraphicsState, type PDFName } from 'pdf-lib';
import { FaxError } from '../../../../shared/errors';
import { reverseBits } from './bitmap';
import { encodeG4 } from './g4Encode';
import { decodeFaxPage, readFaxTiff, type FaxTiffPage } from './tiffRead';

interface CcittImage {
  data: Uint8Array;
  k: number;
  endOfLine: boolean;
  byteAlign: boolean;
  blackIs1: boolean;
}

/**
 * Stored data can be embedded only when it is one strip in a coding PDF's filter reads the
 * same way. Several strips cannot simply be joined: each G4 strip ends with EOFB and restarts
 * against a white row, which a single PDF image cannot express.
 */
function embeddable(page: FaxTiffPage): CcittImage | null {
  if (page.strips.length !== 1) return null;
  const data = page.fillOrder === 2 ? reverseBits(page.data) : page.data;
  // In the TIFF, "white" runs are 0-bits; a BlackIsZero page shows them black, so it is BlackIs1.
  const blackIs1 = page.photometric === 1;
  if (page.compression === 4) return { data, k: -1, endOfLine: false, byteAlign: false, blackIs1 };
  // T.4 in TIFF: every row starts with an EOL; T4Options bit 2 pads each EOL to end on a byte.
  if (page.compression === 3)
    return { data, k: page.t4Options & 1 ? 1 : 0, endOfLine: true, byteAlign: (page.t4Options & 4) !== 0, blackIs1 };
  return null;
}

/** A fax TIFF as a PDF, one page per fax page, each page sized from the image and its resolution. */
export async function faxTiffToPdf(tiff: Uint8Array): Promise<{ pdf: Uint8Array; pages: number }> {
  const { pages } = readFaxTiff(tiff);
  const doc = await PDFDocument.create();
  pages.forEach((page, index) => {
    let image = embeddable(page);
    if (image) {
      // Refuse a damaged page here rather than hand the Inbox a PDF that shows garbage.
      decodeFaxPage(page, index + 1);
    } else {
      const bitmap = decodeFaxPage(page, index + 1);
      image = { data: encodeG4(bitmap), k: -1, endOfLine: false, byteAlign: false, blackIs1: false };
    }
    const parms: Record<string, number | boolean> = { K: image.k, Columns: page.width, Rows: page.height, BlackIs1: image.blackIs1 };
    if (image.endOfLine) parms.EndOfLine = true;
    if (image.byteAlign) parms.EncodedByteAlign = true;
    const stream = doc.context.stream(image.data, {
      Type: 'XObject',
      Subtype: 'Image',
      Width: page.width,
      Height: page.height,
      ColorSpace: 'DeviceGray',
      BitsPerComponent: 1,
      Filter: 'CCITTFaxDecode',
      DecodeParms: parms,
    });
    const ref = doc.context.register(stream);
    // 204 × 98 dpi pages have oblong pixels: the page size comes from inches, not pixel counts.
    const width = (page.width / page.xRes) * 72;
    const height = (page.height / page.yRes) * 72;
    if (!(width > 0 && height > 0 && width < 14_400 && height < 14_400)) {
      throw new FaxError(
        'unsupported_type',
        `Page ${index + 1} of this fax claims an impossible size (${page.xRes} × ${page.yRes} dpi): ask the sender to send it again.`,
        { field: 'file' },
      );
    }
    const pdfPage = doc.addPage([width, height]);
    const name: PDFName = pdfPage.node.newXObject('Fax', ref);
    pdfPage.pushOperators(pushGraphicsState(), concatTransformationMatrix(width, 0, 0, height, 0, 0), drawObject(name), popGraphicsState());
  });
  return { pdf: await doc.save({ useObjectStreams: true }), pages: pages.length };
}
