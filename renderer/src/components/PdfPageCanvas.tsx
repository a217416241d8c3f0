// One PDF page drawn on a canvas; redrawn when the page, width or rotation changes.
import { useEffect, useRef, useState } from 'react';
import { renderPage, type PDFDocumentProxy } from '../pdf';

interface Props {
  pdf: PDFDocumentProxy;
  pageNumber: number;
  width: number;
  rotation?: number;
  label: string;
  className?: string;
}

export function PdfPageCanvas({ pdf, pageNumber, width, rotation = 0, label, className }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [state, setState] = useState<'drawing' | 'drawn' | 'failed'>('drawing');
  useEffect(() => {
    if (!canvas.current) return;
    setState('drawing');
    // A superseded drawing (the width or page changed) must not mark the canvas drawn.
    let current = true;
    const render = renderPage(pdf, pageNumber, canvas.current, width, rotation);
    render.done.then(
      () => current && setState('drawn'),
      () => current && setState('failed'),
    );
    return () => {
      current = false;
      render.cancel();
    };
  }, [pdf, pageNumber, width, rotation]);
  return (
    <canvas
      ref={canvas}
      className={className}
      role="img"
      aria-label={state === 'failed' ? `${label} (could not be drawn)` : label}
      data-state={state}
    />
  );
}
