// The real pages of a staged document, as they will be sent (after normalization). Each
// page, and the "+N" tile, opens the pages larger (Send's page view).
import { useDesk } from '../deskContext';
import { usePdf } from '../pdf';
import { PdfPageCanvas } from './PdfPageCanvas';

/** More than this many pages shows a "+N" tile: a 200-page file should not draw 200 canvases. */
const MAX_THUMBNAILS = 8;

export function PageThumbnails({
  documentId,
  fileName,
  onOpen,
}: {
  documentId: string;
  fileName: string;
  /** Opens the pages at this one (1-based); `opener` is the button, for focus to come back to. */
  onOpen(page: number, opener: HTMLElement): void;
}) {
  const desk = useDesk();
  // After a page is turned or deleted the document is a new one: the old pages stay until it loads.
  const load = usePdf(documentId, async () => (await desk.api.getStagedDocument({ documentId })).pdfBase64, true);
  if (load.state === 'loading') return <div className="thumbs thumbs-loading" aria-hidden="true" />;
  if (load.state === 'error') return <p className="thumbs-error">Preview not available: {load.message}</p>;
  const pages = load.pdf.numPages;
  const shown = Math.min(pages, MAX_THUMBNAILS);
  return (
    <div className="thumbs">
      {Array.from({ length: shown }, (_, i) => (
        <button
          key={i}
          type="button"
          className="thumb-button"
          aria-label={`Open ${fileName}, page ${i + 1} of ${pages}`}
          onClick={(e) => onOpen(i + 1, e.currentTarget)}
        >
          <PdfPageCanvas pdf={load.pdf} pageNumber={i + 1} width={64} label={`${fileName}, page ${i + 1}`} className="thumb" />
        </button>
      ))}
      {pages > shown && (
        <button
          type="button"
          className="thumb thumb-more"
          aria-label={`Open ${fileName} at page ${shown + 1}: ${pages - shown} more pages`}
          onClick={(e) => onOpen(shown + 1, e.currentTarget)}
        >
          +{pages - shown}
        </button>
      )}
    </div>
  );
}
