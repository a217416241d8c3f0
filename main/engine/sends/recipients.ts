// The To field of a send, opened into the numbers it reaches: typed numbers, contacts and
// groups' members, each number once. What a person typed or chose by name must be right, so
// a bad number or a missing contact refuses the send, named; a group member whose number
// would be refused is left out and named (a front desk sends the list it has, and fixes the
// member later), unless no member at all can be sent to.
import { FaxError } from '../../../shared/errors';
import { checkFaxNumber } from '../../../shared/faxNumber';
import { MAX_RECIPIENTS, type SkippedRecipient } from '../../../shared/sends';
import type { ContactBook } from '../contacts';

/** One entry of the To field, as the contract's schema gives it. */
export type RecipientEntry = { to: string; name: string } | { contactId: string } | { groupId: string };

export interface Recipient {
  /** E.164. */
  to: string;
  /** The name its cover page shows ('' when none is known). */
  name: string;
}

export interface RecipientList {
  recipients: Recipient[];
  skipped: SkippedRecipient[];
  /** Entries that named a number already in the list. */
  duplicates: number;
}

const refuse = (code: 'invalid_input' | 'invalid_number' | 'not_found', message: string) =>
  new FaxError(code, message, { field: 'recipients', fields: { recipients: message } });

export function resolveRecipients(entries: readonly RecipientEntry[], book: ContactBook, country: string): RecipientList {
  if (entries.length === 0) throw refuse('invalid_input', 'Add at least one recipient: a fax number, a contact or a group.');
  const recipients: Recipient[] = [];
  const seen = new Set<string>();
  const skipped: SkippedRecipient[] = [];
  let duplicates = 0;
  const add = (to: string, name: string) => {
    if (seen.has(to)) {
      duplicates++;
      return;
    }
    seen.add(to);
    recipients.push({ to, name });
  };

  for (const entry of entries) {
    if ('to' in entry) {
      const check = checkFaxNumber(entry.to, country);
      if (!check.ok) throw refuse('invalid_number', entry.name ? `${entry.name}: ${check.message}` : check.message);
      add(check.e164, entry.name.trim());
    } else if ('contactId' in entry) {
      const contact = book.contacts.get(entry.contactId);
      if (!contact)
        throw refuse('not_found', `A contact in To no longer exists (it may have been deleted): remove it from To, or choose it again.`);
      const name = contact.name || contact.organization;
      const check = checkFaxNumber(contact.fax, country);
      if (!check.ok)
        throw refuse('invalid_number', `A fax to ${name} would be refused: ${check.message} Edit the contact's number in Contacts.`);
      add(check.e164, name);
    } else {
      const group = book.groups.get(entry.groupId);
      if (!group) throw refuse('not_found', 'A group in To no longer exists (it may have been deleted): remove it from To.');
      const members = book.groups.members(group.id);
      if (members.length === 0)
        throw refuse('invalid_input', `The group "${group.name}" has no members: add contacts to it in Contacts, or remove it from To.`);
      let usable = 0;
      for (const member of members) {
        const name = member.name || member.organization;
        const check = checkFaxNumber(member.fax, country);
        if (!check.ok) {
          skipped.push({
            name,
            reason: `${name} (in "${group.name}") is left out: ${check.message} Edit the contact's number in Contacts.`,
          });
          continue;
        }
        usable++;
        add(check.e164, name);
      }
      if (usable === 0)
        throw refuse(
          'invalid_number',
          `No member of the group "${group.name}" has a fax number Faxbot can send to: ${skipped[skipped.length - 1]?.reason ?? ''}`.trim(),
        );
    }
    if (recipients.length > MAX_RECIPIENTS)
      throw refuse(
        'invalid_input',
        `This send would go to more than ${MAX_RECIPIENTS} recipients, the most one send can have: split the list into several sends.`,
      );
  }
  return { recipients, skipped, duplicates };
}
