// Last resort for PDFs pdf-lib cannot use (broken cross-reference tables, odd forms): pdf.js,
// which repairs far more, renders each page to a greyscale picture. It runs in a worker thread
// so a hostile file that sends pdf.js into a loop is stopped by terminating the thread, not by
// hoping a timer gets a turn on a blocked event loop.
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Paper } from './pageLayout';
import { MIN_PAGE_SIDE_PT } from './pageLayout';
import { encodeGreyPng } from './greyPng';
import { FaxError } from '../../../shared/errors';

export type RasterOutcome =
  | { kind: 'pages'; pages: RasterPage[] }
  | { kind: 'encrypted' }
  | { kind: 'damaged'; detail: string }
  | { kind: 'too_many_pages'; pages: number }
  | { kind: 'too_small'; page: number; width: number; height: number };

/** One rendered page as a greyscale PNG, and the page's shown size in points (after /Rotate). */
export interface RasterPage {
  png: Uint8Array;
  widthPt: number;
  heightPt: number;
}

type WorkerMessage =
  | Exclude<RasterOutcome, { kind: 'pages' }>
  | { kind: 'done' }
  | { kind: 'page'; grey: Uint8Array; pixelWidth: number; pixelHeight: number; widthPt: number; heightPt: number };

export interface RasterOptions {
  paper: Paper;
  maxPages: number;
  dpi?: number;
  timeLimitMs?: number;
}

/** Fax "fine" is 204×196 dpi; 200 dpi on the final paper keeps small print legible without waste. */
const DEFAULT_DPI = 200;
const DEFAULT_TIME_LIMIT_MS = 60_000;

// Plain JavaScript, evaluated in the worker: it cannot import this project's TypeScript.
const WORKER_SOURCE = `
const { parentPort, workerData: w } = require('node:worker_threads');
(async () => {
  const pdfjs = await import(w.pdfjsUrl);
  const { createCanvas } = await import(w.canvasUrl);
  const task = pdfjs.getDocument({ data: w.data, standardFontDataUrl: w.fontDir, isEvalSupported: false,
    verbosity: 0, useSystemFonts: false, disableFontFace: true, stopAtErrors: false });
  let doc;
  try { doc = await task.promise; }
  catch (e) { return parentPort.postMessage(e && e.name === 'PasswordException' ? { kind: 'encrypted' } : { kind: 'damaged', detail: String(e && e.message) }); }
  if (doc.numPages < 1) return parentPort.postMessage({ kind: 'damaged', detail: 'no pages' });
  // w.only: one page at a given pixel width (a thumbnail), instead of every page for the fax.
  if (w.only && w.only.page > doc.numPages) return parentPort.postMessage({ kind: 'damaged', detail: 'no page ' + w.only.page });
  if (!w.only && doc.numPages > w.maxPages) return parentPort.postMessage({ kind: 'too_many_pages', pages: doc.numPages });
  const first = w.only ? w.only.page : 1, last = w.only ? w.only.page : doc.numPages;
  // Print intent: annotations appear as a printer would show them (print flag honoured, form values drawn).
  for (let n = first; n <= last; n++) {
    const page = await doc.getPage(n);
    const shown = page.getViewport({ scale: 1 });
    if (!w.only && !(Math.min(shown.width, shown.height) >= w.minSide)) return parentPort.postMessage({ kind: 'too_small', page: n, width: shown.width, height: shown.height });
    const long = Math.max(shown.width, shown.height), short = Math.min(shown.width, shown.height);
    const fit = Math.min(w.paper.width / short, w.paper.height / long);
    const viewport = page.getViewport({ scale: w.only ? w.only.widthPx / shown.width : fit * w.dpi / 72 });
    const width = Math.max(1, Math.round(viewport.width)), height = Math.max(1, Math.round(viewport.height));
    const canvas = createCanvas(width, height);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    await page.render({ canvas, canvasContext: ctx, viewport, intent: 'print', annotationMode: pdfjs.AnnotationMode.ENABLE_STORAGE }).promise;
    const rgba = ctx.getImageData(0, 0, width, height).data;
    const grey = new Uint8Array(width * height);
    for (let i = 0, p = 0; i < grey.length; i++, p += 4) grey[i] = (rgba[p] * 77 + rgba[p + 1] * 150 + rgba[p + 2] * 29) >> 8;
    // One page at a time, so a long document never holds every bitmap at once.
    parentPort.postMessage({ kind: 'page', grey, pixelWidth: width, pixelHeight: height, widthPt: shown.width, heightPt: shown.height }, [grey.buffer]);
    page.cleanup();
  }
  await task.destroy();
  parentPort.postMessage({ kind: 'done' });
})().catch((e) => parentPort.postMessage({ kind: 'damaged', detail: String(e && e.stack || e) }));
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

/** Render every page of a PDF with pdf.js. Never throws for a bad file: the outcome says what happened. */
export function rasterizePdf(bytes: Uint8Array, options: RasterOptions): Promise<RasterOutcome> {
  return runPdfjs(
    bytes,
    { paper: options.paper, maxPages: options.maxPages, dpi: options.dpi ?? DEFAULT_DPI, only: null },
    options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS,
  );
}

/**
 * One page (0-based `pageIndex`) as a greyscale PNG `widthPx` wide, e.g. a first-page thumbnail.
 * Same worker and time limit as rasterizePdf. Throws FaxError('pdf_damaged') when it cannot.
 */
export async function renderPageImage(
  pdf: Uint8Array,
  pageIndex: number,
  options: { widthPx: number; timeLimitMs?: number },
): Promise<Uint8Array> {
  if (!(pdf instanceof Uint8Array) || pdf.length === 0)
    throw new FaxError('invalid_input', 'There is no document to draw a picture of.', { field: 'pdf' });
  if (!Number.isInteger(pageIndex) || pageIndex < 0)
    throw new FaxError('invalid_input', `Page ${pageIndex} is not a page number: count from 0.`, { field: 'pageIndex' });
  const widthPx = options?.widthPx;
  if (!Number.isInteger(widthPx) || widthPx < 1 || widthPx > MAX_IMAGE_WIDTH_PX) {
    throw new FaxError('invalid_input', `A page picture is 1 to ${MAX_IMAGE_WIDTH_PX} pixels wide, not ${String(widthPx)}.`, {
      field: 'widthPx',
    });
  }
  const only = { page: pageIndex + 1, widthPx };
  const outcome = await runPdfjs(
    pdf,
    { paper: { width: 612, height: 792 }, maxPages: pageIndex + 1, dpi: DEFAULT_DPI, only },
    options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS,
  );
  if (outcome.kind === 'pages' && outcome.pages[0]) return outcome.pages[0].png;
  const why = outcome.kind === 'encrypted' ? 'it needs a password' : outcome.kind === 'damaged' ? outcome.detail : outcome.kind;
  throw new FaxError('pdf_damaged', `Page ${pageIndex + 1} of this document could not be drawn (${why}).`);
}

// Thumbnails and previews, not fax pages: a sane ceiling keeps a bad caller from asking for gigapixels.
const MAX_IMAGE_WIDTH_PX = 5000;

interface WorkerJob {
  paper: Paper;
  maxPages: number;
  dpi: number;
  only: { page: number; widthPx: number } | null;
}

function runPdfjs(bytes: Uint8Array, job: WorkerJob, timeLimitMs: number): Promise<RasterOutcome> {
  return new Promise((resolve) => {
    let settled = false;
    let worker: Worker;
    const finish = (outcome: RasterOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker?.terminate();
      resolve(outcome);
    };
    const timer = setTimeout(() => finish({ kind: 'damaged', detail: `pdf.js did not finish within ${timeLimitMs} ms` }), timeLimitMs);
    try {
      worker = new Worker(WORKER_SOURCE, {
        eval: true,
        // A copy: pdf.js detaches the buffer it is given, and the caller keeps its bytes.
        workerData: { ...libraryLocations(), ...job, data: new Uint8Array(bytes), minSide: MIN_PAGE_SIDE_PT },
        resourceLimits: { maxOldGenerationSizeMb: 1024 },
      });
    } catch (error) {
      finish({ kind: 'damaged', detail: `could not start pdf.js: ${String(error)}` });
      return;
    }
    const pages: RasterPage[] = [];
    worker.on('message', (message: WorkerMessage) => {
      if (message.kind === 'page') {
        pages.push({
          png: encodeGreyPng(message.grey, message.pixelWidth, message.pixelHeight),
          widthPt: message.widthPt,
          heightPt: message.heightPt,
        });
      } else if (message.kind === 'done') {
        finish({ kind: 'pages', pages });
      } else {
        finish(message);
      }
    });
    worker.on('error', (error) => finish({ kind: 'damaged', detail: String(error) }));
    worker.on('exit', (code) => finish({ kind: 'damaged', detail: `pdf.js stopped (exit ${code})` }));
  });
}
