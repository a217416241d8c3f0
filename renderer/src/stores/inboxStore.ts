// Received faxes, newest first, a page at a time: the Inbox can hold 100,000 faxes, so the
// window keeps only the pages a person has scrolled to, and the engine's total for the rest.
// Kept current by faxReceived and inboxChanged events; never polls.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { EventPayload, FaxbotApi } from '../../../shared/contract';
import type { InboundFax, StagedDocument } from '../../../shared/model';
import { faxMatches, inboxQueryOf, newerFirst, NO_FILTER, type InboxFilter, type InboxQuery } from './inboxQuery';
import { errorSentence } from '../bridge';

/** A page as the list asks for it; bigger when the person jumped far past what is loaded. */
export const PAGE_SIZE = 200;
export const BIG_PAGE_SIZE = 500;

export interface DeletedFax {
  fax: InboundFax;
  /** When the engine forgets it for good (ISO); the Undo offer lasts until then. */
  undoUntil: string;
}

export interface InboxState {
  /** Loaded faxes in list order (newest first); the engine has `total` in all. */
  ids: string[];
  faxes: Record<string, InboundFax>;
  total: number;
  nextCursor: string | null;
  loading: boolean;
  loaded: boolean;
  loadError: string | null;
  filter: InboxFilter;
  /** Why the filter cannot be applied (a day that does not exist), in words. */
  filterError: string | null;
  selectedId: string | null;
  /** Unread faxes in the whole inbox (not only the loaded pages): the nav, the title. */
  unread: number;
  /** The last fax deleted, while it can still be brought back. */
  deleted: DeletedFax | null;
  /** A delete, undo or forward that failed, in words. */
  actionError: string | null;
  load(): Promise<void>;
  /** Loads pages until row `index` is loaded (or the list ends). */
  loadThrough(index: number): Promise<void>;
  setFilter(patch: Partial<InboxFilter>): Promise<void>;
  refreshUnread(): Promise<void>;
  applyReceived(fax: InboundFax): void;
  applyChanged(change: EventPayload<'inboxChanged'>): void;
  /** Opens a fax and marks it read. */
  select(id: string | null): Promise<void>;
  /** Opens a fax that just arrived (a notice was clicked), even one the search leaves out. */
  open(fax: InboundFax): Promise<void>;
  /** Marks a fax unread again: it stays open, with its dot back and counted. */
  markUnread(id: string): Promise<void>;
  /** Moves the selection up or down the list (keyboard ↑/↓), loading the next page when needed. */
  step(delta: number): Promise<void>;
  /** Deletes a fax; it stays restorable until `deleted.undoUntil`. */
  remove(id: string): Promise<boolean>;
  undoRemove(): Promise<boolean>;
  /** Forgets the Undo offer (its time ran out, or the person closed it). */
  dismissDeleted(): void;
  /** Makes a received fax a document ready to send on; null when the engine refused. */
  forward(id: string): Promise<StagedDocument | null>;
}

export type InboxStore = StoreApi<InboxState>;

/** Loaded faxes in list order. */
export function faxesInOrder(state: Pick<InboxState, 'ids' | 'faxes'>): InboundFax[] {
  return state.ids.map((id) => state.faxes[id]).filter((fax): fax is InboundFax => Boolean(fax));
}

/** Kept for callers that hold a plain record of faxes. */
export function faxesNewestFirst(faxes: Record<string, InboundFax>): InboundFax[] {
  return Object.values(faxes).sort(newerFirst);
}

export function unreadCount(faxes: Record<string, InboundFax>): number {
  return Object.values(faxes).filter((fax) => !fax.read).length;
}

/** Where `fax` belongs in `ids`; -1 when it sorts after the last loaded row while more pages exist. */
function slotFor(state: Pick<InboxState, 'ids' | 'faxes' | 'nextCursor'>, fax: InboundFax): number {
  const index = state.ids.findIndex((id) => state.faxes[id] && newerFirst(fax, state.faxes[id]) < 0);
  if (index >= 0) return index;
  return state.nextCursor ? -1 : state.ids.length;
}

export function createInboxStore(api: FaxbotApi): InboxStore {
  // Each load of the first page gets a number; an answer for an older filter is dropped.
  let generation = 0;
  let paging: Promise<void> | null = null;
  let unreadAsking = false;
  let unreadAgain = false;
  let steppingTo: number | null = null;

  return createStore<InboxState>()((set, get) => {
    const query = (): InboxQuery | null => {
      const check = inboxQueryOf(get().filter);
      return check.ok ? check.query : null;
    };

    const insert = (fax: InboundFax): void => {
      set((state) => {
        if (state.ids.includes(fax.id)) return { faxes: { ...state.faxes, [fax.id]: fax } };
        const q = query();
        if (!q || !faxMatches(fax, q)) return state;
        const slot = slotFor(state, fax);
        const faxes = { ...state.faxes, [fax.id]: fax };
        if (slot < 0) return { faxes, total: state.total + 1 };
        const ids = [...state.ids.slice(0, slot), fax.id, ...state.ids.slice(slot)];
        return { ids, faxes, total: state.total + 1 };
      });
    };

    const drop = (id: string): void => {
      set((state) => {
        const index = state.ids.indexOf(id);
        if (index < 0) return state;
        const ids = state.ids.filter((other) => other !== id);
        // The selection moves on to the next fax, as in a mail program.
        const selectedId = state.selectedId === id ? (ids[index] ?? ids[index - 1] ?? null) : state.selectedId;
        return { ids, total: Math.max(0, state.total - 1), selectedId };
      });
    };

    const loadPage = async (limit: number): Promise<void> => {
      const { nextCursor } = get();
      const q = query();
      if (!nextCursor || !q) return;
      const mine = generation;
      set({ loading: true });
      try {
        const page = await api.listInbox({ ...q, limit, cursor: nextCursor });
        if (mine !== generation) return;
        set((state) => {
          const faxes = { ...state.faxes };
          const known = new Set(state.ids);
          const added: string[] = [];
          for (const fax of page.items) {
            faxes[fax.id] = fax;
            if (!known.has(fax.id)) added.push(fax.id);
          }
          return {
            ids: [...state.ids, ...added],
            faxes,
            nextCursor: page.nextCursor,
            total: Math.max(page.total, state.ids.length + added.length),
            loading: false,
            loadError: null,
          };
        });
      } catch (error) {
        if (mine === generation) set({ loading: false, loadError: errorSentence(error, 'The Inbox could not be loaded.') });
      }
    };

    return {
      ids: [],
      faxes: {},
      total: 0,
      nextCursor: null,
      loading: false,
      loaded: false,
      loadError: null,
      filter: NO_FILTER,
      filterError: null,
      selectedId: null,
      unread: 0,
      deleted: null,
      actionError: null,

      async load() {
        const check = inboxQueryOf(get().filter);
        const mine = ++generation;
        paging = null;
        if (!check.ok) {
          set({ filterError: check.message });
          return;
        }
        set({ loading: true, filterError: null });
        void get().refreshUnread();
        try {
          const page = await api.listInbox({ ...check.query, limit: PAGE_SIZE });
          if (mine !== generation) return;
          set((state) => {
            const faxes: Record<string, InboundFax> = {};
            for (const fax of page.items) faxes[fax.id] = fax;
            // The open fax stays open even when the new filter leaves it out, unless nothing
            // matches at all: then the screen says so instead of showing the last fax.
            const selected = state.selectedId ? state.faxes[state.selectedId] : undefined;
            if (selected && !faxes[selected.id] && page.total > 0) faxes[selected.id] = selected;
            return {
              selectedId: page.total === 0 && selected && !page.items.some((fax) => fax.id === selected.id) ? null : state.selectedId,
              ids: page.items.map((fax) => fax.id),
              faxes,
              total: page.total,
              nextCursor: page.nextCursor,
              loading: false,
              loaded: true,
              loadError: null,
            };
          });
        } catch (error) {
          if (mine === generation) set({ loading: false, loaded: true, loadError: errorSentence(error, 'The Inbox could not be loaded.') });
        }
      },

      async loadThrough(index) {
        while (get().ids.length <= index && get().nextCursor && !get().loadError) {
          const behind = index - get().ids.length;
          paging ??= loadPage(behind > PAGE_SIZE ? BIG_PAGE_SIZE : PAGE_SIZE).finally(() => (paging = null));
          const before = get().ids.length;
          await paging;
          if (get().ids.length === before) break;
        }
      },

      async setFilter(patch) {
        set((state) => ({ filter: { ...state.filter, ...patch } }));
        await get().load();
      },

      async refreshUnread() {
        // One question at a time; a change while asking means one more question, not many.
        if (unreadAsking) {
          unreadAgain = true;
          return;
        }
        unreadAsking = true;
        try {
          do {
            unreadAgain = false;
            const page = await api.listInbox({ unreadOnly: true, limit: 1 });
            set({ unread: page.total });
          } while (unreadAgain);
        } catch {
          // The count stays as it was; the next inbox event asks again.
        } finally {
          unreadAsking = false;
        }
      },

      applyReceived(fax) {
        insert(fax);
        void get().refreshUnread();
      },

      applyChanged(change) {
        if (change.deleted === true) drop(change.id);
        else if (change.deleted === false) {
          // Restored (here or in another window): back in its place.
          void api.getInboundFax({ id: change.id }).then(insert, () => undefined);
        }
        // Retention deleted its document: the row stays, with its "Document expired" marker.
        if (change.documentExpired && get().faxes[change.id]) {
          set((state) => ({
            faxes: { ...state.faxes, [change.id]: { ...state.faxes[change.id], documentExpired: change.documentExpired } },
          }));
        }
        if (change.read !== undefined && get().faxes[change.id]) {
          set((state) => ({ faxes: { ...state.faxes, [change.id]: { ...state.faxes[change.id], read: change.read! } } }));
        }
        void get().refreshUnread();
      },

      async select(id) {
        set({ selectedId: id });
        const fax = id ? get().faxes[id] : undefined;
        if (!fax || fax.read) return;
        // Shown read at once; the engine's answer (or a failure) settles it.
        set((state) => ({ faxes: { ...state.faxes, [fax.id]: { ...fax, read: true } }, unread: Math.max(0, state.unread - 1) }));
        try {
          const updated = await api.markInboundRead({ id: fax.id, read: true });
          set((state) => ({ faxes: { ...state.faxes, [updated.id]: updated } }));
        } catch {
          set((state) => ({ faxes: { ...state.faxes, [fax.id]: { ...fax, read: false } }, unread: state.unread + 1 }));
        }
      },

      async open(fax) {
        if (!get().faxes[fax.id]) set((state) => ({ faxes: { ...state.faxes, [fax.id]: fax } }));
        await get().select(fax.id);
      },

      async markUnread(id) {
        const fax = get().faxes[id];
        if (!fax || !fax.read) return;
        set((state) => ({ faxes: { ...state.faxes, [id]: { ...fax, read: false } }, unread: state.unread + 1, actionError: null }));
        try {
          const updated = await api.markInboundRead({ id, read: false });
          set((state) => ({ faxes: { ...state.faxes, [updated.id]: updated } }));
        } catch (error) {
          set((state) => ({
            faxes: { ...state.faxes, [id]: { ...fax, read: true } },
            unread: Math.max(0, state.unread - 1),
            actionError: errorSentence(error, 'The fax could not be marked unread.'),
          }));
        }
      },

      async step(delta) {
        const { ids, selectedId } = get();
        // Keys pressed faster than pages load add up: each step starts where the last one aimed.
        const index = steppingTo ?? (selectedId ? ids.indexOf(selectedId) : -1);
        const target = index < 0 ? 0 : Math.max(index + delta, 0);
        steppingTo = target;
        await get().loadThrough(target);
        if (steppingTo !== target) return;
        steppingTo = null;
        const loaded = get().ids;
        if (loaded.length === 0) return;
        await get().select(loaded[Math.min(target, loaded.length - 1)]);
      },

      async remove(id) {
        const fax = get().faxes[id];
        if (!fax) return false;
        try {
          const { undoUntil } = await api.deleteInboundFax({ id });
          drop(id);
          set({ deleted: { fax, undoUntil }, actionError: null });
          if (!fax.read) void get().refreshUnread();
          return true;
        } catch (error) {
          set({ actionError: errorSentence(error, 'The fax could not be deleted.') });
          return false;
        }
      },

      async undoRemove() {
        const deleted = get().deleted;
        if (!deleted) return false;
        try {
          const fax = await api.restoreInboundFax({ id: deleted.fax.id });
          set({ deleted: null, actionError: null });
          insert(fax);
          await get().select(fax.id);
          void get().refreshUnread();
          return true;
        } catch (error) {
          set({ deleted: null, actionError: errorSentence(error, 'The fax could not be brought back.') });
          return false;
        }
      },

      dismissDeleted: () => set({ deleted: null }),

      async forward(id) {
        try {
          const staged = await api.forwardInboundFax({ id });
          set({ actionError: null });
          return staged;
        } catch (error) {
          set({ actionError: errorSentence(error, 'The fax could not be forwarded.') });
          return null;
        }
      },
    };
  });
}
