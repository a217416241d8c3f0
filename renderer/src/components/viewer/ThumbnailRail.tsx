// Page thumbnails down the side of the viewer. A thumbnail is drawn only once it scrolls
// near view, so a 200-page fax opens as fast as a 2-page one.
import { useEffect, useRef, useState } from 'react';
import type { PDFDocumentProxy } from '../../pdf';
import { PdfPageCanvas } from '../PdfPageCanvas';

const THUMB_WIDTH = 72;

function Thumb({
  pdf,
  pageNumber,
  pages,
  rotation,
  current,
  onPick,
  root,
}: {
  pdf: PDFDocumentProxy;
  pageNumber: number;
  pages: number;
  rotation: number;
  current: boolean;
  onPick(page: number): void;
  root: HTMLElement | null;
}) {
  const button = useRef<HTMLButtonElement>(null);
  const [near, setNear] = useState(false);
  useEffect(() => {
    const element = button.current;
    if (!element || near) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) setNear(true);
      },
      { root, rootMargin: '200px 0px' },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [root, near]);
  useEffect(() => {
    if (current) button.current?.scrollIntoView({ block: 'nearest' });
  }, [current]);
  return (
    <li>
      <button
        ref={button}
        type="button"
        className="viewer-thumb"
        aria-label={`Show page ${pageNumber} of ${pages}`}
        aria-current={current ? 'page' : undefined}
        onClick={() => onPick(pageNumber)}
      >
        {near ? (
          <PdfPageCanvas
            pdf={pdf}
            pageNumber={pageNumber}
            width={THUMB_WIDTH}
            rotation={rotation}
            label={`Thumbnail of page ${pageNumber}`}
            className="viewer-thumb-canvas"
          />
        ) : (
          <span className="viewer-thumb-blank" />
        )}
        <span className="viewer-thumb-number" aria-hidden="true">
          {pageNumber}
        </span>
      </button>
    </li>
  );
}

export function ThumbnailRail({
  pdf,
  current,
  rotationOf,
  onPick,
}: {
  pdf: PDFDocumentProxy;
  current: number;
  /** How far each page is turned, in degrees. */
  rotationOf(page: number): number;
  onPick(page: number): void;
}) {
  const [rail, setRail] = useState<HTMLElement | null>(null);
  const pages = pdf.numPages;
  return (
    <nav className="viewer-thumbs" aria-label="Pages" ref={setRail}>
      <ol>
        {Array.from({ length: pages }, (_, i) => (
          <Thumb
            key={i}
            pdf={pdf}
            pageNumber={i + 1}
            pages={pages}
            rotation={rotationOf(i + 1)}
            current={current === i + 1}
            onPick={onPick}
            root={rail}
          />
        ))}
      </ol>
    </nav>
  );
}
