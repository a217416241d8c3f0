// The address book as a listbox: only the rows on screen are drawn (VirtualList), more are
// asked for as the person scrolls; ↑/↓ move, Enter opens the contact's form.
import { useRef } from 'react';
import { formatFaxNumber } from '../../../../shared/faxNumber';
import { useDesk, useSlice } from '../../deskContext';
import { VirtualList, type VirtualListHandle } from '../../components/virtualList';
import { contactTitle } from '../../stores';

export const CONTACT_ROW_HEIGHT = 52;

export function ContactList() {
  const desk = useDesk();
  const items = useSlice(desk.contacts, (s) => s.items);
  const total = useSlice(desk.contacts, (s) => s.total);
  const selectedId = useSlice(desk.contacts, (s) => s.selectedId);
  const country = desk.defaultCountry();
  const list = useRef<VirtualListHandle>(null);
  const selectedIndex = items.findIndex((c) => c.id === selectedId);
  const rowId = (id: string) => `contact-row-${id}`;

  const open = (index: number) => {
    const contact = items[index];
    if (!contact) return;
    desk.contacts.getState().select(contact.id);
    desk.contacts.getState().edit(contact);
    list.current?.scrollToIndex(index);
  };

  return (
    <VirtualList
      ref={list}
      role="listbox"
      aria-label="Contacts"
      aria-activedescendant={selectedIndex >= 0 ? rowId(selectedId!) : undefined}
      tabIndex={0}
      className="contact-list"
      rowCount={Math.max(items.length, Math.min(total, items.length + 1))}
      rowHeight={CONTACT_ROW_HEIGHT}
      onRangeChange={(_, end) => {
        if (end >= items.length - 20) void desk.contacts.getState().loadMore();
      }}
      onKeyDown={(e) => {
        if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
          e.preventDefault();
          const next = Math.max(0, Math.min(items.length - 1, selectedIndex + (e.key === 'ArrowDown' ? 1 : -1)));
          desk.contacts.getState().select(items[next]?.id ?? null);
          list.current?.scrollToIndex(next);
        } else if (e.key === 'Enter' && selectedIndex >= 0) {
          e.preventDefault();
          open(selectedIndex);
        }
      }}
      renderRow={(index) => {
        const contact = items[index];
        if (!contact)
          return (
            <div role="option" aria-selected={false} aria-disabled="true" className="contact-row contact-row-loading">
              Loading…
            </div>
          );
        const number = formatFaxNumber(contact.fax, country);
        return (
          <div
            id={rowId(contact.id)}
            role="option"
            aria-selected={contact.id === selectedId}
            aria-posinset={index + 1}
            aria-setsize={total}
            aria-label={[contactTitle(contact), contact.name ? contact.organization : '', number].filter(Boolean).join(', ')}
            className="contact-row"
            onClick={() => open(index)}
          >
            <span className="row-who">
              <span className="row-name">{contactTitle(contact)}</span>
              <span className="row-sub">{contact.name ? contact.organization : ''}</span>
            </span>
            <span className="row-number">{number}</span>
          </div>
        );
      }}
    />
  );
}
