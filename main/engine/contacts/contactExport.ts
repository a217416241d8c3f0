// The address book written out: CSV (RFC 4180, formula-safe like the audit export, with our
// own header so the file imports back unchanged) and vCard 4.0 (ical.js).
import ICAL from 'ical.js';
import type { Contact } from '../../../shared/contacts';
import { csvLine } from '../audit';
import { FAXBOT_CSV_HEADER } from './csvContacts';

export function contactsCsv(contacts: readonly Contact[], groupNames: ReadonlyMap<string, string>): string {
  const lines = [csvLine(FAXBOT_CSV_HEADER)];
  for (const contact of contacts) {
    const groups = contact.groupIds.map((id) => groupNames.get(id)).filter((name): name is string => Boolean(name));
    lines.push(csvLine([contact.name, contact.organization, contact.fax, contact.phone, contact.email, contact.notes, groups.join('; ')]));
  }
  return lines.join('');
}

export function contactsVcard(contacts: readonly Contact[]): string {
  return contacts.map((contact) => cardOf(contact).toString() + '\r\n').join('');
}

function cardOf(contact: Contact): ICAL.Component {
  const card = new ICAL.Component(['vcard', [], []]);
  card.addPropertyWithValue('version', '4.0');
  card.addPropertyWithValue('fn', contact.name || contact.organization);
  if (contact.organization) card.addPropertyWithValue('org', contact.organization);
  const tel = (number: string, types: string[]) => {
    const property = new ICAL.Property('tel');
    property.setParameter('type', types);
    property.setParameter('value', 'uri');
    property.setValue(`tel:${number}`);
    card.addProperty(property);
  };
  tel(contact.fax, ['fax', 'work']);
  if (contact.phone) tel(contact.phone, ['voice', 'work']);
  if (contact.email) card.addPropertyWithValue('email', contact.email);
  if (contact.notes) card.addPropertyWithValue('note', contact.notes);
  card.addPropertyWithValue('uid', `urn:uuid:${contact.id}`);
  return card;
}
