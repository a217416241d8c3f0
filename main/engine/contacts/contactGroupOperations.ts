// Groups (distribution lists): create, rename, delete, add and remove members. A member whose
// fax number would now be refused (stored before a numbering plan changed, say) is listed
// with the reason, so the group is fixed before anyone sends to it.
import type { OperationArgs, OperationName, OperationResult } from '../../../shared/contract';
import type { ContactGroup, ContactGroupDetail } from '../../../shared/contacts';
import { FaxError } from '../../../shared/errors';
import { checkFaxNumber } from '../../../shared/faxNumber';
import type { ContactOperationDeps } from './contactOperations';
import { contactNotFound } from './contactOperations';
import type { GroupRow } from './contactGroupStore';

type GroupOperationName = 'listContactGroups' | 'getContactGroup' | 'saveContactGroup' | 'deleteContactGroup' | 'changeContactGroupMembers';
export type ContactGroupOperations = { [N in GroupOperationName & OperationName]: (args: OperationArgs<N>) => Promise<OperationResult<N>> };

export function createContactGroupOperations(deps: ContactOperationDeps): ContactGroupOperations {
  const { contacts, groups, settings, auditLog, emit } = deps;

  const requireGroup = (id: string): GroupRow => {
    const group = groups.get(id);
    if (!group) throw new FaxError('not_found', `There is no group ${id.slice(0, 64)}. It may have been deleted; open Contacts again.`);
    return group;
  };
  const detail = (id: string): ContactGroupDetail => {
    const country = settings.get().defaultCountry;
    const memberList = groups.members(id).map((row) => {
      const check = checkFaxNumber(row.fax, country);
      return {
        contactId: row.contact_id,
        name: row.name,
        organization: row.organization,
        fax: row.fax,
        problem: check.ok ? null : `A fax to ${row.name || row.organization} would be refused: ${check.message} Edit the contact's number.`,
      };
    });
    return { ...summary(requireGroup(id), memberList.filter((m) => m.problem).length), memberList };
  };
  const summary = (row: GroupRow, problems: number): ContactGroup => ({
    id: row.id,
    name: row.name,
    members: row.members,
    problems,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
  const problemsOf = (id: string) => {
    const country = settings.get().defaultCountry;
    return groups.members(id).filter((row) => !checkFaxNumber(row.fax, country).ok).length;
  };
  const refuseTakenName = (name: string, exceptId?: string) => {
    const taken = groups.named(name);
    if (taken && taken.id !== exceptId) {
      const message = `There is already a group called "${taken.name}": choose another name.`;
      throw new FaxError('invalid_input', message, { field: 'name', fields: { name: message } });
    }
  };
  const changed = (id: string, details: Record<string, unknown>) =>
    auditLog.appendForCaller({ action: 'contact_group_changed', target: id, details });

  return {
    async listContactGroups() {
      return { items: groups.list().map((row) => summary(row, problemsOf(row.id))) };
    },

    async getContactGroup({ id }) {
      return detail(id);
    },

    async saveContactGroup({ id, name }) {
      refuseTakenName(name, id);
      const saved = contacts.transaction(() => {
        if (id === undefined) {
          const created = groups.insert(name);
          changed(created.id, { change: 'created' });
          return created.id;
        }
        requireGroup(id);
        groups.rename(id, name);
        changed(id, { change: 'renamed' });
        return id;
      });
      emit('contactsChanged', { ids: [], groups: true });
      return summary(requireGroup(saved), problemsOf(saved));
    },

    async deleteContactGroup({ id }) {
      contacts.transaction(() => {
        requireGroup(id);
        groups.delete(id);
        changed(id, { change: 'deleted' });
      });
      emit('contactsChanged', { ids: [], groups: true });
      return { ok: true as const };
    },

    async changeContactGroupMembers({ id, add, remove }) {
      requireGroup(id);
      // Every contact to add must exist: a list with one unknown member is refused whole.
      const missing = add.find((contactId) => contacts.get(contactId) === null);
      if (missing) throw contactNotFound(missing);
      const result = contacts.transaction(() => {
        const added = groups.add(id, add);
        const removed = groups.remove(id, remove);
        if (added || removed) changed(id, { change: 'members', added, removed });
        return { added, removed };
      });
      if (result.added || result.removed) emit('contactsChanged', { ids: [...add, ...remove].slice(0, 500), groups: true });
      return detail(id);
    },
  };
}
