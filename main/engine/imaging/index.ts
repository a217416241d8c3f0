// imaging: whatever a person drops or prints becomes one fax-ready PDF. Every page comes out
// exactly Letter or A4 portrait, the page count is exact, and anything that cannot be faxed is
// refused with a FaxError that says why and what to do.
//
// Encrypted PDFs: one that needs a password to open is refused (pdf_encrypted). One that opens
// without a password (owner restrictions only) is sent, as pictures of its pages made by pdf.js,
// because pdf-lib cannot decrypt it; any PDF reader would print it the same way.
import { PDFDocument } from 'pdf-lib';
import type { PaperSize } from '../../../shared/model';
import { FaxError } from '../../../shared/errors';
import { decodeText, describeUnsupported, sniffDocumentKind, type DocumentKind } from './sniff';
import { markupKind } from './markup';
import { paperFor } from './pageLayout';
import { pdfToFaxPages } from './pdfInput';
import { textToFaxPages } from './textInput';
import { imageToFaxPages } from './imageInput';
import { tiffToFaxPages } from './tiff';
import { officeFormatOf, officeToPdf, type OfficeConversion } from './office';
import { blankText, checkLimits, emptyFile, markupRefused, tooLarge, tooManyPages, unsupported, type DocumentLimits } from './refusals';

export { sniffDocumentKind, type DocumentKind } from './sniff';
export type { DocumentLimits } from './refusals';
export { officeFormatOf, findSoffice, officeConversionFrom, type OfficeConversion, type OfficeFormat } from './office';
export { makeCoverPage, formatCoverDate, type CoverPageDetails, type CoverDesign, type CoverLogo } from './cover';
export { readCoverLogo } from './coverLogo';
export { makeTransmissionReport, type TransmissionReportDetails } from './transmissionReport';
export { renderPageImage } from './repair';
export { editPdfPages, type PageEdit } from './pageEdit';
export { pdfToFaxTiff, faxTiffToPdf, readFaxTiff, type FaxTiffPage, type FaxTiffRenderer } from './faxTiff';

function displayName(fileName: unknown): string {
  const name = typeof fileName === 'string' ? fileName.replace(/^.*[\\/]/, '').trim() : '';
  return name || 'This file';
}

/** Check one input file and turn it into a normalized PDF: every page Letter or A4 portrait. Throws FaxError. */
export async function normalizeDocument(
  input: { fileName: string; bytes: Uint8Array },
  options: { paperSize: PaperSize; limits: DocumentLimits; office?: OfficeConversion },
): Promise<{ kind: DocumentKind | 'office'; pdf: Uint8Array; pages: number }> {
  const paper = paperFor(options?.paperSize);
  checkLimits(options.limits);
  const name = displayName(input?.fileName);
  const bytes = input?.bytes;
  if (!(bytes instanceof Uint8Array)) throw new FaxError('invalid_input', `${name} could not be read: add it again.`, { field: 'file' });
  if (bytes.length === 0) throw emptyFile(name);
  if (bytes.length > options.limits.maxBytes) throw tooLarge(name, bytes.length, options.limits.maxBytes);

  // Word, Excel, OpenDocument and RTF: LibreOffice makes the PDF, which then goes the PDF's way.
  const office = officeFormatOf(bytes);
  if (office)
    return {
      kind: 'office',
      ...(await pdfToFaxPages(name, await officeToPdf(name, office, bytes, options.office), paper, options.limits)),
    };
  const kind = sniffDocumentKind(bytes);
  switch (kind) {
    case 'pdf':
      return { kind, ...(await pdfToFaxPages(name, bytes, paper, options.limits)) };
    case 'png':
    case 'jpeg':
      return { kind, ...(await imageToFaxPages(name, kind, bytes, paper)) };
    case 'tiff':
      return { kind, ...(await tiffToFaxPages(name, bytes, paper, options.limits)) };
    case 'text': {
      const text = decodeText(bytes) ?? '';
      if (text.replace(/^\uFEFF/, '').trim() === '') throw blankText(name);
      const markup = markupKind(name, text);
      if (markup) throw markupRefused(name, markup);
      return { kind, ...(await textToFaxPages(name, text, paper, options.limits)) };
    }
    default:
      throw unsupported(name, describeUnsupported(bytes));
  }
}

/** Merge normalized PDFs in the given order. Throws FaxError('too_many_pages') past maxPages. */
export async function mergeDocuments(pdfs: Uint8Array[], limits: { maxPages: number }): Promise<{ pdf: Uint8Array; pages: number }> {
  if (!Array.isArray(pdfs) || pdfs.length === 0)
    throw new FaxError('no_documents', 'There is nothing to fax yet: add at least one document.', { field: 'files' });
  if (!(Number.isInteger(limits?.maxPages) && limits.maxPages > 0))
    throw new FaxError('invalid_input', 'The page limit is not set correctly: check Settings → Sending.', { field: 'limits' });
  const sources: PDFDocument[] = [];
  let total = 0;
  for (const [i, pdf] of pdfs.entries()) {
    if (!(pdf instanceof Uint8Array) || pdf.length === 0)
      throw new FaxError('invalid_input', `Document ${i + 1} is empty: remove it and add it again.`, { field: 'files' });
    try {
      const source = await PDFDocument.load(pdf, { updateMetadata: false });
      total += source.getPageCount();
      sources.push(source);
    } catch (error) {
      throw new FaxError('pdf_damaged', `Document ${i + 1} could not be combined with the others: remove it and add it again.`, {
        cause: error,
      });
    }
    // Checked as we go, so a huge set is refused before it is all copied.
    if (total > limits.maxPages) throw tooManyPages('This fax', total, limits.maxPages);
  }
  const merged = await PDFDocument.create();
  for (const source of sources) {
    const copied = await merged.copyPages(source, source.getPageIndices());
    copied.forEach((page) => merged.addPage(page));
  }
  return { pdf: await merged.save({ useObjectStreams: true }), pages: total };
}

/** The pages of a merged fax after its cover page (the first), as a PDF of their own. */
export async function withoutFirstPage(pdf: Uint8Array): Promise<{ pdf: Uint8Array; pages: number }> {
  const source = await PDFDocument.load(pdf, { updateMetadata: false });
  const rest = source.getPageIndices().slice(1);
  const out = await PDFDocument.create();
  (await out.copyPages(source, rest)).forEach((page) => out.addPage(page));
  return { pdf: await out.save({ useObjectStreams: true }), pages: rest.length };
}

export async function countPdfPages(pdf: Uint8Array): Promise<number> {
  try {
    return (await PDFDocument.load(pdf, { updateMetadata: false, ignoreEncryption: true })).getPageCount();
  } catch (error) {
    throw new FaxError('pdf_damaged', 'This PDF could not be read to count its pages: print it to a new PDF and add that copy.', {
      cause: error,
    });
  }
}
