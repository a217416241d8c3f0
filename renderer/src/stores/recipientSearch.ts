// Who the To field offers as the person types: contacts the engine finds by name,
// organization or digits (ranked, faxed-recently first among equals), groups by name, then
// recent numbers that are no contact. An empty field offers the recent numbers.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { FaxbotApi } from '../../../shared/contract';
import type { Contact, ContactGroup } from '../../../shared/contacts';
import type { RecentRecipient } from '../../../shared/model';
import { matchingRecents } from './recentsStore';

/** One option under the To field (components/ContactSearch.tsx draws them). */
export interface RecipientSuggestion {
  key: string;
  kind: 'contact' | 'recent' | 'group';
  /** The name to show and to fill in as the recipient (it goes on the cover page). */
  name: string;
  /** The organization, for a contact. */
  detail: string;
  /** E.164; '' for a group. */
  number: string;
  contactId?: string;
  groupId?: string;
}

export interface RecipientSearchState {
  /** The text the contacts answer to, and the contacts found for it. */
  typed: string;
  contacts: Contact[];
  /** Every group (few, and read once): the field offers those whose name fits what is typed. */
  groups: ContactGroup[];
  error: string | null;
  /** `groupsChanged` reads the groups again (a group was added, renamed or deleted). */
  search(typed: string, options?: { groupsChanged?: boolean }): Promise<void>;
}

export type RecipientSearchStore = StoreApi<RecipientSearchState>;

/** How many contacts the list under the field shows at most. */
export const SUGGESTED_CONTACTS = 8;

export function createRecipientSearchStore(api: FaxbotApi): RecipientSearchStore {
  let request = 0;
  let groupsRead: Promise<ContactGroup[]> | null = null;
  return createStore<RecipientSearchState>()((set) => ({
    typed: '',
    contacts: [],
    groups: [],
    error: null,
    async search(typed, options = {}) {
      const mine = ++request;
      const text = typed.trim();
      if (options.groupsChanged) groupsRead = null;
      if (text === '') return set({ typed, contacts: [], error: null });
      try {
        groupsRead ??= api.listContactGroups({}).then((answer) => answer.items);
        const [page, groups] = await Promise.all([api.listContacts({ search: text.slice(0, 100), limit: SUGGESTED_CONTACTS }), groupsRead]);
        if (mine === request) set({ typed, contacts: page.items, groups, error: null });
      } catch (error) {
        if (mine === request) set({ typed, contacts: [], error: error instanceof Error ? error.message : String(error) });
      }
    },
  }));
}

export function recipientSuggestions(
  contacts: Contact[],
  recents: RecentRecipient[],
  typed: string,
  groups: ContactGroup[] = [],
): RecipientSuggestion[] {
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
  const folded = typed.trim().toLocaleLowerCase();
  const fromGroups: RecipientSuggestion[] = folded
    ? groups
        .filter((group) => group.members > 0 && group.name.toLocaleLowerCase().includes(folded))
        .slice(0, 4)
        .map((group) => ({
          key: `group-${group.id}`,
          kind: 'group',
          name: group.name,
          detail: `Group · ${group.members === 1 ? '1 member' : `${group.members} members`}`,
          number: '',
          groupId: group.id,
        }))
    : [];
  const known = new Set(fromContacts.map((s) => s.number));
  const fromRecents: RecipientSuggestion[] = matchingRecents(recents, typed)
    .filter((recent) => !known.has(recent.to))
    .map((recent) => ({ key: `recent-${recent.to}`, kind: 'recent', name: recent.recipientName, detail: '', number: recent.to }));
  return [...fromContacts, ...fromGroups, ...fromRecents];
}
