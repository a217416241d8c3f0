// What a file really is, from its first bytes. File names lie (a scanner that saves "scan.pdf"
// as a JPEG, a PDF mailed as ".txt"), so the name is only used in messages.
export type DocumentKind = 'pdf' | 'text' | 'png' | 'jpeg' | 'tiff';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** The PDF spec lets junk precede the header; readers look within the first kilobyte. */
const PDF_HEADER_WINDOW = 1024;

function startsWith(bytes: Uint8Array, prefix: number[], at = 0): boolean {
  if (bytes.length < at + prefix.length) return false;
  return prefix.every((b, i) => bytes[at + i] === b);
}

function findAscii(bytes: Uint8Array, needle: string, window: number): number {
  const codes = [...needle].map((c) => c.charCodeAt(0));
  const end = Math.min(bytes.length - codes.length, window);
  for (let i = 0; i <= end; i++) if (startsWith(bytes, codes, i)) return i;
  return -1;
}

export function sniffDocumentKind(bytes: Uint8Array): DocumentKind | null {
  if (!(bytes instanceof Uint8Array) || bytes.length === 0) return null;
  if (findAscii(bytes, '%PDF-', PDF_HEADER_WINDOW) >= 0) return 'pdf';
  if (startsWith(bytes, PNG_SIGNATURE)) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return 'tiff';
  if (decodeText(bytes) !== null) return 'text';
  return null;
}

/**
 * The text of a plain-text file, or null when the bytes are not text. Accepts UTF-8 (with or
 * without a byte-order mark) and UTF-16 with a mark, as Windows Notepad writes it.
 */
export function decodeText(bytes: Uint8Array): string | null {
  let text: string;
  try {
    if (startsWith(bytes, [0xff, 0xfe])) text = new TextDecoder('utf-16le', { fatal: true }).decode(bytes.subarray(2));
    else if (startsWith(bytes, [0xfe, 0xff])) text = new TextDecoder('utf-16be', { fatal: true }).decode(bytes.subarray(2));
    else text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
  // Binary formats decode as UTF-8 surprisingly often; control characters give them away.
  // Tab, line feed, vertical tab, form feed, carriage return and escape occur in real text files.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000e-\u001a\u001c-\u001f\u007f]/.test(text)) return null;
  return text;
}

/** A few formats people often try to fax, named so the refusal can say what to do instead. */
export function describeUnsupported(bytes: Uint8Array): string | null {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'a ZIP archive';
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) return 'an older Microsoft Office file that is not a Word or Excel document';
  if (startsWith(bytes, [0x4d, 0x5a])) return 'a Windows program';
  if (startsWith(bytes, [0x7f, 0x45, 0x4c, 0x46])) return 'a program';
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38])) return 'a GIF image';
  if (startsWith(bytes, [0x42, 0x4d])) return 'a BMP image';
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && findAscii(bytes, 'WEBP', 12) === 8) return 'a WebP image';
  if (findAscii(bytes, 'ftypheic', 16) === 4 || findAscii(bytes, 'ftypmif1', 16) === 4) return 'a HEIC photo';
  return null;
}
