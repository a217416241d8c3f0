// The bottom line: the first place an admin looks when something is wrong (UX.md, "Frame").
// It says what is wrong in words; a variable's name or a path sits behind Details.
import { useDesk, useSlice } from '../deskContext';
import { statusLine } from '../stores';
import { deskText } from '../format';

export function StatusLine() {
  const desk = useDesk();
  const status = useSlice(desk.status, (s) => s.status);
  const error = useSlice(desk.status, (s) => s.error);
  const webhooks = useSlice(desk.webhooks, (s) => s.health);
  const line = statusLine({ status, error }, webhooks);
  const { plain, details } = deskText(line.text, 'Sending has a problem. An admin can see the details.');
  return (
    <footer className="status-line">
      <div role="status" aria-live="polite" className="status-words">
        <span className={`status-dot status-${line.tone}`} aria-hidden="true">
          ●
        </span>{' '}
        {plain}
        {details && (
          <details className="desk-message-details status-details">
            <summary>Details</summary>
            <p>{details}</p>
          </details>
        )}
      </div>
    </footer>
  );
}
