// Saving a PDF the engine answered, the way a browser downloads a file. The same works in
// Electron's window, where the shell asks where to put it.
import { bytesFromBase64 } from '../bridge/base64';
import { saveDownload } from './saveDownload';

/** A file name that every system accepts, ending in .pdf. */
export function pdfFileName(name: string, fallback = 'fax'): string {
  const cleaned = [...name]
    // Control characters go too: they are invalid in Windows names and confusing anywhere.
    .map((c) => (c.charCodeAt(0) < 32 ? ' ' : c))
    .join('')
    .replace(/[\\/:*?"<>|]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 120);
  const base = cleaned.replace(/\.pdf$/i, '').trim() || fallback;
  return `${base}.pdf`;
}

export function savePdf(fileName: string, pdfBase64: string): void {
  saveDownload(pdfFileName(fileName), new Blob([bytesFromBase64(pdfBase64) as BlobPart], { type: 'application/pdf' }));
}
