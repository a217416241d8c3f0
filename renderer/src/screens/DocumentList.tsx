// The pages of the fax being prepared, in the order they will be sent: the cover page
// first (when on), then each document. A page opens them larger (SendPageView).
import { useRef, useState } from 'react';
import { useDesk, useSlice } from '../deskContext';
import { PageThumbnails } from '../components/PageThumbnails';
import { CoverThumbnail } from '../components/CoverThumbnail';
import { pagesLabel } from '../format';
import { SendPageView, type PageViewTarget } from './SendPageView';

/** Where focus goes back to when the page view closes: the thumbnail, else its document. */
function returnFocus(opener: HTMLElement | null, key: string | null): void {
  if (opener?.isConnected) return opener.focus();
  const row = key ? document.querySelector<HTMLElement>(`[data-document-key="${key}"]`) : null;
  row?.querySelector<HTMLElement>('button')?.focus();
}

export function DocumentList() {
  const desk = useDesk();
  const documents = useSlice(desk.send, (s) => s.documents);
  const cover = useSlice(desk.send, (s) => s.cover);
  const preview = useSlice(desk.send, (s) => s.coverPreview);
  const { remove, move, setCover } = desk.send.getState();
  const [viewing, setViewing] = useState<PageViewTarget | null>(null);
  const opener = useRef<HTMLElement | null>(null);
  const open = (target: PageViewTarget, from: HTMLElement) => {
    opener.current = from;
    setViewing(target);
  };
  const close = () => {
    const key = viewing?.kind === 'document' ? viewing.key : null;
    setViewing(null);
    // The view has closed its dialog already, so the rest of Send can take focus again.
    returnFocus(opener.current, key);
  };
  if (documents.length === 0 && !cover) return null;
  return (
    <>
      {viewing && <SendPageView target={viewing} onClose={close} />}
      <ol className="documents" aria-label="Documents to send">
        {cover && (
          <li className="document cover-document" data-state={preview.state} data-document-key="cover">
            <CoverThumbnail preview={preview} onOpen={(from) => open({ kind: 'cover' }, from)} />
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
          <li key={doc.key} className="document" data-state={doc.state} data-document-key={doc.key}>
            {doc.state === 'ready' ? (
              <PageThumbnails
                documentId={doc.staged.documentId}
                fileName={doc.fileName}
                onOpen={(page, from) => open({ kind: 'document', key: doc.key, page }, from)}
              />
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
    </>
  );
}
