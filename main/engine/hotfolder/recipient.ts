// A printed document can carry its recipient: in its file name ("fax to +1 555 010 0123 -
// referral.pdf") or as a "Fax: <number>" line on its first page's text. Only a number that
// passes the same check as the Send screen's field counts.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkFaxNumber } from '../../../shared/faxNumber';

export type NumberFrom = 'file_name' | 'first_page' | 'none';

// Digits with the separators people type: spaces, dots, dashes, underscores, brackets.
const NUMBER = String.raw`(\+?\(?\d[\d\s()._-]{5,}\d)`;
const IN_NAME = new RegExp(String.raw`(?:^|[^a-z])fax(?:ed)?[\s._-]*to[\s._:-]*` + NUMBER, 'i');
const ON_PAGE = new RegExp(String.raw`(?:^|[^a-z])fax(?:\s*(?:no\.?|number|#))?\s*[:.]\s*` + NUMBER, 'i');

function valid(raw: string, defaultCountry: string): string | null {
  const cleaned = raw.replace(/_/g, ' ').replace(/[\s.()-]+$/, '');
  const check = checkFaxNumber(cleaned, defaultCountry);
  return check.ok ? check.e164 : null;
}

/** The number named in a file name, as E.164, or null. */
export function numberFromFileName(fileName: string, defaultCountry: string): string | null {
  const match = IN_NAME.exec(fileName.replace(/\.[a-z0-9]{1,5}$/i, ''));
  return match ? valid(match[1], defaultCountry) : null;
}

/** The number on a "Fax: …" line of the text, as E.164, or null. The station's own number is skipped. */
export function numberFromText(text: string, defaultCountry: string, ownNumber = ''): string | null {
  for (const line of text.split(/\r?\n/)) {
    const match = ON_PAGE.exec(line);
    if (!match) continue;
    const number = valid(match[1], defaultCountry);
    if (number && number !== ownNumber) return number;
  }
  return null;
}

let pdfjs: Promise<{
  getDocument: (options: Record<string, unknown>) => { promise: Promise<PdfDocumentProxy>; destroy(): Promise<void> };
}> | null = null;
interface PdfDocumentProxy {
  getPage(n: number): Promise<{ getTextContent(): Promise<{ items: { str?: string; hasEOL?: boolean }[] }> }>;
  numPages: number;
}

function loadPdfJs() {
  const require = createRequire(import.meta.url);
  const root = dirname(require.resolve('pdfjs-dist/package.json'));
  pdfjs ??= import(pathToFileURL(join(root, 'legacy/build/pdf.mjs')).href);
  return { pdfjs, fontDir: join(root, 'standard_fonts') + '/' };
}

/** The first page's text layer, line by line; '' when it has none (a scan) or cannot be read. */
export async function firstPageText(pdf: Uint8Array): Promise<string> {
  const { pdfjs: lib, fontDir } = loadPdfJs();
  const { getDocument } = await lib;
  // pdf.js takes ownership of the buffer it is given; it gets a copy.
  const task = getDocument({
    data: new Uint8Array(pdf),
    standardFontDataUrl: fontDir,
    isEvalSupported: false,
    verbosity: 0,
    useSystemFonts: false,
    disableFontFace: true,
  });
  try {
    const doc = await task.promise;
    if (doc.numPages < 1) return '';
    const content = await (await doc.getPage(1)).getTextContent();
    return content.items.map((item) => (item.str ?? '') + (item.hasEOL ? '\n' : '')).join('');
  } catch {
    return '';
  } finally {
    await task.destroy().catch(() => undefined);
  }
}

export async function findRecipient(
  fileName: string,
  pdf: Uint8Array,
  defaultCountry: string,
  ownNumber: string,
): Promise<{ to: string; from: NumberFrom }> {
  const named = numberFromFileName(fileName, defaultCountry);
  if (named) return { to: named, from: 'file_name' };
  const onPage = numberFromText(await firstPageText(pdf), defaultCountry, ownNumber);
  return onPage ? { to: onPage, from: 'first_page' } : { to: '', from: 'none' };
}
