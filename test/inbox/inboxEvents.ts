// Records the engine's inboxChanged events and waits for one, so tests follow what the engine
// announces instead of sleeping.
import type { Engine } from '../../main/engine';

export interface InboxChange {
  id: string;
  read?: boolean;
  deleted?: boolean;
}

export function recordInboxChanges(engine: Engine) {
  const seen: InboxChange[] = [];
  const waiters = new Set<() => void>();
  engine.on((event, payload) => {
    if (event !== 'inboxChanged') return;
    seen.push(payload as InboxChange);
    for (const wake of waiters) wake();
  });
  return {
    seen,
    /** Resolves when `count` changes match (counting those already seen). */
    waitFor(match: (change: InboxChange) => boolean, count = 1, timeoutMs = 15_000): Promise<InboxChange[]> {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = seen.filter(match);
          if (found.length < count) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`Timed out waiting for ${count} inboxChanged event(s)`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
  };
}
