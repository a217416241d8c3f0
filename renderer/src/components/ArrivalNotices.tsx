// The page's notice for each fax that arrives while it is open, whatever screen is showing:
// "Fax received — From Dr. Amy Lee, 3 pages. [Open]". It stays until opened, dismissed or read.
// NotificationOffer asks for the system's notifications, when the person chooses to.
import { useDesk, useSlice } from '../deskContext';
import { receivedFaxWords } from '../stores';

export function NotificationOffer() {
  const desk = useDesk();
  const permission = useSlice(desk.arrivals, (s) => s.permission);
  if (permission !== 'default') return null;
  return (
    <p className="notification-offer hint">
      Get a notice on this computer when a fax arrives, even with this tab in the background.{' '}
      <button type="button" className="link" onClick={() => void desk.arrivals.getState().requestPermission()}>
        Turn on notifications
      </button>
    </p>
  );
}

export function ArrivalNotices() {
  const desk = useDesk();
  const notices = useSlice(desk.arrivals, (s) => s.notices);
  const faxes = useSlice(desk.inbox, (s) => s.faxes);
  const country = desk.defaultCountry();
  // A fax read meanwhile (here or in another window) needs no notice any more.
  const unread = notices.filter((fax) => !(faxes[fax.id]?.read ?? fax.read));
  return (
    <div className="arrivals" role="region" aria-label="Faxes received">
      <div role="status" aria-live="polite">
        {unread.map((fax) => {
          const words = receivedFaxWords(faxes[fax.id] ?? fax, country);
          return (
            <div key={fax.id} className="arrival">
              <p className="arrival-words">
                <strong>{words.title}</strong> {words.body}
              </p>
              <div className="arrival-actions">
                <button type="button" className="toast-action" onClick={() => desk.openReceived(fax)}>
                  Open
                </button>
                <button
                  type="button"
                  className="link"
                  aria-label={`Dismiss the notice of the fax ${words.body.replace(/\.$/, '').toLowerCase()}`}
                  onClick={() => desk.arrivals.getState().dismiss(fax.id)}
                >
                  ✕
                </button>
              </div>
            </div>
          );
        })}
      </div>
      {unread.length > 0 && <NotificationOffer />}
    </div>
  );
}
