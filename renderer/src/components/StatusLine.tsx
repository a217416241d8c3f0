// The bottom line: the first place an admin looks when something is wrong (UX.md, "Frame").
import { useDesk, useSlice } from '../deskContext';
import { statusLine } from '../stores';

export function StatusLine() {
  const desk = useDesk();
  const status = useSlice(desk.status, (s) => s.status);
  const error = useSlice(desk.status, (s) => s.error);
  const webhooks = useSlice(desk.webhooks, (s) => s.health);
  const line = statusLine({ status, error }, webhooks);
  return (
    <footer className="status-line">
      <span role="status" aria-live="polite">
        <span className={`status-dot status-${line.tone}`} aria-hidden="true">
          ●
        </span>{' '}
        {line.text}
      </span>
    </footer>
  );
}
