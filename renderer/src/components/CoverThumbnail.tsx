// The cover page as the engine drew it, shown like any other page of the fax; it opens larger.
import { usePdf } from '../pdf';
import type { CoverPreview } from '../stores';
import { PdfPageCanvas } from './PdfPageCanvas';

export function CoverThumbnail({ preview, onOpen }: { preview: CoverPreview; onOpen(opener: HTMLElement): void }) {
  const pdfBase64 = preview.pdfBase64;
  // Each new drawing has a new version, so the page is loaded again as the person types.
  const load = usePdf(pdfBase64 ? `cover-${preview.version}` : null, async () => pdfBase64 ?? '', true);
  if (preview.state === 'error') return <p className="thumbs-error">Cover page preview not available: {preview.message}</p>;
  if (!pdfBase64 || load.state === 'loading') return <div className="thumbs thumbs-loading" aria-hidden="true" />;
  if (load.state === 'error') return <p className="thumbs-error">Cover page preview not available: {load.message}</p>;
  return (
    <div className="thumbs">
      <button type="button" className="thumb-button" aria-label="Open the cover page" onClick={(e) => onOpen(e.currentTarget)}>
        <PdfPageCanvas pdf={load.pdf} pageNumber={1} width={64} label="Cover page" className="thumb cover-thumb" />
      </button>
    </div>
  );
}
