// Inbox: received faxes like mail — the list on the left, the fax itself on the right
// (UX.md). Keys: ↑/↓ move between faxes (and mark them read), R rotates the page and
// Shift+R every page, U marks unread, F forwards, Delete deletes at once (Undo brings it
// back for a few seconds; Ctrl/⌘+Z too).
import { useEffect, useRef, useState } from 'react';
import { useDesk, useSlice } from '../deskContext';
import { EmptyState } from '../components/EmptyState';
import { PdfViewer, type PdfViewerHandle } from '../components/PdfViewer';
import { isFiltered } from '../stores';
import { documentExpiredMessage } from '../../../shared/model';
import { InboxList, InboxSearch, NO_FAXES_YET, UndoToast, faxFileName, noMatchWords, senderOf } from './inbox';
import { NotificationOffer } from '../components/ArrivalNotices';

/** Keys typed into a field are the field's, not the Inbox's. */
function typingInto(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

export function InboxScreen() {
  const desk = useDesk();
  const selected = useSlice(desk.inbox, (s) => (s.selectedId ? s.faxes[s.selectedId] : undefined));
  const count = useSlice(desk.inbox, (s) => Math.max(s.total, s.ids.length));
  const loaded = useSlice(desk.inbox, (s) => s.loaded);
  const loadError = useSlice(desk.inbox, (s) => s.loadError);
  const actionError = useSlice(desk.inbox, (s) => s.actionError);
  const filter = useSlice(desk.inbox, (s) => s.filter);
  const country = desk.defaultCountry();
  const viewer = useRef<PdfViewerHandle>(null);
  const [forwarding, setForwarding] = useState(false);
  const sender = (fax: { from: string; fromName: string; contactName?: string }) => senderOf(fax, country);

  const focusList = () => document.querySelector<HTMLElement>('[role="listbox"][aria-label="Received faxes"]')?.focus();
  const forward = async (id: string) => {
    setForwarding(true);
    try {
      await desk.forwardFax(id);
    } finally {
      setForwarding(false);
    }
  };
  // No question first: the Undo toast is the way back (UX.md: "Delete (undo for 10 s)").
  const remove = async (id: string) => {
    await desk.inbox.getState().remove(id);
    focusList();
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || typingInto(e.target)) return;
      const inbox = desk.inbox.getState();
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'z' && inbox.deleted) {
        e.preventDefault();
        void inbox.undoRemove();
        return;
      }
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const id = inbox.selectedId;
      // With nothing focused, ↑/↓ still move through the list (the listbox handles them when focused).
      if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && (document.activeElement === document.body || !document.activeElement)) {
        e.preventDefault();
        void inbox.step(e.key === 'ArrowDown' ? 1 : -1);
      } else if ((e.key === 'r' || e.key === 'R') && id) {
        e.preventDefault();
        if (e.shiftKey) viewer.current?.rotateAll();
        else viewer.current?.rotate();
      } else if ((e.key === 'u' || e.key === 'U') && id) {
        e.preventDefault();
        void inbox.markUnread(id);
      } else if ((e.key === 'f' || e.key === 'F') && id) {
        e.preventDefault();
        void forward(id);
      } else if (e.key === 'Delete' && id) {
        e.preventDefault();
        void remove(id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
    // forward() and remove() only read the desk; the listener is set up once per desk.
  }, [desk]);

  const empty = loaded && !loadError && count === 0;
  return (
    <section className="screen split-screen inbox-screen" aria-labelledby="inbox-title">
      <div className="list-pane inbox-list-pane">
        <h1 id="inbox-title" className="pane-title">
          Inbox
        </h1>
        <InboxSearch />
        <NotificationOffer />
        {loadError && (
          <p className="form-error" role="alert">
            {loadError}
          </p>
        )}
        {empty && <EmptyState>{isFiltered(filter) ? noMatchWords(filter) : NO_FAXES_YET}</EmptyState>}
        <InboxList />
      </div>
      <div className="detail-pane inbox-detail-pane">
        {actionError && (
          <p className="form-error" role="alert">
            {actionError}
          </p>
        )}
        {selected?.documentExpired ? (
          // Deleted under retention: the reason instead of the pages; it can still be deleted.
          <div className="document-expired-pane" aria-label={`Fax from ${sender(selected)}`}>
            <p className="document-expired" role="note">
              {documentExpiredMessage(selected.documentExpired)}
            </p>
            <div className="details-actions">
              <button type="button" disabled title={documentExpiredMessage(selected.documentExpired)}>
                Forward
              </button>
              <button type="button" className="danger-quiet" onClick={() => void remove(selected.id)} title="Delete (Del)">
                Delete
              </button>
            </div>
          </div>
        ) : selected ? (
          <PdfViewer
            ref={viewer}
            documentKey={`inbound-${selected.id}`}
            title={`Fax from ${sender(selected)}`}
            load={async () => (await desk.api.getInboundDocument({ id: selected.id })).pdfBase64}
            saveAs={faxFileName(selected, country)}
            printable
            // Only the window sees a save or a print: it tells the engine, for the audit log.
            onSaved={() => void desk.api.recordInboundFaxUse({ id: selected.id, use: 'saved' }).catch(() => undefined)}
            onPrinted={() => void desk.api.recordInboundFaxUse({ id: selected.id, use: 'printed' }).catch(() => undefined)}
            toolbar={
              <>
                <button
                  type="button"
                  onClick={() => void desk.inbox.getState().markUnread(selected.id)}
                  disabled={!selected.read}
                  title="Mark unread (U)"
                >
                  Mark unread
                </button>
                <button type="button" onClick={() => void forward(selected.id)} disabled={forwarding} title="Forward (F)">
                  {forwarding ? 'Forwarding…' : 'Forward'}
                </button>
                <button type="button" className="danger-quiet" onClick={() => void remove(selected.id)} title="Delete (Del)">
                  Delete
                </button>
              </>
            }
          />
        ) : (
          count > 0 && <EmptyState>Select a fax to read it. ↑ and ↓ move between faxes.</EmptyState>
        )}
      </div>
      <UndoToast senderOf={sender} />
    </section>
  );
}
