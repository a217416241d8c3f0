// The unread count shown in the window title and the tray. The engine knows it (getStatus);
// the shell asks again whenever the inbox changes, so it never counts on its own.
import type { Engine, Logger } from '../engine';

const INBOX_EVENTS = new Set(['faxReceived', 'inboxChanged']);

export function trackUnreadFaxes(engine: Engine, onChange: (unread: number) => void, logger: Logger): () => void {
  let last = -1;
  let running = false;
  let again = false;

  const refresh = async (): Promise<void> => {
    // One question at a time; a change while asking means one more question, not many.
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        const status = await engine.call('getStatus', {});
        if (status.unreadFaxes !== last) {
          last = status.unreadFaxes;
          onChange(last);
        }
      } while (again);
    } catch (error) {
      logger.warn('could not read the unread fax count', { error });
    } finally {
      running = false;
    }
  };

  const unsubscribe = engine.on((event) => {
    if (INBOX_EVENTS.has(event)) void refresh();
  });
  void refresh();
  return unsubscribe;
}
