// Inbox: received faxes like mail — the list on the left, the fax itself on the right.
import type { KeyboardEvent } from 'react';
import { formatFaxNumber } from '../../../shared/faxNumber';
import { useDesk, useSlice } from '../deskContext';
import { EmptyState } from '../components/EmptyState';
import { PdfViewer } from '../components/PdfViewer';
import { formatFaxTime, pagesLabel } from '../format';
import { faxesNewestFirst } from '../stores';

export function InboxScreen() {
  const desk = useDesk();
  const byId = useSlice(desk.inbox, (s) => s.faxes);
  const selectedId = useSlice(desk.inbox, (s) => s.selectedId);
  const loaded = useSlice(desk.inbox, (s) => s.loaded);
  const loadError = useSlice(desk.inbox, (s) => s.loadError);
  const country = desk.defaultCountry();
  const faxes = faxesNewestFirst(byId);
  const selected = selectedId ? byId[selectedId] : undefined;

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    void desk.inbox
      .getState()
      .step(e.key === 'ArrowDown' ? 1 : -1)
      .then(() => {
        const id = desk.inbox.getState().selectedId;
        if (id) document.querySelector<HTMLButtonElement>(`[data-fax-id="${CSS.escape(id)}"]`)?.focus();
      });
  };

  const sender = (from: string, fromName: string) => fromName || (from ? formatFaxNumber(from, country) : 'Unknown sender');

  return (
    <section className="screen split-screen inbox-screen" aria-labelledby="inbox-title">
      <div className="list-pane">
        <h1 id="inbox-title" className="pane-title">Inbox</h1>
        {loadError && <p className="form-error" role="alert">{loadError}</p>}
        {loaded && faxes.length === 0 && !loadError && (
          <EmptyState>No faxes received yet. Faxes sent to this station's number appear here as they arrive.</EmptyState>
        )}
        <ul className="rows" aria-label="Received faxes" onKeyDown={onKeyDown}>
          {faxes.map((fax) => (
            <li key={fax.id}>
              <button
                type="button"
                className={`row ${fax.read ? '' : 'unread'}`}
                aria-current={fax.id === selectedId ? 'true' : undefined}
                aria-label={`${fax.read ? '' : 'Unread, '}from ${sender(fax.from, fax.fromName)}, ${pagesLabel(fax.pages)}, ${formatFaxTime(fax.receivedAt)}`}
                data-fax-id={fax.id}
                onClick={() => void desk.inbox.getState().select(fax.id)}
              >
                <span className="unread-dot" aria-hidden="true">{fax.read ? '' : '●'}</span>
                <span className="row-who">
                  <span className="row-name">{sender(fax.from, fax.fromName)}</span>
                  {fax.fromName && fax.from && <span className="row-sub">{formatFaxNumber(fax.from, country)}</span>}
                </span>
                <span className="row-pages">{pagesLabel(fax.pages)}</span>
                <span className="row-time">{formatFaxTime(fax.receivedAt)}</span>
              </button>
            </li>
          ))}
        </ul>
      </div>
      <div className="detail-pane">
        {selected ? (
          <PdfViewer
            documentKey={`inbound-${selected.id}`}
            title={`Fax from ${sender(selected.from, selected.fromName)}`}
            load={async () => (await desk.api.getInboundDocument({ id: selected.id })).pdfBase64}
          />
        ) : (
          faxes.length > 0 && <EmptyState>Select a fax to read it.</EmptyState>
        )}
      </div>
    </section>
  );
}
