// A desktop notification for each received fax (UX.md: "a received fax also raises a desktop
// notification that opens it"). Clicking it brings the window forward.
import { Notification } from 'electron';
import { inboundSenderName, type InboundFax } from '../../shared/model';
import { formatFaxNumber } from '../../shared/faxNumber';
import type { Engine } from '../engine';

export function receivedFaxNotice(fax: Pick<InboundFax, 'from' | 'fromName' | 'contactName' | 'pages'>): { title: string; body: string } {
  const sender = inboundSenderName(fax) || (fax.from ? formatFaxNumber(fax.from) : 'an unknown number');
  const pages = fax.pages === 1 ? '1 page' : `${fax.pages} pages`;
  return { title: 'Fax received', body: `From ${sender}, ${pages}.` };
}

/** Shows a notification on every `faxReceived` event; returns the unsubscribe. */
export function notifyReceivedFaxes(engine: Engine, onClick: (fax: InboundFax) => void): () => void {
  // Kept alive until clicked or closed: a garbage-collected Notification loses its click.
  const shown = new Set<Notification>();
  return engine.on((event, payload) => {
    if (event !== 'faxReceived' || !Notification.isSupported()) return;
    const fax = payload as InboundFax;
    const notification = new Notification({ ...receivedFaxNotice(fax), silent: false });
    shown.add(notification);
    notification.on('click', () => {
      shown.delete(notification);
      onClick(fax);
    });
    notification.on('close', () => shown.delete(notification));
    notification.show();
  });
}
