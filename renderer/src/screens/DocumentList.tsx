// The pages of the fax being prepared, in the order they will be sent: the cover page
// first (when on), then each document.
import { useDesk, useSlice } from '../deskContext';
import { PageThumbnails } from '../components/PageThumbnails';
import { CoverThumbnail } from '../components/CoverThumbnail';
import { pagesLabel } from '../format';

export function DocumentList() {
  const desk = useDesk();
  const documents = useSlice(desk.send, (s) => s.documents);
  const cover = useSlice(desk.send, (s) => s.cover);
  const preview = useSlice(desk.send, (s) => s.coverPreview);
  const { remove, move, setCover } = desk.send.getState();
  if (documents.length === 0 && !cover) return null;
  return (
    <ol className="documents" aria-label="Documents to send">
      {cover && (
        <li className="document cover-document" data-state={preview.state}>
          <CoverThumbnail preview={preview} />
          <div className="document-info">
            <span className="document-name">Cover page</span>
            <span className="document-pages">{preview.state === 'loading' ? 'Drawing…' : '1 page'}</span>
          </div>
          <div className="document-actions">
            <button type="button" onClick={() => setCover(false)} aria-label="Remove the cover page">
              ✕
            </button>
          </div>
        </li>
      )}
      {documents.map((doc, index) => (
        <li key={doc.key} className="document" data-state={doc.state}>
          {doc.state === 'ready' ? (
            <PageThumbnails documentId={doc.staged.documentId} fileName={doc.fileName} />
          ) : (
            <div className="thumbs thumbs-loading" aria-hidden="true" />
          )}
          <div className="document-info">
            <span className="document-name">{doc.fileName}</span>
            <span className="document-pages">{doc.state === 'ready' ? pagesLabel(doc.staged.pages) : 'Loading…'}</span>
          </div>
          <div className="document-actions">
            <button type="button" onClick={() => remove(doc.key)} aria-label={`Remove ${doc.fileName}`}>
              ✕
            </button>
            <button type="button" onClick={() => move(doc.key, -1)} disabled={index === 0} aria-label={`Move ${doc.fileName} up`}>
              ↑
            </button>
            <button
              type="button"
              onClick={() => move(doc.key, 1)}
              disabled={index === documents.length - 1}
              aria-label={`Move ${doc.fileName} down`}
            >
              ↓
            </button>
          </div>
        </li>
      ))}
    </ol>
  );
}
