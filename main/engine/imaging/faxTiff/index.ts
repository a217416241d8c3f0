// Fax TIFF imaging: PDF → Group 4 fax TIFF for sending through Asterisk, and received fax
// TIFF → PDF for the Inbox. Everything in TypeScript; Ghostscript only when asked for.
export { pdfToFaxTiff, FAX_TIFF_RENDERERS, type FaxTiffRenderer, type PdfToFaxTiffOptions } from './pdfToFaxTiff';
export { faxTiffToPdf } from './faxTiffToPdf';
export { readFaxTiff, decodeFaxPage, MAX_FAX_TIFF_PAGES, type FaxTiffPage } from './tiffRead';
export { encodeG4 } from './g4Encode';
export { decodePage, type FaxCoding } from './faxDecode';
export { writeFaxTiff, type EncodedFaxPage } from './tiffWrite';
export { binarize } from './binarize';
export { blankBitmap, type FaxBitmap } from './bitmap';
export { pageLines, linesPerInch, FAX_LINE_PIXELS, FAX_X_DPI, type FaxPaper, type FaxResolution } from './faxPaper';
