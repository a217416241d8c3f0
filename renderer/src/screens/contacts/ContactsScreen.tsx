// Contacts (the address book): search as you type by name, organization or digits; add,
// edit, delete with Undo; groups; import (CSV, vCard) with a preview; export; duplicates.
import { useEffect, useId, useLayoutEffect, useState } from 'react';
import { useDesk, useSlice } from '../../deskContext';
import { EmptyState } from '../../components/EmptyState';
import { UndoToast } from '../../components/UndoToast';
import { saveTextFile } from '../../documents';
import { contactTitle } from '../../stores';
import { ContactForm } from './ContactForm';
import { ContactGroups } from './ContactGroups';
import { ContactList } from './ContactList';
import { DuplicatesPanel } from './DuplicatesPanel';
import { ImportDialog } from './ImportDialog';

type Panel = 'contact' | 'groups' | 'import' | 'duplicates';

/** A mark when the search text changes and a measure once its list is drawn (bench: contacts-list-shown). */
export const SEARCH_MARK = 'contacts-search';
export const SHOWN_MEASURE = 'contacts-list-shown';

function DeletedToast() {
  const desk = useDesk();
  const deleted = useSlice(desk.contacts, (s) => s.deleted);
  useEffect(() => {
    if (!deleted) return;
    // The offer ends when the engine forgets the contact, not on a timer of our own.
    const timer = setTimeout(
      () => desk.contacts.getState().deleted === deleted && desk.contacts.getState().dismissDeleted(),
      Math.max(0, Date.parse(deleted.undoUntil) - Date.now()),
    );
    return () => clearTimeout(timer);
  }, [deleted, desk]);
  if (!deleted) return null;
  return (
    <UndoToast
      text={`${contactTitle(deleted.contact)} deleted`}
      undoLabel={`Undo delete of ${contactTitle(deleted.contact)}`}
      onUndo={() => void desk.contacts.getState().undoRemove()}
    />
  );
}

export function ContactsScreen() {
  const desk = useDesk();
  const id = useId();
  const search = useSlice(desk.contacts, (s) => s.search);
  const items = useSlice(desk.contacts, (s) => s.items);
  const total = useSlice(desk.contacts, (s) => s.total);
  const loaded = useSlice(desk.contacts, (s) => s.loaded);
  const loadError = useSlice(desk.contacts, (s) => s.loadError);
  const actionError = useSlice(desk.contacts, (s) => s.actionError);
  const form = useSlice(desk.contacts, (s) => s.form);
  const groupFilter = useSlice(desk.contacts, (s) => s.groupFilter);
  const groups = useSlice(desk.contacts, (s) => s.groups);
  const [panel, setPanel] = useState<Panel>('contact');
  const [exporting, setExporting] = useState<string | null>(null);

  useEffect(() => {
    void desk.contacts.getState().load();
    void desk.contacts.getState().loadGroups();
  }, [desk]);
  // A contact opened from the list (or a new one) shows its form, whatever panel was open.
  useEffect(() => {
    if (form) setPanel('contact');
  }, [form]);
  useLayoutEffect(() => {
    if (performance.getEntriesByName(SEARCH_MARK, 'mark').length === 0) return;
    performance.measure(SHOWN_MEASURE, SEARCH_MARK);
    performance.clearMarks(SEARCH_MARK);
  }, [items]);

  const exportAs = async (format: 'csv' | 'vcard') => {
    try {
      const file = await desk.api.exportContacts({ format, ...(groupFilter ? { groupId: groupFilter } : {}) });
      saveTextFile(file.fileName, file.text, format === 'csv' ? 'text/csv;charset=utf-8' : 'text/vcard;charset=utf-8');
      setExporting(`Exported ${file.contacts === 1 ? '1 contact' : `${file.contacts} contacts`} to ${file.fileName}.`);
    } catch (error) {
      setExporting(error instanceof Error ? error.message : 'The contacts could not be exported.');
    }
  };
  const filterName = groups.find((g) => g.id === groupFilter)?.name;

  return (
    <section className="screen contacts-screen" aria-labelledby={`${id}-title`}>
      <div className="contacts-pane">
        <h1 id={`${id}-title`}>Contacts</h1>
        <div className="field">
          <label htmlFor={`${id}-search`} className="visually-hidden">
            Search contacts
          </label>
          <input
            id={`${id}-search`}
            type="search"
            placeholder="Search by name, organization or number"
            value={search}
            maxLength={100}
            onChange={(e) => {
              performance.mark(SEARCH_MARK);
              desk.contacts.getState().setSearch(e.target.value);
            }}
          />
        </div>
        {filterName && (
          <p className="filter-note">
            Members of {filterName}.{' '}
            <button type="button" className="link" onClick={() => desk.contacts.getState().filterGroup(null)}>
              Show everyone
            </button>
          </p>
        )}
        <div className="toolbar" role="toolbar" aria-label="Contacts">
          <button
            type="button"
            className="primary"
            onClick={() => {
              setPanel('contact');
              desk.contacts.getState().edit(null);
            }}
          >
            Add contact
          </button>
          <button type="button" onClick={() => setPanel('import')}>
            Import…
          </button>
          <button type="button" onClick={() => void exportAs('csv')}>
            Export CSV
          </button>
          <button type="button" onClick={() => void exportAs('vcard')}>
            Export vCard
          </button>
          <button type="button" onClick={() => setPanel('groups')} aria-pressed={panel === 'groups'}>
            Groups
          </button>
          <button type="button" onClick={() => setPanel('duplicates')} aria-pressed={panel === 'duplicates'}>
            Duplicates
          </button>
        </div>
        <p className="hint" aria-live="polite">
          {loaded &&
            (search
              ? `${total === 1 ? '1 contact matches' : `${total.toLocaleString()} contacts match`}`
              : total === 1
                ? '1 contact'
                : `${total.toLocaleString()} contacts`)}
        </p>
        {(loadError || actionError || exporting) && (
          <p className={loadError || actionError ? 'form-error' : 'hint'} role={loadError || actionError ? 'alert' : 'status'}>
            {loadError ?? actionError ?? exporting}
          </p>
        )}
        {loaded && total === 0 && !search && !groupFilter ? (
          <EmptyState>No contacts yet. Add one, or import the address book your old fax program exported (CSV or vCard).</EmptyState>
        ) : loaded && total === 0 ? (
          <EmptyState>No contact matches “{search}”. Try part of the name, the organization, or a few digits of the number.</EmptyState>
        ) : (
          <ContactList />
        )}
      </div>
      <div className="contacts-detail">
        {panel === 'contact' && (form ? <ContactForm /> : <EmptyState>Choose a contact to change it, or add a new one.</EmptyState>)}
        {panel === 'groups' && <ContactGroups />}
        {panel === 'import' && <ImportDialog onClose={() => setPanel('contact')} />}
        {panel === 'duplicates' && <DuplicatesPanel />}
      </div>
      <div className="toast-live">
        <DeletedToast />
      </div>
    </section>
  );
}
