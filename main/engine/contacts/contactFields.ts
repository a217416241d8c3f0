// The checks a contact passes before it is saved, from the form, the REST API or an import
// row: the same sentences everywhere. Numbers are read in the settings' country and kept E.164.
import { checkFaxNumber } from '../../../shared/faxNumber';
import { CONTACT_LIMITS, type ContactText } from '../../../shared/contacts';
import type { ContactFields } from './contactStore';

export interface ContactDraft extends ContactText {
  coverTemplateId: string | null;
}

// Deliberately loose: one @, something either side, a dot in the domain. Mail servers decide the rest.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The contact as stored, or every field's problem in words (keyed by field name). */
export function checkContact(
  draft: ContactDraft,
  defaultCountry: string,
): { ok: true; fields: ContactFields } | { ok: false; problems: Record<string, string> } {
  const problems: Record<string, string> = {};
  const name = draft.name.trim();
  const organization = draft.organization.trim();
  if (!name && !organization) problems.name = 'Give the contact a name or an organization.';
  if (name.length > CONTACT_LIMITS.name) problems.name = `A name can be at most ${CONTACT_LIMITS.name} characters.`;
  if (organization.length > CONTACT_LIMITS.organization)
    problems.organization = `An organization can be at most ${CONTACT_LIMITS.organization} characters.`;
  let fax = '';
  let faxNational = '';
  if (draft.fax.trim() === '') problems.fax = 'Enter the fax number.';
  else {
    const check = checkFaxNumber(draft.fax, defaultCountry);
    if (check.ok) {
      fax = check.e164;
      faxNational = check.national;
    } else problems.fax = check.message;
  }
  let phone = '';
  if (draft.phone.trim() !== '') {
    const check = checkFaxNumber(draft.phone, defaultCountry);
    if (check.ok) phone = check.e164;
    else problems.phone = `Phone: ${check.message.replace(/fax number/g, 'phone number')}`;
  }
  const email = draft.email.trim();
  if (email && !EMAIL.test(email)) problems.email = `"${email.slice(0, 60)}" is not an email address: write it like name@example.org.`;
  else if (email.length > CONTACT_LIMITS.email) problems.email = `An email address can be at most ${CONTACT_LIMITS.email} characters.`;
  const notes = draft.notes.trim();
  if (notes.length > CONTACT_LIMITS.notes) problems.notes = `Notes can be at most ${CONTACT_LIMITS.notes} characters.`;
  if (Object.keys(problems).length) return { ok: false, problems };
  return {
    ok: true,
    fields: { name, organization, fax, faxNational, phone, email, notes, coverTemplateId: draft.coverTemplateId?.trim() || null },
  };
}

/** The problems of a contact as one sentence (an import row's reason). */
export function problemsSentence(problems: Record<string, string>): string {
  return Object.values(problems).join(' ');
}
