// The address book: contacts (fax numbers in E.164), groups (distribution lists), search as
// you type, delete with Undo, import from CSV and vCard (all or nothing), export, duplicates.
import type { Db } from '../database';
import { ContactGroupStore } from './contactGroupStore';
import { ContactStore } from './contactStore';
import { createContactGroupOperations } from './contactGroupOperations';
import { createContactImportOperations, type ContactImportDeps } from './contactImportOperations';
import { createContactEntryOperations } from './contactOperations';

export { ContactStore, foldForSearch, type ContactFields } from './contactStore';
export { ContactGroupStore } from './contactGroupStore';
export { FAXBOT_CSV_HEADER } from './csvContacts';

/** The address book's tables on the engine's database. */
export interface ContactBook {
  contacts: ContactStore;
  groups: ContactGroupStore;
}

export function openContactBook(db: Db): ContactBook {
  return { contacts: new ContactStore(db), groups: new ContactGroupStore(db) };
}

export type ContactOperationDeps = Omit<ContactImportDeps, 'contacts' | 'groups'> & { book: ContactBook };

/** Every address-book operation of the contract. */
export function createContactOperations({ book, ...deps }: ContactOperationDeps) {
  const all = { ...deps, contacts: book.contacts, groups: book.groups };
  return { ...createContactEntryOperations(all), ...createContactGroupOperations(all), ...createContactImportOperations(all) };
}
