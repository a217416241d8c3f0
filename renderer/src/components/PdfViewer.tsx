// The document viewer (UX.md, Inbox): pdf.js pages with thumbnails down the side,
// previous/next, zoom, fit width (the default) and rotate; optionally Save as PDF and Print,
// and any buttons the screen adds to the toolbar (Forward, Delete).
import { useEffect, useImperativeHandle, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode, type Ref } from 'react';
import { usePdf, type PdfSource } from '../pdf';
import { PdfPageCanvas } from './PdfPageCanvas';
import { FIT_WIDTH, ThumbnailRail, canZoom, pageWidth, zoomPercent, zoomStep, type Zoom } from './viewer';
import { printPdf, savePdf } from '../documents';
import { base64FromBytes, errorSentence } from '../bridge';

export interface PdfViewerHandle {
  /** Turns the page on screen a quarter to the right (the R key on the Inbox). */
  rotate(): void;
  /** Turns every page a quarter to the right (Shift+R). */
  rotateAll(): void;
  /** The page on screen (1-based). */
  currentPage(): number;
}

/** Quarter turns: one for every page, and each page's own on top. */
interface Rotations {
  all: number;
  pages: Record<number, number>;
}
const UPRIGHT: Rotations = { all: 0, pages: {} };
const rotationOf = (r: Rotations, page: number) => (r.all + (r.pages[page] ?? 0)) % 360;

export interface PdfViewerProps {
  /** Changes when the viewer should show a different document. */
  documentKey: string;
  title: string;
  /** The PDF, base64 or bytes; or `load` to fetch it when the viewer opens. */
  pdf?: PdfSource;
  load?: () => Promise<PdfSource>;
  /** Offers "Save as PDF" under this file name. */
  saveAs?: string;
  /** Offers "Print". */
  printable?: boolean;
  /** Hears a save or print once it has been handed to the system (the Inbox records it in the audit log). */
  onSaved?: () => void;
  onPrinted?: () => void;
  /** The screen's own buttons, at the end of the toolbar; a function is given the page on screen. */
  toolbar?: ReactNode | ((page: number, pages: number) => ReactNode);
  /**
   * What the rotate buttons turn: the view (the default: the Inbox), the document itself
   * (Send: the screen changes what is sent and gives the viewer the new document), or
   * nothing, with no buttons (a page that cannot be changed, such as the cover).
   */
  rotate?: 'view' | 'off' | { page(page: number): void; all(page: number): void };
  /** The page shown when a document opens (clamped to its pages); 1 unless given. */
  startPage?: number;
  /** Keeps the pages on screen while the next document loads (the same document, changed). */
  keepWhileLoading?: boolean;
  /** Page thumbnails down the side; on unless turned off. */
  thumbnails?: boolean;
  ref?: Ref<PdfViewerHandle>;
}

/** Border and breathing room around the page inside the page area. */
const PAGE_MARGIN = 4;

export function PdfViewer({
  documentKey,
  title,
  pdf: given,
  load,
  saveAs,
  printable,
  onSaved,
  onPrinted,
  toolbar,
  thumbnails = true,
  rotate = 'view',
  startPage = 1,
  keepWhileLoading = false,
  ref,
}: PdfViewerProps) {
  const pdf = usePdf(
    documentKey,
    async () => given ?? (load ? load() : Promise.reject(new Error('there is no document to show'))),
    keepWhileLoading,
  );
  const [page, setPage] = useState(startPage);
  const [zoom, setZoom] = useState<Zoom>(FIT_WIDTH);
  const [rotations, setRotations] = useState<Rotations>(UPRIGHT);
  // Read by the handle, which outlives a render.
  const currentPage = useRef(1);
  const [available, setAvailable] = useState(0);
  const [busy, setBusy] = useState<'' | 'saving' | 'printing'>('');
  const [problem, setProblem] = useState<string | null>(null);
  const area = useRef<HTMLDivElement | null>(null);
  const [areaElement, setAreaElement] = useState<HTMLDivElement | null>(null);

  useEffect(() => {
    setPage(startPage);
    setRotations(UPRIGHT);
    setZoom(FIT_WIDTH);
    setProblem(null);
  }, [documentKey]);

  const rotatePage = () => {
    if (rotate === 'off') return;
    if (rotate !== 'view') return rotate.page(currentPage.current);
    setRotations((r) => ({ ...r, pages: { ...r.pages, [currentPage.current]: ((r.pages[currentPage.current] ?? 0) + 90) % 360 } }));
  };
  const rotateAll = () => {
    if (rotate === 'off') return;
    if (rotate !== 'view') return rotate.all(currentPage.current);
    setRotations((r) => ({ ...r, all: (r.all + 90) % 360 }));
  };
  useImperativeHandle(ref, () => ({ rotate: rotatePage, rotateAll, currentPage: () => currentPage.current }), [rotate]);

  // Fit width follows the pane as the window is resized.
  useLayoutEffect(() => {
    area.current = areaElement;
    if (!areaElement) return;
    const measure = () => setAvailable(areaElement.clientWidth - 2 * PAGE_MARGIN - 2);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(areaElement);
    return () => observer.disconnect();
  }, [areaElement]);

  if (pdf.state === 'loading')
    return (
      <div className="viewer viewer-message" role="status">
        Opening {title}…
      </div>
    );
  if (pdf.state === 'error')
    return (
      <div className="viewer viewer-message" role="alert">
        {title} could not be opened: {pdf.message}
      </div>
    );
  const doc = pdf.pdf;
  const pages = doc.numPages;
  const current = Math.min(Math.max(page, 1), pages);
  currentPage.current = current;
  const rotation = rotationOf(rotations, current);
  const width = pageWidth(zoom, available);

  const goTo = (n: number) => {
    setPage(Math.min(Math.max(n, 1), pages));
    area.current?.scrollTo({ top: 0 });
  };
  const save = async () => {
    setBusy('saving');
    try {
      savePdf(saveAs ?? `${title}.pdf`, base64FromBytes(await doc.getData()));
      setProblem(null);
      onSaved?.();
    } catch (error) {
      setProblem(`The PDF could not be saved: ${errorSentence(error)}`);
    } finally {
      setBusy('');
    }
  };
  const print = async () => {
    setBusy('printing');
    try {
      await printPdf(base64FromBytes(await doc.getData()), title);
      setProblem(null);
      onPrinted?.();
    } catch (error) {
      setProblem(`The fax could not be printed: ${errorSentence(error)}`);
    } finally {
      setBusy('');
    }
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.target instanceof HTMLInputElement) return;
    const actions: Record<string, () => void> = {
      PageDown: () => goTo(current + 1),
      PageUp: () => goTo(current - 1),
      '+': () => setZoom(zoomStep(zoom, available, 1)),
      '-': () => setZoom(zoomStep(zoom, available, -1)),
    };
    const action = actions[e.key];
    if (!action || e.ctrlKey || e.metaKey || e.altKey) return;
    e.preventDefault();
    action();
  };

  return (
    <section className={`viewer ${thumbnails ? 'viewer-with-thumbs' : ''}`} aria-label={`${title} preview`} onKeyDown={onKeyDown}>
      <div className="viewer-toolbar" role="toolbar" aria-label="Document">
        <button type="button" onClick={() => goTo(current - 1)} disabled={current <= 1} aria-label="Previous page">
          ‹
        </button>
        <span className="viewer-page-number" aria-live="polite">
          Page {current} of {pages}
        </span>
        <button type="button" onClick={() => goTo(current + 1)} disabled={current >= pages} aria-label="Next page">
          ›
        </button>
        <span className="toolbar-gap" />
        <button
          type="button"
          onClick={() => setZoom(zoomStep(zoom, available, -1))}
          disabled={!canZoom(zoom, available, -1)}
          aria-label="Zoom out"
        >
          −
        </button>
        <span className="viewer-zoom" aria-label={`Zoom ${zoomPercent(zoom, available)}%`}>
          {zoomPercent(zoom, available)}%
        </span>
        <button
          type="button"
          onClick={() => setZoom(zoomStep(zoom, available, 1))}
          disabled={!canZoom(zoom, available, 1)}
          aria-label="Zoom in"
        >
          +
        </button>
        <button type="button" onClick={() => setZoom(FIT_WIDTH)} aria-pressed={zoom.mode === 'fit'}>
          Fit width
        </button>
        {rotate !== 'off' && (
          <>
            <button type="button" onClick={rotatePage} aria-label="Rotate page" title="Rotate this page (R)">
              ⟳
            </button>
            <button type="button" onClick={rotateAll} aria-label="Rotate all pages" title="Rotate all pages (Shift+R)">
              ⟳ All
            </button>
          </>
        )}
        {(saveAs !== undefined || printable || toolbar) && <span className="toolbar-divider" aria-hidden="true" />}
        {saveAs !== undefined && (
          <button type="button" onClick={() => void save()} disabled={busy !== ''} aria-label="Save as PDF" title="Save as PDF">
            Save
          </button>
        )}
        {printable && (
          <button type="button" onClick={() => void print()} disabled={busy !== ''}>
            {busy === 'printing' ? 'Preparing…' : 'Print'}
          </button>
        )}
        {typeof toolbar === 'function' ? toolbar(current, pages) : toolbar}
      </div>
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      <div className="viewer-body">
        {thumbnails && <ThumbnailRail pdf={doc} current={current} rotationOf={(n) => rotationOf(rotations, n)} onPick={goTo} />}
        <div className="viewer-page" ref={setAreaElement}>
          <PdfPageCanvas
            pdf={doc}
            pageNumber={current}
            width={width}
            rotation={rotation}
            label={`Page ${current} of ${pages}`}
            className="page-canvas"
          />
        </div>
      </div>
    </section>
  );
}
