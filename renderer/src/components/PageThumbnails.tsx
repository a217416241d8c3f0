// The real pages of a staged document, as they will be sent (after normalization).
import { useDesk } from '../deskContext';
import { usePdf } from '../pdf';
import { PdfPageCanvas } from './PdfPageCanvas';

/** More than this many pages shows a "+N" tile: a 200-page file should not draw 200 canvases. */
const MAX_THUMBNAILS = 8;

export function PageThumbnails({ documentId, fileName }: { documentId: string; fileName: string }) {
  const desk = useDesk();
  const load = usePdf(documentId, async () => (await desk.api.getStagedDocument({ documentId })).pdfBase64);
  if (load.state === 'loading') return <div className="thumbs thumbs-loading" aria-hidden="true" />;
  if (load.state === 'error') return <p className="thumbs-error">Preview not available: {load.message}</p>;
  const pages = load.pdf.numPages;
  const shown = Math.min(pages, MAX_THUMBNAILS);
  return (
    <div className="thumbs">
      {Array.from({ length: shown }, (_, i) => (
        <PdfPageCanvas key={i} pdf={load.pdf} pageNumber={i + 1} width={64} label={`${fileName}, page ${i + 1}`} className="thumb" />
      ))}
      {pages > shown && (
        <span className="thumb thumb-more" aria-label={`and ${pages - shown} more pages`}>
          +{pages - shown}
        </span>
      )}
    </div>
  );
}
