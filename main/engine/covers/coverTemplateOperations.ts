// Settings → Cover pages (and /cover-templates): list, add, change and delete templates, and
// draw one as it is being edited. A save checks everything first (the name, the logo decoded
// whole) and then writes the template, its sealed logo and its audit entry in one transaction.
import type { EventName, EventPayload, OperationArgs, OperationName, OperationResult } from '../../../shared/contract';
import { FaxError } from '../../../shared/errors';
import { formatFaxNumber } from '../../../shared/faxNumber';
import { PLAIN_TEMPLATE_ID, type CoverTemplate } from '../../../shared/coverTemplates';
import type { AuditLog } from '../audit';
import type { SettingsStore } from '../settings';
import { coverSender } from './coverSender';
import type { CoverDesign } from '../imaging';
import { pdfReply } from '../documents';
import { type CoverTemplates, PLAIN_NAME, noSuchTemplate } from './coverTemplates';
import type { CoverTemplateFields, CoverTemplateStore, LogoChange } from './coverTemplateStore';

type CoverTemplateOperationName =
  'listCoverTemplates' | 'getCoverTemplate' | 'saveCoverTemplate' | 'deleteCoverTemplate' | 'previewCoverTemplate';
export type CoverTemplateOperations = {
  [N in CoverTemplateOperationName & OperationName]: (args: OperationArgs<N>) => Promise<OperationResult<N>>;
};

export interface CoverTemplateOperationDeps {
  store: CoverTemplateStore;
  templates: CoverTemplates;
  settings: SettingsStore;
  auditLog: AuditLog;
  emit: <N extends EventName>(event: N, payload: EventPayload<N>) => void;
}

const imaging = () => import('../imaging');

type Draft = OperationArgs<'previewCoverTemplate'>['template'];

const builtIn = (what: string) =>
  new FaxError('wrong_state', `The plain cover page is built in and cannot be ${what}: add a new template instead.`, { field: 'id' });

/** A new logo decoded and checked, or what to do with the stored one. */
async function logoChange(logo: Draft['logo']): Promise<LogoChange> {
  if (logo === 'keep' || logo === null) return logo;
  const bytes = new Uint8Array(Buffer.from(logo.contentBase64, 'base64'));
  return (await imaging()).readCoverLogo(logo.fileName, bytes);
}

function fieldsOf(draft: Draft): CoverTemplateFields {
  return { name: draft.name.trim(), layout: draft.layout, practice: draft.practice, notice: draft.notice, fields: draft.fields };
}

/** Names of what differs (never the values: the audit log keeps no practice details). */
function changedParts(before: CoverTemplate, after: CoverTemplateFields, logo: LogoChange): string[] {
  const changed: string[] = [];
  if (before.name !== after.name) changed.push('name');
  if (before.layout !== after.layout) changed.push('layout');
  if (JSON.stringify(before.practice) !== JSON.stringify(after.practice)) changed.push('practice details');
  if (before.notice !== after.notice) changed.push('notice');
  if (JSON.stringify(before.fields) !== JSON.stringify(after.fields)) changed.push('fields shown');
  if (logo === null ? before.logo !== null : logo !== 'keep') changed.push('logo');
  return changed;
}

export function createCoverTemplateOperations(deps: CoverTemplateOperationDeps): CoverTemplateOperations {
  const { store, templates, settings, auditLog, emit } = deps;

  const requireTemplate = (id: string) => {
    const found = templates.get(id);
    if (!found) throw noSuchTemplate(id);
    return found;
  };
  const refuseTakenName = (name: string, id: string | undefined) => {
    const holder = name.toLowerCase() === PLAIN_NAME.toLowerCase() ? { id: PLAIN_TEMPLATE_ID, name: PLAIN_NAME } : store.named(name);
    if (holder && holder.id !== id)
      throw new FaxError('invalid_input', `There is already a template named “${holder.name}”: give this one another name.`, {
        field: 'name',
        fields: { name: `There is already a template named “${holder.name}”.` },
      });
  };

  return {
    async listCoverTemplates() {
      return { items: templates.list() };
    },

    async getCoverTemplate({ id }) {
      return requireTemplate(id);
    },

    async saveCoverTemplate(input) {
      if (input.id === PLAIN_TEMPLATE_ID) throw builtIn('changed');
      const before = input.id === undefined ? null : requireTemplate(input.id);
      const fields = fieldsOf(input);
      refuseTakenName(fields.name, input.id);
      // Decoded and checked before anything is written: a bad logo leaves the template as it was.
      const logo = await logoChange(input.logo);
      let id: string;
      try {
        id = store.transaction(() => {
          if (!before) {
            const created = store.insert(fields, logo);
            auditLog.appendForCaller({ action: 'cover_template_created', target: created, details: { name: fields.name } });
            return created;
          }
          if (!store.update(before.id, fields, logo)) throw noSuchTemplate(before.id);
          const changed = changedParts(before, fields, logo);
          if (changed.length)
            auditLog.appendForCaller({ action: 'cover_template_changed', target: before.id, details: { name: fields.name, changed } });
          return before.id;
        });
      } catch (error) {
        // Another save took the name between the check and the write.
        if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') refuseTakenName(fields.name, input.id);
        throw error;
      }
      emit('coverTemplatesChanged', { ids: [id] });
      return requireTemplate(id);
    },

    async deleteCoverTemplate({ id }) {
      if (id === PLAIN_TEMPLATE_ID) throw builtIn('deleted');
      const template = requireTemplate(id);
      store.transaction(() => {
        if (!store.delete(id)) throw noSuchTemplate(id);
        auditLog.appendForCaller({
          action: 'cover_template_deleted',
          target: id,
          details: { name: template.name, contacts: template.contacts },
        });
      });
      emit('coverTemplatesChanged', { ids: [id] });
      const who = template.contacts === 1 ? '1 contact had it as its default' : `${template.contacts} contacts had it as their default`;
      const message =
        template.contacts > 0
          ? `“${template.name}” was deleted. ${who}: faxes to them now get the plain cover page until another template is chosen in Contacts.`
          : `“${template.name}” was deleted.`;
      return { id, contacts: template.contacts, message };
    },

    async previewCoverTemplate({ template: draft }) {
      let logo: CoverDesign['logo'] = null;
      if (draft.logo === 'keep') {
        const stored = draft.id && draft.id !== PLAIN_TEMPLATE_ID ? store.get(draft.id) : null;
        logo = stored ? templates.logoOf(stored) : null;
      } else if (draft.logo) logo = (await logoChange(draft.logo)) as CoverDesign['logo'];
      const s = settings.get();
      const { makeCoverPage } = await imaging();
      const pdf = await makeCoverPage(
        {
          toName: 'Dr. Amy Lee',
          toNumber: formatFaxNumber('+12025550143', s.defaultCountry),
          ...coverSender(s),
          subject: 'Referral',
          notes: 'Please call the front desk when the results are in.',
          totalPages: 3,
          date: new Date(),
          confidentialityNotice: s.confidentialityNotice,
          paperSize: s.paperSize,
        },
        { layout: draft.layout, practice: draft.practice, notice: draft.notice, fields: draft.fields, logo },
      );
      return pdfReply('cover-preview.pdf', pdf);
    },
  };
}
