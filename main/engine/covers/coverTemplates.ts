// Which cover page a fax gets: the template chosen for it; else the recipient contact's
// default; else the plain cover. A contact whose template was deleted falls back to the plain
// cover, and the choice says so in words, so the Send screen can tell the person before sending.
import { FaxError } from '../../../shared/errors';
import type { Contact } from '../../../shared/contacts';
import { ALL_COVER_FIELDS, PLAIN_TEMPLATE_ID, type CoverTemplate, type CoverTemplateChoice } from '../../../shared/coverTemplates';
import type { CoverDesign } from '../imaging';
import type { CoverTemplateStore, StoredCoverTemplate } from './coverTemplateStore';

export const PLAIN_NAME = 'Plain';

export interface CoverTemplatesDeps {
  store: CoverTemplateStore;
  /** Live contacts holding this E.164 fax number. */
  contactsWithFax(fax: string): Contact[];
  /** How many live contacts name this template id (the plain one has no row to count from). */
  contactsUsing(id: string): number;
}

export interface ChosenCover {
  design: CoverDesign;
  choice: CoverTemplateChoice;
}

const EMPTY_PRACTICE = { name: '', address: '', phone: '', fax: '', email: '' };

export function noSuchTemplate(id: string): FaxError {
  return new FaxError(
    'not_found',
    `There is no cover page template ${id.slice(0, 64)}: it may have been deleted. Choose another template for the cover page.`,
    { field: 'templateId' },
  );
}

export class CoverTemplates {
  constructor(private readonly deps: CoverTemplatesDeps) {}

  plain(): CoverTemplate {
    return {
      id: PLAIN_TEMPLATE_ID,
      name: PLAIN_NAME,
      layout: 'plain',
      practice: EMPTY_PRACTICE,
      notice: '',
      fields: ALL_COVER_FIELDS,
      logo: null,
      builtin: true,
      contacts: this.deps.contactsUsing(PLAIN_TEMPLATE_ID),
      createdAt: null,
      updatedAt: null,
    };
  }

  list(): CoverTemplate[] {
    return [this.plain(), ...this.deps.store.list().map(view)];
  }

  get(id: string): CoverTemplate | null {
    if (id === PLAIN_TEMPLATE_ID) return this.plain();
    const stored = this.deps.store.get(id);
    return stored ? view(stored) : null;
  }

  exists(id: string): boolean {
    return id === PLAIN_TEMPLATE_ID || this.deps.store.has(id);
  }

  /** The design of a stored template, its logo opened. */
  design(template: StoredCoverTemplate): CoverDesign {
    return {
      layout: template.layout,
      practice: template.practice,
      notice: template.notice,
      fields: template.fields,
      logo: this.logoOf(template),
    };
  }

  logoOf(template: Pick<StoredCoverTemplate, 'id' | 'name'>): CoverDesign['logo'] {
    try {
      return this.deps.store.logo(template.id);
    } catch (error) {
      throw new FaxError(
        'document_damaged',
        `The logo of the cover page template “${template.name}” is damaged: it failed its integrity check. Choose the logo again in Settings → Cover pages.`,
        { cause: error },
      );
    }
  }

  /** The cover for a fax to `fax` (E.164, or what was typed) with `chosenId` picked, or none picked. */
  choose(fax: string, chosenId: string | null | undefined): ChosenCover {
    const plain = (
      source: CoverTemplateChoice['source'],
      notice: string | null = null,
      contactName: string | null = null,
    ): ChosenCover => ({
      design: { layout: 'plain', practice: EMPTY_PRACTICE, notice: '', fields: ALL_COVER_FIELDS, logo: null },
      choice: { id: PLAIN_TEMPLATE_ID, name: PLAIN_NAME, source, notice, contactName },
    });
    if (chosenId === PLAIN_TEMPLATE_ID) return plain('chosen');
    if (chosenId) {
      const template = this.deps.store.get(chosenId);
      if (!template) throw noSuchTemplate(chosenId);
      return {
        design: this.design(template),
        choice: { id: template.id, name: template.name, source: 'chosen', notice: null, contactName: null },
      };
    }
    const contact = this.contactWithTemplate(fax);
    if (!contact) return plain('plain');
    const who = contact.name || contact.organization;
    if (contact.coverTemplateId === PLAIN_TEMPLATE_ID) return plain('contact', null, who);
    const template = this.deps.store.get(contact.coverTemplateId!);
    if (!template)
      return plain(
        'plain',
        `${who}'s default cover page template was deleted, so the plain cover page is used. Choose another one for ${who} in Contacts, or pick a template here.`,
        who,
      );
    return {
      design: this.design(template),
      choice: { id: template.id, name: template.name, source: 'contact', notice: null, contactName: who },
    };
  }

  /** Of the contacts with this number, the one most recently changed that names a template. */
  private contactWithTemplate(fax: string): Contact | null {
    if (!/^\+\d{6,15}$/.test(fax)) return null;
    const named = this.deps.contactsWithFax(fax).filter((c) => c.coverTemplateId);
    named.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    return named[0] ?? null;
  }
}

function view(stored: StoredCoverTemplate): CoverTemplate {
  return { ...stored, builtin: false };
}
