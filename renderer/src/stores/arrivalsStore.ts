// Never miss an arrival: each received fax raises a notice in the page and, in a browser tab
// whose person allowed it, a system notification; either one opens the fax. In Electron the
// shell raises the system notification itself (main/electron/notifications.ts), so the page
// only shows its own notice there.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { InboundFax } from '../../../shared/model';

export type NoticePermission = 'default' | 'granted' | 'denied' | 'unsupported';

/** The system's notifications as the page reaches them (the browser's Notification API). */
export interface SystemNotices {
  permission(): NoticePermission;
  /** Asks the person; call it from a click (browsers ignore or quieten other requests). */
  request(): Promise<NoticePermission>;
  show(notice: { title: string; body: string; tag: string }, onClick: () => void): void;
}

/** The browser's Notification API, or null where there is none or the Electron shell notifies. */
export function browserNotices(page: Window & { Notification?: typeof Notification }): SystemNotices | null {
  if (page.faxbot || typeof page.Notification !== 'function') return null;
  const Api = page.Notification;
  return {
    permission: () => Api.permission,
    request: async () => Api.requestPermission(),
    show(notice, onClick) {
      const shown = new Api(notice.title, { body: notice.body, tag: notice.tag });
      shown.onclick = () => {
        page.focus();
        shown.close();
        onClick();
      };
    },
  };
}

/** How many arrivals the page keeps on screen; older ones are in the Inbox anyway. */
const SHOWN = 3;

export interface ArrivalsState {
  /** Faxes received while this page was open, newest first, until opened or dismissed. */
  notices: InboundFax[];
  permission: NoticePermission;
  arrived(fax: InboundFax, words: { title: string; body: string }, open: () => void): void;
  dismiss(id: string): void;
  requestPermission(): Promise<void>;
}

export type ArrivalsStore = StoreApi<ArrivalsState>;

export function createArrivalsStore(system: SystemNotices | null): ArrivalsStore {
  return createStore<ArrivalsState>()((set, get) => ({
    notices: [],
    permission: system?.permission() ?? 'unsupported',
    arrived(fax, words, open) {
      if (get().notices.some((n) => n.id === fax.id)) return;
      set((state) => ({ notices: [fax, ...state.notices].slice(0, SHOWN) }));
      const permission = system?.permission() ?? 'unsupported';
      if (permission !== get().permission) set({ permission });
      if (permission === 'granted') {
        try {
          system!.show({ ...words, tag: `faxbot-fax-${fax.id}` }, open);
        } catch {
          // A system that refuses (a blocked OS setting): the page's own notice is still there.
        }
      }
    },
    dismiss: (id) => set((state) => ({ notices: state.notices.filter((n) => n.id !== id) })),
    async requestPermission() {
      if (!system) return;
      set({ permission: await system.request().catch(() => system.permission()) });
    },
  }));
}
