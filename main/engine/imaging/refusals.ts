// The sentences a person reads when a document cannot be faxed. One place, so the same problem
// is always explained the same way, and always with what to do about it.
import { FaxError } from '../../../shared/errors';

export interface DocumentLimits {
  maxBytes: number;
  maxPages: number;
}

export const ACCEPTED_TYPES =
  'a PDF, a plain-text file, a PNG, JPEG or TIFF image, or (with LibreOffice installed) a Word, Excel, OpenDocument or RTF document';

function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return mb >= 10 ? `${Math.round(mb)} MB` : `${Number(mb.toFixed(1))} MB`;
}

export function checkLimits(limits: DocumentLimits): void {
  const ok = (n: unknown) => typeof n === 'number' && Number.isFinite(n) && n > 0;
  if (!limits || !ok(limits.maxBytes) || !ok(limits.maxPages)) {
    throw new FaxError(
      'invalid_input',
      'The document size limits are not set correctly: check Settings → Sending (maximum file size and pages).',
      { field: 'limits' },
    );
  }
}

export function emptyFile(fileName: string): FaxError {
  return new FaxError('empty_file', `${fileName} is empty (0 bytes): open it, save it again, and add the saved copy.`, { field: 'file' });
}

export function blankText(fileName: string): FaxError {
  return new FaxError('empty_file', `${fileName} has no text in it: add a file with something to fax.`, { field: 'file' });
}

export function tooLarge(fileName: string, size: number, maxBytes: number): FaxError {
  return new FaxError(
    'file_too_large',
    `${fileName} is ${megabytes(size)}, more than the ${megabytes(maxBytes)} limit: split it, or save it at a lower resolution, and add it again.`,
    { field: 'file' },
  );
}

export function tooManyPixels(fileName: string, width: number, height: number): FaxError {
  return new FaxError(
    'file_too_large',
    `${fileName} is a ${width} × ${height} pixel image, too large to fax: save it at a smaller size (a fax page is about 1728 × 2200 pixels) and add it again.`,
    { field: 'file' },
  );
}

export function tooManyPages(what: string, pages: number, maxPages: number): FaxError {
  return new FaxError(
    'too_many_pages',
    `${what} has ${pages} pages, more than the ${maxPages}-page limit for one fax: split it into smaller faxes.`,
    { field: 'file' },
  );
}

export function unsupported(fileName: string, looksLike: string | null): FaxError {
  const found = looksLike ? ` It looks like ${looksLike}.` : '';
  return new FaxError(
    'unsupported_type',
    `${fileName} is not a kind of file Faxbot can fax.${found} Save or print it as a PDF, or add ${ACCEPTED_TYPES}.`,
    { field: 'file' },
  );
}

/** A text file whose source would be faxed instead of what it shows (markup.ts). */
export function markupRefused(fileName: string, markup: { kind: string; howToFax: string }): FaxError {
  return new FaxError(
    'unsupported_type',
    `${fileName} is ${markup.kind}: Faxbot would fax its source code, not what it shows. To fax it, ${markup.howToFax}.`,
    {
      field: 'file',
    },
  );
}

export function unreadableImage(fileName: string, kind: string): FaxError {
  return new FaxError(
    'unsupported_type',
    `${fileName} is a ${kind.toUpperCase()} image Faxbot cannot read (it may be damaged or use an unusual format): open it in an image viewer, save it as PNG or PDF, and add it again.`,
    { field: 'file' },
  );
}

export function encrypted(): FaxError {
  return new FaxError('pdf_encrypted', 'This PDF is password-protected: open it, print or save it without a password, and add it again.', {
    field: 'file',
  });
}

export function damaged(fileName: string): FaxError {
  return new FaxError(
    'pdf_damaged',
    `${fileName} is a damaged PDF that Faxbot could not repair: open it in a PDF reader, print it to a new PDF (or to the Faxbot printer), and add that copy.`,
    { field: 'file' },
  );
}

export function pageTooSmall(fileName: string, pageNumber: number, width: number, height: number): FaxError {
  const inches = (pt: number) => Number((pt / 72).toFixed(2));
  return new FaxError(
    'page_too_small',
    `Page ${pageNumber} of ${fileName} is only ${inches(width)} × ${inches(height)} inches, too small to fax: check the document was saved at the right page size.`,
    { field: 'file' },
  );
}
