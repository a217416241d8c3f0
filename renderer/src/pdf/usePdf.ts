// Loads a PDF from the engine for as long as a component shows it, and lets it go after.
import { useEffect, useState } from 'react';
import { openPdf, type PDFDocumentProxy, type PdfSource } from './pdfjs';
import { errorSentence } from '../bridge';

export type PdfLoad = { state: 'loading' } | { state: 'ready'; pdf: PDFDocumentProxy } | { state: 'error'; message: string };

/** `source` answers the PDF (base64 or bytes); `key` says when it is a different document. */
export function usePdf(key: string | null, source: () => Promise<PdfSource>): PdfLoad {
  const [load, setLoad] = useState<PdfLoad>({ state: 'loading' });
  useEffect(() => {
    if (!key) return;
    let alive = true;
    let opened: PDFDocumentProxy | null = null;
    setLoad({ state: 'loading' });
    source()
      .then(openPdf)
      .then((pdf) => {
        opened = pdf;
        if (alive) setLoad({ state: 'ready', pdf });
        else void pdf.destroy();
      })
      .catch((error: unknown) => {
        if (alive) setLoad({ state: 'error', message: errorSentence(error, 'The document could not be opened.') });
      });
    return () => {
      alive = false;
      void opened?.destroy();
    };
    // `source` is a fresh closure every render; `key` names the document it loads.
  }, [key]);
  return load;
}
