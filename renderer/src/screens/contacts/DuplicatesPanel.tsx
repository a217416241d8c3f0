// Contacts sharing a fax number, found on demand: the person picks the one to keep and merges
// the others into it (their groups come along; the kept contact's fields stay).
import { useEffect, useState } from 'react';
import { formatFaxNumber } from '../../../../shared/faxNumber';
import { useDesk, useSlice } from '../../deskContext';
import { contactTitle } from '../../stores';

export function DuplicatesPanel() {
  const desk = useDesk();
  const duplicates = useSlice(desk.contacts, (s) => s.duplicates);
  const [keep, setKeep] = useState<Record<string, string>>({});
  const country = desk.defaultCountry();
  useEffect(() => void desk.contacts.getState().loadDuplicates(), [desk]);
  if (!duplicates) return <p role="status">Looking for contacts with the same number…</p>;
  return (
    <section className="duplicates" aria-label="Duplicates">
      <h2>Duplicates</h2>
      {duplicates.length === 0 && <p className="empty">No two contacts share a fax number.</p>}
      {duplicates.map((set) => {
        const kept = keep[set.fax] ?? set.contacts[0].id;
        return (
          <fieldset key={set.fax} className="duplicate-set">
            <legend>
              {set.contacts.length} contacts have {formatFaxNumber(set.fax, country)}
            </legend>
            {set.contacts.map((contact) => (
              <label key={contact.id} className="check">
                <input
                  type="radio"
                  name={`keep-${set.fax}`}
                  checked={kept === contact.id}
                  onChange={() => setKeep({ ...keep, [set.fax]: contact.id })}
                />
                Keep {contactTitle(contact)}
                {contact.name && contact.organization ? ` (${contact.organization})` : ''}
              </label>
            ))}
            <button
              type="button"
              onClick={() =>
                void desk.contacts.getState().merge(
                  kept,
                  set.contacts.map((c) => c.id).filter((id) => id !== kept),
                )
              }
            >
              Merge into one
            </button>
          </fieldset>
        );
      })}
    </section>
  );
}
