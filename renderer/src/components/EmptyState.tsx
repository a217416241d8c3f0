import type { ReactNode } from 'react';

/** What an empty screen shows: what to do next, in a sentence. */
export function EmptyState({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}
