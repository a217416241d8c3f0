// A small padlock for settings fixed by the environment. Drawn, not an emoji: a desk
// machine without a colour-emoji font shows an empty box for 🔒.
export function LockIcon() {
  return (
    <svg className="lock-icon" aria-hidden="true" width="12" height="12" viewBox="0 0 12 12" focusable="false">
      <rect x="2" y="5.5" width="8" height="6" rx="1" fill="currentColor" />
      <path d="M3.75 5.5V4a2.25 2.25 0 0 1 4.5 0v1.5" fill="none" stroke="currentColor" strokeWidth="1.4" />
    </svg>
  );
}
