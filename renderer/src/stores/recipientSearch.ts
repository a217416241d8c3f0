// Who the To field offers as the person types: contacts the engine finds by name,
// organization or digits (ranked, faxed-recently first among equals), then recent numbers
// that are no contact. An empty field offers the recent numbers.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { FaxbotApi } from '../../../shared/contract';
import type { Contact } from '../../../shared/contacts';
import type { RecentRecipient } from '../../../shared/model';
import { matchingRecents } from './recentsStore';

/** One option under the To field (components/ContactSearch.tsx draws them). */
export interface RecipientSuggestion {
  key: string;
  kind: 'contact' | 'recent';
  /** The name to show and to fill in as the recipient (it goes on the cover page). */
  name: string;
  /** The organization, for a contact. */
  detail: string;
  /** E.164. */
  number: string;
  contactId?: string;
}

export interface RecipientSearchState {
  /** The text the contacts answer to, and the contacts found for it. */
  typed: string;
  contacts: Contact[];
  error: string | null;
  search(typed: string): Promise<void>;
}

export type RecipientSearchStore = StoreApi<RecipientSearchState>;

/** How many contacts the list under the field shows at most. */
export const SUGGESTED_CONTACTS = 8;

export function createRecipientSearchStore(api: FaxbotApi): RecipientSearchStore {
  let request = 0;
  return createStore<RecipientSearchState>()((set) => ({
    typed: '',
    contacts: [],
    error: null,
    async search(typed) {
      const mine = ++request;
      const text = typed.trim();
      if (text === '') return set({ typed, contacts: [], error: null });
      try {
        const page = await api.listContacts({ search: text.slice(0, 100), limit: SUGGESTED_CONTACTS });
        if (mine === request) set({ typed, contacts: page.items, error: null });
      } catch (error) {
        if (mine === request) set({ typed, contacts: [], error: error instanceof Error ? error.message : String(error) });
      }
    },
  }));
}

export function recipientSuggestions(contacts: Contact[], recents: RecentRecipient[], typed: string): RecipientSuggestion[] {
  const fromContacts: RecipientSuggestion[] = typed.trim()
    ? contacts.map((c) => ({
        key: `contact-${c.id}`,
        kind: 'contact',
        name: c.name || c.organization,
        detail: c.name ? c.organization : '',
        number: c.fax,
        contactId: c.id,
      }))
    : [];
  const known = new Set(fromContacts.map((s) => s.number));
  const fromRecents: RecipientSuggestion[] = matchingRecents(recents, typed)
    .filter((recent) => !known.has(recent.to))
    .map((recent) => ({ key: `recent-${recent.to}`, kind: 'recent', name: recent.recipientName, detail: '', number: recent.to }));
  return [...fromContacts, ...fromRecents];
}
