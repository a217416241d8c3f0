// Renders PDF pages with pdf.js straight onto the fax grid: 1728 pixels across at 204 dpi and
// 196 or 98 lines per inch down (so pixels are oblong in normal mode), the page fitted and
// centred. pdf.js runs in a worker thread, which a hostile file cannot hang past its time
// limit, and renders one page only when asked: a 200-page fax never holds more than two
// page bitmaps (the one being encoded and the next one being drawn).
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FAX_LINE_PIXELS, FAX_X_DPI, PAPER_LENGTH_IN, type FaxPaper } from './faxPaper';

export interface RenderedFaxPage {
  grey: Uint8Array;
  width: number;
  height: number;
  paper: FaxPaper;
}

export type RenderFailure = { kind: 'encrypted' } | { kind: 'damaged'; detail: string };

// Plain JavaScript, evaluated in the worker: it cannot import this project's TypeScript.
const WORKER_SOURCE = `
const { parentPort, workerData: w } = require('node:worker_threads');
const fail = (e) => parentPort.postMessage(e && e.name === 'PasswordException' ? { kind: 'encrypted' } : { kind: 'damaged', detail: String(e && e.message || e) });
(async () => {
  const pdfjs = await import(w.pdfjsUrl);
  const { createCanvas } = await import(w.canvasUrl);
  const task = pdfjs.getDocument({ data: w.data, standardFontDataUrl: w.fontDir, isEvalSupported: false,
    verbosity: 0, useSystemFonts: false, disableFontFace: true, stopAtErrors: false });
  const doc = await task.promise;
  if (doc.numPages < 1) return fail(new Error('no pages'));
  parentPort.postMessage({ kind: 'opened', pages: doc.numPages });
  parentPort.on('message', (n) => render(n).catch(fail));
  async function render(n) {
    const page = await doc.getPage(n);
    const viewport = page.getViewport({ scale: 1 });
    const ratio = Math.max(viewport.width, viewport.height) / Math.min(viewport.width, viewport.height);
    const paper = w.paper || (Math.abs(ratio - w.ratios.a4) < Math.abs(ratio - w.ratios.letter) ? 'a4' : 'letter');
    const lines = Math.round(w.lengths[paper] * w.yDpi);
    // Fit in inches, then map inches to pixels separately across (204 dpi) and down (yDpi).
    const fit = Math.min((w.linePixels / w.xDpi) / (viewport.width / 72), (lines / w.yDpi) / (viewport.height / 72));
    const sx = fit * w.xDpi / 72, sy = fit * w.yDpi / 72;
    const tx = (w.linePixels - viewport.width * sx) / 2, ty = (lines - viewport.height * sy) / 2;
    const canvas = createCanvas(w.linePixels, lines);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, w.linePixels, lines);
    await page.render({ canvas, canvasContext: ctx, viewport, transform: [sx, 0, 0, sy, tx, ty], intent: 'print',
      annotationMode: pdfjs.AnnotationMode.ENABLE_STORAGE }).promise;
    // canvas.data() is the raw RGBA store, without getImageData's copy; the page is opaque, so
    // premultiplied and straight alpha agree. Read as 32-bit words: R is the low byte.
    const raw = canvas.data();
    const rgba = new Uint32Array(raw.buffer, raw.byteOffset, raw.length >> 2);
    const grey = new Uint8Array(w.linePixels * lines);
    for (let i = 0; i < grey.length; i++) {
      const v = rgba[i];
      grey[i] = ((v & 255) * 77 + ((v >>> 8) & 255) * 150 + ((v >>> 16) & 255) * 29) >> 8;
    }
    page.cleanup();
    parentPort.postMessage({ kind: 'page', n, grey, width: w.linePixels, height: lines, paper }, [grey.buffer]);
  }
})().catch(fail);
`;

function libraryLocations(): { pdfjsUrl: string; canvasUrl: string; fontDir: string } {
  const require = createRequire(import.meta.url);
  const pdfjsRoot = dirname(require.resolve('pdfjs-dist/package.json'));
  return {
    pdfjsUrl: pathToFileURL(join(pdfjsRoot, 'legacy/build/pdf.mjs')).href,
    canvasUrl: pathToFileURL(require.resolve('@napi-rs/canvas')).href,
    fontDir: join(pdfjsRoot, 'standard_fonts') + '/',
  };
}

type WorkerMessage =
  | RenderFailure
  | { kind: 'opened'; pages: number }
  | { kind: 'page'; n: number; grey: Uint8Array; width: number; height: number; paper: FaxPaper };

export interface FaxPageRenderer {
  pages: number;
  /** Resolves with page n (1-based); ask for the next page before processing this one to overlap work. */
  page(n: number): Promise<RenderedFaxPage>;
  close(): Promise<void>;
}

export class RenderError extends Error {
  constructor(readonly failure: RenderFailure) {
    super(failure.kind === 'damaged' ? failure.detail : 'the PDF needs a password');
    this.name = 'RenderError';
  }
}

/** Open a PDF for page-by-page fax rendering. Rejects with RenderError when pdf.js cannot open it. */
export function openFaxRenderer(
  pdf: Uint8Array,
  options: { yDpi: number; paper: FaxPaper | null; pageTimeLimitMs: number },
): Promise<FaxPageRenderer> {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    // A copy: pdf.js detaches the buffer it is given, and the caller keeps its bytes.
    workerData: {
      ...libraryLocations(),
      data: new Uint8Array(pdf),
      yDpi: options.yDpi,
      paper: options.paper,
      linePixels: FAX_LINE_PIXELS,
      xDpi: FAX_X_DPI,
      lengths: PAPER_LENGTH_IN,
      ratios: { letter: 11 / 8.5, a4: 297 / 210 },
    },
    resourceLimits: { maxOldGenerationSizeMb: 1024 },
  });
  const waiting = new Map<number, { resolve: (p: RenderedFaxPage) => void; reject: (e: Error) => void }>();
  let failure: RenderError | null = null;
  let timer: NodeJS.Timeout | undefined;
  let opened: { resolve: (r: FaxPageRenderer) => void; reject: (e: Error) => void };
  const result = new Promise<FaxPageRenderer>((resolve, reject) => (opened = { resolve, reject }));

  // The time limit runs only while pdf.js owes us something (opening, or a requested page).
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(
      () => fail({ kind: 'damaged', detail: `pdf.js did not finish a page within ${options.pageTimeLimitMs} ms` }),
      options.pageTimeLimitMs,
    );
  };
  const fail = (why: RenderFailure) => {
    if (failure) return;
    failure = new RenderError(why);
    clearTimeout(timer);
    void worker.terminate();
    opened.reject(failure);
    for (const w of waiting.values()) w.reject(failure);
    waiting.clear();
  };
  const renderer: FaxPageRenderer = {
    pages: 0,
    page(n) {
      if (failure) return Promise.reject(failure);
      return new Promise((resolve, reject) => {
        waiting.set(n, { resolve, reject });
        arm();
        worker.postMessage(n);
      });
    },
    async close() {
      clearTimeout(timer);
      failure ??= new RenderError({ kind: 'damaged', detail: 'closed' });
      await worker.terminate();
    },
  };
  worker.on('message', (message: WorkerMessage) => {
    if (message.kind === 'opened') {
      clearTimeout(timer);
      renderer.pages = message.pages;
      opened.resolve(renderer);
    } else if (message.kind === 'page') {
      const w = waiting.get(message.n);
      waiting.delete(message.n);
      if (waiting.size === 0) clearTimeout(timer);
      w?.resolve({ grey: message.grey, width: message.width, height: message.height, paper: message.paper });
    } else {
      fail(message);
    }
  });
  worker.on('error', (error) => fail({ kind: 'damaged', detail: String(error) }));
  worker.on('exit', (code) => fail({ kind: 'damaged', detail: `pdf.js stopped (exit ${code})` }));
  arm();
  return result;
}
