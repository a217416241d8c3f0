// The Contacts screen: the address book searched as the person types (the engine ranks),
// a page at a time under a virtual list; the form with its field errors; delete with Undo;
// groups; duplicates and merge. Kept current by contactsChanged events; never polls.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { FaxbotApi } from '../../../shared/contract';
import type { Contact, ContactGroup, ContactGroupDetail, ContactText, DuplicateContacts } from '../../../shared/contacts';
import { FaxError } from '../../../shared/errors';
import { formatFaxNumber } from '../../../shared/faxNumber';

export const CONTACTS_PAGE = 200;

/** The contact form: a new contact (no id) or one being changed. */
export interface ContactForm extends ContactText {
  id?: string;
  groupIds: string[];
  /** The contact's default cover page template; null: the plain one. */
  coverTemplateId: string | null;
}

export interface ContactsState {
  search: string;
  /** Only this group's members, or everyone. */
  groupFilter: string | null;
  items: Contact[];
  total: number;
  nextCursor: string | null;
  loading: boolean;
  loaded: boolean;
  loadError: string | null;
  selectedId: string | null;
  form: ContactForm | null;
  formErrors: Record<string, string>;
  saving: boolean;
  /** The last contact deleted, while it can still be brought back. */
  deleted: { contact: Contact; undoUntil: string } | null;
  /** A delete, undo, group change or merge that failed, in words. */
  actionError: string | null;
  groups: ContactGroup[];
  /** The group opened in the groups panel, with its members. */
  openGroup: ContactGroupDetail | null;
  duplicates: DuplicateContacts[] | null;

  setSearch(search: string): void;
  filterGroup(groupId: string | null): void;
  load(): Promise<void>;
  loadMore(): Promise<void>;
  select(id: string | null): void;
  /** Opens the form: for a contact, or a new one (prefilled, e.g. with a number typed on Send). */
  edit(contact: Contact | null, prefill?: Partial<ContactForm>): void;
  setField<K extends keyof ContactForm>(field: K, value: ContactForm[K]): void;
  closeForm(): void;
  save(): Promise<Contact | null>;
  remove(id: string): Promise<boolean>;
  undoRemove(): Promise<boolean>;
  dismissDeleted(): void;
  loadGroups(): Promise<void>;
  saveGroup(name: string, id?: string): Promise<ContactGroup | null>;
  deleteGroup(id: string): Promise<boolean>;
  showGroup(id: string | null): Promise<void>;
  changeMembers(id: string, add: string[], remove: string[]): Promise<boolean>;
  loadDuplicates(): Promise<void>;
  merge(keepId: string, mergeIds: string[]): Promise<boolean>;
  /** Something changed in the engine (any window, the API, an import): lists are read again. */
  applyChanged(change: { ids: string[]; groups?: boolean }): void;
}

export type ContactsStore = StoreApi<ContactsState>;

const EMPTY_FORM: ContactForm = {
  name: '',
  organization: '',
  fax: '',
  phone: '',
  email: '',
  notes: '',
  groupIds: [],
  coverTemplateId: null,
};

function words(error: unknown, fallback: string): string {
  return error instanceof Error && error.message ? error.message : fallback;
}

/** Field errors by form field; a whole-form error goes under "form". */
function fieldErrors(error: unknown): Record<string, string> {
  const fields: Record<string, string> = {};
  if (error instanceof FaxError || (error instanceof Error && 'code' in error)) {
    const e = error as FaxError;
    for (const [path, message] of Object.entries(e.fields ?? {})) fields[path.split('.')[0]] ??= message;
    if (e.field) fields[e.field.split('.')[0]] ??= e.message;
  }
  if (Object.keys(fields).length === 0) fields.form = words(error, 'The contact could not be saved. Try again.');
  return fields;
}

/** How a contact is named in a list or a message: its name, else its organization. */
export function contactTitle(contact: Pick<Contact, 'name' | 'organization'>): string {
  return contact.name || contact.organization;
}

export function contactFormOf(contact: Contact, country: string): ContactForm {
  return {
    id: contact.id,
    name: contact.name,
    organization: contact.organization,
    fax: formatFaxNumber(contact.fax, country),
    phone: contact.phone ? formatFaxNumber(contact.phone, country) : '',
    email: contact.email,
    notes: contact.notes,
    groupIds: contact.groupIds,
    coverTemplateId: contact.coverTemplateId,
  };
}

export function createContactsStore(api: FaxbotApi, country: () => string): ContactsStore {
  // Each search or filter starts a new generation; answers to older ones are dropped.
  let generation = 0;
  return createStore<ContactsState>()((set, get) => {
    /** The first page (a new search or filter: a new generation), or the one after `cursor`. */
    const readPage = async (cursor: string | null) => {
      const mine = cursor === null ? ++generation : generation;
      const { search, groupFilter } = get();
      set({ loading: true });
      try {
        const page = await api.listContacts({
          search: search.trim() || undefined,
          groupId: groupFilter ?? undefined,
          limit: CONTACTS_PAGE,
          ...(cursor ? { cursor } : {}),
        });
        if (mine !== generation) return;
        const items = cursor ? [...get().items, ...page.items] : page.items;
        set({ items, total: page.total, nextCursor: page.nextCursor, loading: false, loaded: true, loadError: null });
      } catch (error) {
        if (mine === generation) set({ loading: false, loaded: true, loadError: words(error, 'The contacts could not be loaded.') });
      }
    };
    const guard = async (work: () => Promise<void>, fallback: string) => {
      try {
        await work();
        set({ actionError: null });
        return true;
      } catch (error) {
        set({ actionError: words(error, fallback) });
        return false;
      }
    };
    return {
      search: '',
      groupFilter: null,
      items: [],
      total: 0,
      nextCursor: null,
      loading: false,
      loaded: false,
      loadError: null,
      selectedId: null,
      form: null,
      formErrors: {},
      saving: false,
      deleted: null,
      actionError: null,
      groups: [],
      openGroup: null,
      duplicates: null,

      setSearch(search) {
        set({ search });
        void get().load();
      },
      filterGroup(groupFilter) {
        set({ groupFilter });
        void get().load();
      },
      load: () => readPage(null),
      async loadMore() {
        const { nextCursor, loading } = get();
        if (nextCursor && !loading) await readPage(nextCursor);
      },
      select: (selectedId) => set({ selectedId }),
      edit(contact, prefill = {}) {
        const form = contact ? contactFormOf(contact, country()) : { ...EMPTY_FORM, ...prefill };
        set({ form, formErrors: {}, selectedId: contact?.id ?? get().selectedId });
      },
      setField(field, value) {
        const form = get().form;
        if (!form) return;
        const { [field]: _gone, form: _whole, ...rest } = get().formErrors;
        set({ form: { ...form, [field]: value }, formErrors: rest });
      },
      closeForm: () => set({ form: null, formErrors: {} }),
      async save() {
        const form = get().form;
        if (!form || get().saving) return null;
        set({ saving: true });
        try {
          const saved = await api.saveContact(form);
          set({ saving: false, form: null, formErrors: {}, selectedId: saved.id });
          void get().load();
          return saved;
        } catch (error) {
          set({ saving: false, formErrors: fieldErrors(error) });
          return null;
        }
      },
      async remove(id) {
        const contact = get().items.find((c) => c.id === id) ?? (await api.getContact({ id }).catch(() => null));
        return guard(async () => {
          const { undoUntil } = await api.deleteContact({ id });
          if (contact) set({ deleted: { contact, undoUntil } });
          set({
            items: get().items.filter((c) => c.id !== id),
            total: Math.max(0, get().total - 1),
            selectedId: get().selectedId === id ? null : get().selectedId,
            form: get().form?.id === id ? null : get().form,
          });
        }, 'The contact could not be deleted.');
      },
      async undoRemove() {
        const deleted = get().deleted;
        if (!deleted) return false;
        set({ deleted: null });
        return guard(async () => {
          const back = await api.restoreContact({ id: deleted.contact.id });
          set({ selectedId: back.id });
          await get().load();
        }, 'The contact could not be brought back.');
      },
      dismissDeleted: () => set({ deleted: null }),
      async loadGroups() {
        await guard(async () => set({ groups: (await api.listContactGroups({})).items }), 'The groups could not be loaded.');
      },
      async saveGroup(name, id) {
        let saved: ContactGroup | null = null;
        await guard(async () => {
          saved = await api.saveContactGroup({ name, ...(id ? { id } : {}) });
          await get().loadGroups();
        }, 'The group could not be saved.');
        return saved;
      },
      async deleteGroup(id) {
        return guard(async () => {
          await api.deleteContactGroup({ id });
          if (get().groupFilter === id) get().filterGroup(null);
          set({ openGroup: get().openGroup?.id === id ? null : get().openGroup });
          await get().loadGroups();
        }, 'The group could not be deleted.');
      },
      async showGroup(id) {
        if (id === null) return set({ openGroup: null });
        await guard(async () => set({ openGroup: await api.getContactGroup({ id }) }), 'The group could not be opened.');
      },
      async changeMembers(id, add, remove) {
        return guard(async () => {
          const detail = await api.changeContactGroupMembers({ id, add, remove });
          set({ openGroup: get().openGroup?.id === id ? detail : get().openGroup });
          await get().loadGroups();
        }, 'The group could not be changed.');
      },
      async loadDuplicates() {
        await guard(async () => set({ duplicates: (await api.findDuplicateContacts({})).items }), 'Duplicates could not be looked for.');
      },
      async merge(keepId, mergeIds) {
        return guard(async () => {
          await api.mergeContacts({ keepId, mergeIds });
          set({ duplicates: (await api.findDuplicateContacts({})).items, selectedId: keepId });
          await get().load();
        }, 'The contacts could not be merged.');
      },
      applyChanged(change) {
        // A list nobody has opened yet is read when it is; the groups are small and always kept.
        if (get().loaded) void get().load();
        if (change.groups) void get().loadGroups();
        const open = get().openGroup;
        if (open && change.groups) void get().showGroup(open.id);
      },
    };
  });
}
