// One contact as read from a file (a CSV row or a vCard), before it is checked. Both readers
// make these, and the import checks them one way (contactFields.ts).
import { FaxError } from '../../../shared/errors';
import type { ContactText } from '../../../shared/contacts';

export interface ImportRecord extends ContactText {
  /** The CSV row (the header is row 1) or the line where the card begins. */
  line: number;
  /** "Row 5" or "The card on line 12": how messages name it. */
  where: string;
  /** A problem the reader found (a row with too many cells, a card it could not read). */
  problem: string | null;
  /** What to say when the record has no fax number, in the reader's words. */
  missingFax: string;
}

/**
 * The file's text: UTF-8 (a byte-order mark dropped), UTF-16 when its mark says so, else
 * Windows-1252, which older Outlook exports use. A file with NUL bytes is not text.
 */
export function contactFileText(bytes: Uint8Array, fileName: string): string {
  if (bytes.byteLength === 0) throw new FaxError('empty_file', `${fileName} is empty: export the contacts again.`, { field: 'file' });
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (bytes.includes(0))
    throw new FaxError(
      'unsupported_type',
      `${fileName} is not a CSV or vCard file (it holds binary data): export the contacts as CSV or vCard (.vcf) and import that.`,
      { field: 'file' },
    );
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** vCard when the text starts with BEGIN:VCARD; CSV otherwise (whatever the name says). */
export function contactFileFormat(text: string): 'csv' | 'vcard' {
  return /^\s*BEGIN:VCARD\s*$/im.test(text.slice(0, 4096).split(/\r?\n/, 3).join('\n')) ? 'vcard' : 'csv';
}
