// Loads a PDF from the engine for as long as a component shows it, and lets it go after.
import { useEffect, useRef, useState } from 'react';
import { openPdf, type PDFDocumentProxy, type PdfSource } from './pdfjs';
import { errorSentence } from '../bridge';

export type PdfLoad = { state: 'loading' } | { state: 'ready'; pdf: PDFDocumentProxy } | { state: 'error'; message: string };

/**
 * `source` answers the PDF (base64 or bytes); `key` says when it is a different document.
 * With `keepWhileLoading`, the last document stays on screen until the next one is ready
 * (Send's page view: the same pages, one turned), instead of a moment of "Opening…".
 */
export function usePdf(key: string | null, source: () => Promise<PdfSource>, keepWhileLoading = false): PdfLoad {
  const [load, setLoad] = useState<PdfLoad>({ state: 'loading' });
  // Documents still on screen while their successor loads; let go once it shows.
  const retiring = useRef<PDFDocumentProxy[]>([]);
  useEffect(() => {
    if (!key) return;
    let alive = true;
    let opened: PDFDocumentProxy | null = null;
    if (!keepWhileLoading) setLoad({ state: 'loading' });
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
      if (opened && keepWhileLoading) retiring.current.push(opened);
      else void opened?.destroy();
    };
    // `source` is a fresh closure every render; `key` names the document it loads.
  }, [key]);
  useEffect(() => {
    if (load.state === 'loading') return;
    const shown = load.state === 'ready' ? load.pdf : null;
    retiring.current = retiring.current.filter((pdf) => pdf === shown || void pdf.destroy());
  }, [load]);
  // Declared after the loading effect, so on unmount its clean-up runs last and finds everything.
  useEffect(
    () => () => {
      retiring.current.forEach((pdf) => void pdf.destroy());
      retiring.current = [];
    },
    [],
  );
  return load;
}
