// A document viewer: one page at a time, previous/next, zoom and rotate.
import { useEffect, useState } from 'react';
import { usePdf } from '../pdf';
import { PdfPageCanvas } from './PdfPageCanvas';

interface Props {
  /** Changes when the viewer should show a different document. */
  documentKey: string;
  title: string;
  load: () => Promise<string>;
}

const ZOOMS = [400, 520, 640, 800, 1000, 1240];

export function PdfViewer({ documentKey, title, load }: Props) {
  const pdf = usePdf(documentKey, load);
  const [page, setPage] = useState(1);
  const [zoom, setZoom] = useState(2);
  const [rotation, setRotation] = useState(0);
  useEffect(() => {
    setPage(1);
    setRotation(0);
  }, [documentKey]);

  if (pdf.state === 'loading') return <div className="viewer viewer-message" role="status">Opening {title}…</div>;
  if (pdf.state === 'error') return <div className="viewer viewer-message" role="alert">{title} could not be opened: {pdf.message}</div>;
  const pages = pdf.pdf.numPages;
  const current = Math.min(page, pages);
  return (
    <section className="viewer" aria-label={`${title} preview`}>
      <div className="viewer-toolbar" role="toolbar" aria-label="Document">
        <button type="button" onClick={() => setPage(current - 1)} disabled={current <= 1} aria-label="Previous page">‹</button>
        <span aria-live="polite">Page {current} of {pages}</span>
        <button type="button" onClick={() => setPage(current + 1)} disabled={current >= pages} aria-label="Next page">›</button>
        <span className="toolbar-gap" />
        <button type="button" onClick={() => setZoom(zoom - 1)} disabled={zoom <= 0} aria-label="Zoom out">−</button>
        <button type="button" onClick={() => setZoom(zoom + 1)} disabled={zoom >= ZOOMS.length - 1} aria-label="Zoom in">+</button>
        <button type="button" onClick={() => setRotation((rotation + 90) % 360)} aria-label="Rotate">⟳</button>
      </div>
      <div className="viewer-page">
        <PdfPageCanvas pdf={pdf.pdf} pageNumber={current} width={ZOOMS[zoom]} rotation={rotation} label={`${title}, page ${current} of ${pages}`} className="page-canvas" />
      </div>
    </section>
  );
}
