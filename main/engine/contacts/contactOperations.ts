// The address book's operations: list and search, add and change, delete with Undo, find
// and merge duplicates. Each change and its audit entry are one SQLite transaction.
import type { EventName, EventPayload, OperationArgs, OperationName, OperationResult } from '../../../shared/contract';
import type { Contact } from '../../../shared/contacts';
import { FaxError } from '../../../shared/errors';
import type { AuditLog } from '../audit';
import type { SettingsStore } from '../settings';
import { checkContact, type ContactDraft } from './contactFields';
import type { ContactGroupStore } from './contactGroupStore';
import type { ContactStore } from './contactStore';

type ContactOperationName =
  'listContacts' | 'getContact' | 'saveContact' | 'deleteContact' | 'restoreContact' | 'findDuplicateContacts' | 'mergeContacts';
export type ContactOperations = { [N in ContactOperationName & OperationName]: (args: OperationArgs<N>) => Promise<OperationResult<N>> };

export interface ContactOperationDeps {
  contacts: ContactStore;
  groups: ContactGroupStore;
  settings: SettingsStore;
  auditLog: AuditLog;
  emit: <N extends EventName>(event: N, payload: EventPayload<N>) => void;
  /** How long a deleted contact can be brought back (the Inbox's undo time). */
  undoMs: number;
  /** Whether a cover page template id names a template (covers/); absent: not checked. */
  coverTemplateExists?: (id: string) => boolean;
}

/** The undo window of a deletion: until when it can be undone, and which deletions still can be. */
export function undoWindow(undoMs: number) {
  return {
    undoUntil: (deletedAt: Date) => new Date(deletedAt.getTime() + undoMs),
    restorableSince: (now = new Date()) => new Date(now.getTime() - undoMs),
  };
}

// A page position in a ranked list: how many rows came before. Opaque to callers.
function offsetOf(cursor: string | undefined): number {
  if (!cursor) return 0;
  const offset = Number(/^o(\d{1,9})$/.exec(cursor)?.[1] ?? NaN);
  if (Number.isInteger(offset)) return offset;
  throw new FaxError('invalid_input', 'That page cursor is not one Faxbot gave out: start again from the first page.', { field: 'cursor' });
}

export function contactNotFound(id: string): FaxError {
  return new FaxError('not_found', `There is no contact ${id.slice(0, 64)}. It may have been deleted; search the address book again.`);
}

/** The fields that differ between two versions of a contact (names only: the audit log keeps no values). */
function changedFields(before: Contact, after: Contact): string[] {
  const fields = ['name', 'organization', 'fax', 'phone', 'email', 'notes', 'coverTemplateId'] as const;
  return fields.filter((field) => before[field] !== after[field]);
}

export function createContactEntryOperations(deps: ContactOperationDeps): ContactOperations {
  const { contacts, groups, settings, auditLog, emit } = deps;
  const window = undoWindow(deps.undoMs);
  const undoSeconds = Math.round(deps.undoMs / 1000);
  // Deletions whose undo time ran out while Faxbot was closed go at start; later ones at the next deletion.
  contacts.purgeDeletedBefore(window.restorableSince());

  const requireContact = (id: string) => {
    const found = contacts.get(id);
    if (!found) throw contactNotFound(id);
    return found;
  };
  const refuse = (problems: Record<string, string>): never => {
    const [field] = Object.keys(problems);
    throw new FaxError(field === 'fax' ? 'invalid_number' : 'invalid_input', Object.values(problems).join(' '), {
      field,
      fields: problems,
    });
  };
  const checked = (draft: ContactDraft) => {
    const result = checkContact(draft, settings.get().defaultCountry);
    return result.ok ? result.fields : refuse(result.problems);
  };
  // Only a newly chosen template is checked: a contact whose template was deleted can still be edited (it falls back to plain).
  const requireCoverTemplate = (chosen: string | null | undefined, before: string | null) => {
    if (!chosen || chosen === before || !deps.coverTemplateExists || deps.coverTemplateExists(chosen)) return;
    refuse({
      coverTemplateId: `There is no cover page template ${chosen.slice(0, 64)}: it may have been deleted. Choose one from Settings → Cover pages, or none for the plain cover.`,
    });
  };
  const requireGroups = (groupIds: readonly string[]) => {
    const unknown = groups.unknown(groupIds);
    if (unknown.length)
      refuse({ groupIds: `There is no group ${unknown[0].slice(0, 64)}: it may have been deleted. Choose the groups again.` });
  };

  return {
    async listContacts({ search, groupId, limit, cursor }) {
      const offset = offsetOf(cursor);
      const page = contacts.list({ search, groupId, limit, offset });
      const next = offset + page.items.length;
      return { items: page.items, total: page.total, nextCursor: next < page.total && page.items.length ? `o${next}` : null };
    },

    async getContact({ id }) {
      return requireContact(id);
    },

    async saveContact(input) {
      const fields = checked(input);
      requireCoverTemplate(fields.coverTemplateId, input.id === undefined ? null : (contacts.get(input.id)?.coverTemplateId ?? null));
      if (input.groupIds) requireGroups(input.groupIds);
      const saved = contacts.transaction(() => {
        if (input.id === undefined) {
          const created = contacts.insert(fields);
          if (input.groupIds) groups.setGroupsOf(created.id, input.groupIds);
          auditLog.appendForCaller({ action: 'contact_created', target: created.id, details: { fax: created.fax } });
          return contacts.get(created.id)!;
        }
        const before = requireContact(input.id);
        const after = contacts.update(input.id, fields)!;
        if (input.groupIds) groups.setGroupsOf(input.id, input.groupIds);
        const changed = changedFields(before, after);
        if (input.groupIds && before.groupIds.join() !== [...input.groupIds].sort().join()) changed.push('groups');
        if (changed.length) auditLog.appendForCaller({ action: 'contact_changed', target: input.id, details: { fax: after.fax, changed } });
        return contacts.get(input.id)!;
      });
      emit('contactsChanged', { ids: [saved.id], groups: input.groupIds !== undefined });
      return saved;
    },

    async deleteContact({ id }) {
      const now = new Date();
      contacts.purgeDeletedBefore(window.restorableSince(now));
      const deleted = contacts.transaction(() => {
        const contact = contacts.get(id);
        if (!contact || !contacts.softDelete(id, now)) return false;
        auditLog.appendForCaller({ action: 'contact_deleted', target: id, details: { fax: contact.fax } });
        return true;
      });
      if (deleted) {
        emit('contactsChanged', { ids: [id], groups: true });
        return { id, undoUntil: window.undoUntil(now).toISOString() };
      }
      const presence = contacts.presence(id);
      // Deleting twice is harmless: answer the undo time the first deletion got.
      if (presence.state === 'deleted') return { id, undoUntil: window.undoUntil(new Date(presence.deletedAt)).toISOString() };
      throw contactNotFound(id);
    },

    async restoreContact({ id }) {
      const presence = contacts.presence(id);
      if (presence.state === 'present') return presence.contact;
      const restored =
        presence.state === 'deleted' &&
        contacts.transaction(() => {
          if (!contacts.restore(id, window.restorableSince())) return false;
          auditLog.appendForCaller({ action: 'contact_restored', target: id, details: { fax: contacts.get(id)!.fax } });
          return true;
        });
      if (!restored)
        throw new FaxError(
          'not_found',
          presence.state === 'deleted'
            ? `The contact was deleted for good: the ${undoSeconds} seconds to undo had passed. Add it again if you still need it.`
            : `There is no deleted contact ${id.slice(0, 64)} to bring back.`,
        );
      emit('contactsChanged', { ids: [id], groups: true });
      return requireContact(id);
    },

    async findDuplicateContacts() {
      return { items: contacts.duplicates() };
    },

    async mergeContacts({ keepId, mergeIds, fields }) {
      const kept = requireContact(keepId);
      const others = [...new Set(mergeIds.filter((id) => id !== keepId))];
      if (others.length === 0) refuse({ mergeIds: 'Choose at least one other contact to merge into the one kept.' });
      others.forEach(requireContact);
      const merged = checked({ ...kept, ...fields });
      requireCoverTemplate(merged.coverTemplateId, kept.coverTemplateId);
      const result = contacts.transaction(() => {
        contacts.update(keepId, merged);
        groups.moveMemberships(others, keepId);
        contacts.remove(others);
        auditLog.appendForCaller({ action: 'contacts_merged', target: keepId, details: { fax: merged.fax, merged: others.length } });
        return contacts.get(keepId)!;
      });
      emit('contactsChanged', { ids: [keepId, ...others], groups: true });
      return result;
    },
  };
}
