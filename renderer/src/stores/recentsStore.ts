// Numbers faxed recently, offered under the To field. The engine keeps the history; the
// desk asks again after each send, and filters what it holds as the person types.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { FaxbotApi } from '../../../shared/contract';
import type { RecentRecipient } from '../../../shared/model';
import { errorSentence } from '../bridge';

export interface RecentsState {
  items: RecentRecipient[];
  loaded: boolean;
  error: string | null;
  load(): Promise<void>;
}

export type RecentsStore = StoreApi<RecentsState>;

/** How many recent numbers the desk holds; the list under the field shows the matching ones. */
export const RECENTS_LIMIT = 20;

export function createRecentsStore(api: FaxbotApi): RecentsStore {
  let request = 0;
  return createStore<RecentsState>()((set) => ({
    items: [],
    loaded: false,
    error: null,
    async load() {
      const mine = ++request;
      try {
        const { items } = await api.listRecentRecipients({ limit: RECENTS_LIMIT });
        if (mine === request) set({ items, loaded: true, error: null });
      } catch (error) {
        if (mine === request) set({ loaded: true, error: errorSentence(error) });
      }
    },
  }));
}

/**
 * The recent recipients that fit what is typed in the To field: its digits anywhere in the
 * number, or its words in the name. An empty field offers them all.
 */
export function matchingRecents(items: RecentRecipient[], typed: string): RecentRecipient[] {
  const text = typed.trim().toLowerCase();
  if (text === '') return items;
  const digits = text.replace(/\D/g, '');
  const letters = /[a-z]/.test(text);
  return items.filter((item) => {
    if (digits && !letters && item.to.replace(/\D/g, '').includes(digits)) return true;
    return letters && item.recipientName.toLowerCase().includes(text);
  });
}
