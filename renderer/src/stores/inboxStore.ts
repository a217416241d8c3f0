// Received faxes, newest first, kept current by faxReceived and inboxChanged events.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { EventPayload, FaxbotApi } from '../../../shared/contract';
import type { InboundFax } from '../../../shared/model';

export interface InboxState {
  faxes: Record<string, InboundFax>;
  selectedId: string | null;
  loaded: boolean;
  loadError: string | null;
  load(): Promise<void>;
  applyReceived(fax: InboundFax): void;
  applyChanged(change: EventPayload<'inboxChanged'>): void;
  /** Opens a fax and marks it read. */
  select(id: string | null): Promise<void>;
  /** Moves the selection up or down the list (keyboard ↑/↓). */
  step(delta: -1 | 1): Promise<void>;
}

export type InboxStore = StoreApi<InboxState>;

export function faxesNewestFirst(faxes: Record<string, InboundFax>): InboundFax[] {
  return Object.values(faxes).sort((a, b) => Date.parse(b.receivedAt) - Date.parse(a.receivedAt) || b.id.localeCompare(a.id));
}

export function unreadCount(faxes: Record<string, InboundFax>): number {
  return Object.values(faxes).filter((fax) => !fax.read).length;
}

export function createInboxStore(api: FaxbotApi): InboxStore {
  return createStore<InboxState>()((set, get) => ({
    faxes: {},
    selectedId: null,
    loaded: false,
    loadError: null,
    async load() {
      try {
        const page = await api.listInbox({ limit: 200 });
        set((state) => {
          // A fax that arrived by event while the list was loading is kept.
          const faxes = { ...state.faxes };
          for (const fax of page.items) faxes[fax.id] = { ...fax, read: fax.read || (state.faxes[fax.id]?.read ?? false) };
          return { faxes, loaded: true, loadError: null };
        });
      } catch (error) {
        set({ loaded: true, loadError: error instanceof Error ? error.message : String(error) });
      }
    },
    applyReceived(fax) {
      set((state) => ({ faxes: { ...state.faxes, [fax.id]: fax } }));
    },
    applyChanged(change) {
      set((state) => {
        const current = state.faxes[change.id];
        if (!current) return state;
        const faxes = { ...state.faxes };
        if (change.deleted) {
          delete faxes[change.id];
          return { faxes, selectedId: state.selectedId === change.id ? null : state.selectedId };
        }
        if (change.read !== undefined) faxes[change.id] = { ...current, read: change.read };
        return { faxes };
      });
    },
    async select(id) {
      set({ selectedId: id });
      const fax = id ? get().faxes[id] : undefined;
      if (!fax || fax.read) return;
      // Shown read at once; the engine's answer (or a failure) settles it.
      set((state) => ({ faxes: { ...state.faxes, [fax.id]: { ...fax, read: true } } }));
      try {
        const updated = await api.markInboundRead({ id: fax.id, read: true });
        set((state) => ({ faxes: { ...state.faxes, [updated.id]: updated } }));
      } catch {
        set((state) => ({ faxes: { ...state.faxes, [fax.id]: { ...fax, read: false } } }));
      }
    },
    async step(delta) {
      const list = faxesNewestFirst(get().faxes);
      if (list.length === 0) return;
      const index = list.findIndex((fax) => fax.id === get().selectedId);
      const next = index < 0 ? 0 : Math.min(Math.max(index + delta, 0), list.length - 1);
      await get().select(list[next].id);
    },
  }));
}
