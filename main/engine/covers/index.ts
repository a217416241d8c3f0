// Cover page templates: the plain cover, letterheads with a sealed logo, confidentiality
// notices; which one a fax gets (chosen, the contact's default, or plain); their operations.
import type { Db } from '../database';
import type { ContactBook } from '../contacts';
import { CoverTemplateStore } from './coverTemplateStore';
import { CoverTemplates } from './coverTemplates';

export { CoverTemplates, noSuchTemplate, type ChosenCover } from './coverTemplates';
export { CoverTemplateStore } from './coverTemplateStore';
export { createCoverTemplateOperations, type CoverTemplateOperationDeps } from './coverTemplateOperations';

/** The templates on the engine's database, with the address book that names contacts' defaults. */
export function openCoverTemplates(
  db: Db,
  dataKey: Buffer,
  contacts: ContactBook,
): { store: CoverTemplateStore; templates: CoverTemplates } {
  const store = new CoverTemplateStore(db, dataKey);
  const count = db.prepare('SELECT COUNT(*) AS n FROM contacts WHERE cover_template_id = ? AND deleted_at IS NULL');
  const templates = new CoverTemplates({
    store,
    contactsWithFax: (fax) => contacts.contacts.withFax(fax),
    contactsUsing: (id) => (count.get(id) as { n: number }).n,
  });
  return { store, templates };
}
export { coverSender } from './coverSender';
