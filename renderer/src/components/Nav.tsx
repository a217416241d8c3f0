// The left column: the five screens, with jobs still going and unread faxes counted.
import { useDesk, useSlice } from '../deskContext';
import { activeJobCount, type Screen } from '../stores';

export function Nav() {
  const desk = useDesk();
  const screen = useSlice(desk.nav, (s) => s.screen);
  const active = useSlice(desk.outbox, (s) => activeJobCount(s.jobs, s.sends));
  // The engine's count over the whole Inbox, not only the pages loaded.
  const unread = useSlice(desk.inbox, (s) => s.unread);
  const item = (target: Screen, icon: string, label: string, count?: { n: number; sign: string; words: string }) => (
    <li>
      <button
        type="button"
        className="nav-item"
        aria-current={screen === target ? 'page' : undefined}
        onClick={() => desk.nav.getState().go(target)}
        // Said as "Inbox, 3 unread": the hidden words' own boxes would put a space before the comma.
        aria-label={count && count.n > 0 ? `${label}, ${count.n} ${count.words}` : undefined}
      >
        <span className="nav-icon" aria-hidden="true">
          {icon}
        </span>
        {/* The name holds the visible words in their order (the sign is only seen). */}
        <span className="nav-label">{label}</span>
        {count && count.n > 0 && ' '}
        {count && count.n > 0 && (
          <span className="nav-count">
            {count.n}
            <span aria-hidden="true"> {count.sign}</span>
          </span>
        )}
      </button>
    </li>
  );
  return (
    <nav className="nav" aria-label="Faxbot">
      <ul>
        {item('send', '✉', 'Send')}
        {item('outbox', '⇪', 'Outbox', { n: active, sign: '⟳', words: 'still going' })}
        {item('inbox', '⇩', 'Inbox', { n: unread, sign: '●', words: 'unread' })}
        {item('contacts', '☎', 'Contacts')}
      </ul>
      <ul className="nav-bottom">{item('settings', '⚙', 'Settings')}</ul>
    </nav>
  );
}
