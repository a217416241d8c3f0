// PDF → fax TIFF, the form Asterisk's SendFAX transmits (contracts/asterisk-ami.md §10).
import { availableParallelism } from 'node:os';
import { PDFDocument } from 'pdf-lib';
import { FaxError } from '../../../../shared/errors';
import { damaged, encrypted } from '../refusals';
import { binarize } from './binarize';
import { FAX_LINE_PIXELS, FAX_X_DPI, linesPerInch, nearestPaper, type FaxPaper, type FaxResolution } from './faxPaper';
import { encodeG4 } from './g4Encode';
import { ghostscriptFaxTiff } from './ghostscript';
import { openFaxRenderer, RenderError, type FaxPageRenderer, type RenderedFaxPage } from './pageRender';
import { readFaxTiff } from './tiffRead';
import { writeFaxTiff, type EncodedFaxPage } from './tiffWrite';
import { FAX_TIFF_RENDERER_SETTINGS, type FaxTiffRendererSetting } from '../../config';

/** Who draws the fax TIFF: the FAX_TIFF_RENDERER values (config.ts). */
export type FaxTiffRenderer = FaxTiffRendererSetting;
export const FAX_TIFF_RENDERERS: readonly FaxTiffRenderer[] = FAX_TIFF_RENDERER_SETTINGS;

export interface PdfToFaxTiffOptions {
  resolution: FaxResolution;
  /** Forces every page onto this paper; by default each page goes on the paper its shape matches. */
  paper?: FaxPaper;
  renderer?: FaxTiffRenderer;
  /** How long pdf.js may take over one page before the file is called damaged. */
  pageTimeLimitMs?: number;
}

const PAGE_TIME_LIMIT_MS = 60_000;

function checkOptions(pdf: unknown, options: PdfToFaxTiffOptions): void {
  if (!(pdf instanceof Uint8Array) || pdf.length === 0)
    throw new FaxError('invalid_input', 'There is no document to turn into a fax image.', { field: 'pdf' });
  if (options?.resolution !== 'fine' && options?.resolution !== 'normal') {
    throw new FaxError('invalid_input', `Fax resolution "${String(options?.resolution)}" is not one Faxbot knows: use fine or normal.`, {
      field: 'resolution',
    });
  }
  if (options.paper !== undefined && options.paper !== 'letter' && options.paper !== 'a4') {
    throw new FaxError('invalid_input', `Paper size "${String(options.paper)}" is not one Faxbot knows: use letter or a4.`, {
      field: 'paper',
    });
  }
  if (options.renderer !== undefined && !FAX_TIFF_RENDERERS.includes(options.renderer)) {
    throw new FaxError(
      'invalid_input',
      `Fax image renderer "${String(options.renderer)}" is not one Faxbot knows: use builtin or ghostscript.`,
      { field: 'renderer' },
    );
  }
}

/** Render a (normalized) PDF as a Group 4 fax TIFF, one page per directory. Throws FaxError. */
export async function pdfToFaxTiff(pdf: Uint8Array, options: PdfToFaxTiffOptions): Promise<{ tiff: Uint8Array; pages: number }> {
  checkOptions(pdf, options);
  if (options.renderer === 'ghostscript') {
    const paper = options.paper ?? (await firstPagePaper(pdf));
    const tiff = await ghostscriptFaxTiff(pdf, options.resolution, paper);
    return { tiff, pages: readFaxTiff(tiff).pages.length };
  }
  const yDpi = linesPerInch(options.resolution);
  const open = () =>
    openFaxRenderer(pdf, { yDpi, paper: options.paper ?? null, pageTimeLimitMs: options.pageTimeLimitMs ?? PAGE_TIME_LIMIT_MS });
  const renderers: FaxPageRenderer[] = [];
  try {
    try {
      renderers.push(await open());
      // pdf.js drawing is most of the work: on a multi-core machine a second worker draws every
      // other page. Worth its start-up cost only for a few pages or more.
      if (renderers[0].pages >= 3 && availableParallelism() > 1) renderers.push(await open());
    } catch (error) {
      throw refusal(error);
    }
    const pages = renderers[0].pages;
    const requested = new Map<number, Promise<RenderedFaxPage>>();
    // Ask for the next pages before encoding this one, so the workers draw while this thread
    // encodes; at most one page per worker is waiting, so memory stays flat for long documents.
    const request = (n: number) => {
      if (n > pages || requested.has(n)) return;
      const promise = renderers[(n - 1) % renderers.length].page(n);
      promise.catch(() => undefined); // awaited in turn below; this only marks it handled meanwhile
      requested.set(n, promise);
    };
    const encoded: EncodedFaxPage[] = [];
    for (let n = 1; n <= pages; n++) {
      for (let k = 0; k < renderers.length; k++) request(n + k);
      const page = await requested.get(n)!.catch((error: unknown) => Promise.reject(refusal(error)));
      requested.delete(n);
      const g4 = encodeG4(binarize(page.grey, page.width, page.height));
      encoded.push({ width: FAX_LINE_PIXELS, height: page.height, xRes: FAX_X_DPI, yRes: yDpi, g4 });
    }
    return { tiff: writeFaxTiff(encoded), pages: encoded.length };
  } finally {
    await Promise.all(renderers.map((r) => r.close()));
  }
}

function refusal(error: unknown): unknown {
  if (!(error instanceof RenderError)) return error;
  if (error.failure.kind === 'encrypted') return encrypted();
  return damaged('This PDF');
}

/** Ghostscript takes one page size for the whole run: that of the first page. */
async function firstPagePaper(pdf: Uint8Array): Promise<FaxPaper> {
  try {
    const doc = await PDFDocument.load(pdf, { updateMetadata: false, ignoreEncryption: true });
    const { width, height } = doc.getPage(0).getSize();
    return nearestPaper(width, height);
  } catch {
    return 'letter';
  }
}
