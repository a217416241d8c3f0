// The documents of the fax being prepared, in the order they will be sent.
import { useDesk, useSlice } from '../deskContext';
import { PageThumbnails } from '../components/PageThumbnails';
import { pagesLabel } from '../format';

export function DocumentList() {
  const desk = useDesk();
  const documents = useSlice(desk.send, (s) => s.documents);
  const { remove, move } = desk.send.getState();
  if (documents.length === 0) return null;
  return (
    <ol className="documents" aria-label="Documents to send">
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
            <button type="button" onClick={() => remove(doc.key)} aria-label={`Remove ${doc.fileName}`}>✕</button>
            <button type="button" onClick={() => move(doc.key, -1)} disabled={index === 0} aria-label={`Move ${doc.fileName} up`}>↑</button>
            <button type="button" onClick={() => move(doc.key, 1)} disabled={index === documents.length - 1} aria-label={`Move ${doc.fileName} down`}>↓</button>
          </div>
        </li>
      ))}
    </ol>
  );
}
