// An engine sentence on a desk screen: plain words, with any code, variable name or path
// behind a "Details" link for admins (format/deskText.ts).
import { deskText } from '../format/deskText';

export function DeskMessage({ text, className, role }: { text: string; className?: string; role?: 'alert' | 'note' }) {
  const { plain, details } = deskText(text);
  return (
    <div className={`desk-message ${className ?? ''}`} role={role}>
      <span>{plain}</span>
      {details && (
        <details className="desk-message-details">
          <summary>Details</summary>
          <p>{details}</p>
        </details>
      )}
    </div>
  );
}
