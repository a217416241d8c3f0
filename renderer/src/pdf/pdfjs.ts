// pdf.js set up for a page under a strict CSP: the worker is a file the build emits next to
// the app (worker-src 'self'), and pdf.js is told not to use eval (script-src 'self').
import { GlobalWorkerOptions, getDocument, type PDFDocumentProxy, type RenderTask } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { bytesFromBase64 } from '../bridge/base64';

GlobalWorkerOptions.workerSrc = workerUrl;

export type { PDFDocumentProxy };

/** A PDF as the engine sends it (base64) or as bytes; bytes are copied, since pdf.js takes them over. */
export type PdfSource = string | Uint8Array;

export function openPdf(pdf: PdfSource): Promise<PDFDocumentProxy> {
  const data = typeof pdf === 'string' ? bytesFromBase64(pdf) : pdf.slice();
  return getDocument({ data, isEvalSupported: false }).promise;
}

export interface PageRender {
  done: Promise<void>;
  cancel(): void;
}

/** Draws one page (1-based) on a canvas at `cssWidth` pixels wide, sharp on high-DPI screens. */
export function renderPage(
  pdf: PDFDocumentProxy,
  pageNumber: number,
  canvas: HTMLCanvasElement,
  cssWidth: number,
  rotation = 0,
): PageRender {
  let task: RenderTask | null = null;
  let canceled = false;
  const done = (async () => {
    const page = await pdf.getPage(pageNumber);
    if (canceled) return;
    const base = page.getViewport({ scale: 1, rotation: page.rotate + rotation });
    const ratio = window.devicePixelRatio || 1;
    const viewport = page.getViewport({ scale: (cssWidth / base.width) * ratio, rotation: page.rotate + rotation });
    canvas.width = Math.floor(viewport.width);
    canvas.height = Math.floor(viewport.height);
    canvas.style.width = `${Math.floor(viewport.width / ratio)}px`;
    canvas.style.height = `${Math.floor(viewport.height / ratio)}px`;
    task = page.render({ canvas, viewport });
    try {
      await task.promise;
    } catch (error) {
      if (!canceled) throw error;
    }
  })();
  return {
    done,
    cancel() {
      canceled = true;
      task?.cancel();
    },
  };
}
