// The Inbox's operations: list and read received faxes, delete with Undo, forward.
import type { EventName, EventPayload, OperationArgs, OperationName, OperationResult } from '../../../shared/contract';
import { FaxError } from '../../../shared/errors';
import { formatFaxNumber } from '../../../shared/faxNumber';
import type { EngineConfig } from '../config';
import type { SettingsStore } from '../settings';
import type { AuditLog } from '../audit';
import { decodeCursor, encodeCursor } from '../cursor';
import { pdfReply, type DocumentCatalog } from '../documents';
import type { InboxPurge } from './inboxPurge';
import type { InboxStore } from './inboxStore';
import { requireDocumentKept } from '../retention';

type InboxOperationName =
  'listInbox' | 'getInboundFax' | 'getInboundDocument' | 'markInboundRead' | 'deleteInboundFax' | 'restoreInboundFax' | 'forwardInboundFax';
export type InboxOperations = { [N in InboxOperationName & OperationName]: (args: OperationArgs<N>) => Promise<OperationResult<N>> };

// Declared here rather than picked from operations.ts's OperationDeps, which imports this
// folder: the inbox says what it needs, operations.ts hands over a superset.
export interface InboxOperationDeps {
  config: EngineConfig;
  settings: SettingsStore;
  documents: DocumentCatalog;
  inbox: InboxStore;
  inboxPurge: InboxPurge;
  emit: <N extends EventName>(event: N, payload: EventPayload<N>) => void;
  auditLog: AuditLog;
}

// Imaging (pdf-lib, pdf.js) is loaded on first use, as in operations.ts.
const imaging = () => import('../imaging');

/** A moment from the window as the store keeps it (UTC ISO), so text comparison is time order. */
const storedTime = (iso: string | undefined) => (iso === undefined ? undefined : new Date(iso).toISOString());

/** "fax from (202) 555-0143.pdf": the name the Send screen shows for a forwarded fax. */
export function forwardFileName(from: string, homeCountry: string): string {
  const number = formatFaxNumber(from, homeCountry)
    // eslint-disable-next-line no-control-regex
    .replace(/[\\/:*?"<>|\u0000-\u001f]/g, '')
    .trim();
  return `fax from ${number || 'an unknown number'}.pdf`;
}

export function createInboxOperations(deps: InboxOperationDeps): InboxOperations {
  const { config, settings, documents, inbox, inboxPurge, emit } = deps;
  const undoSeconds = Math.round(config.inboxUndoMs / 1000);

  const requireInbound = (id: string) => {
    const fax = inbox.get(id);
    if (!fax) throw new FaxError('not_found', `There is no received fax ${id}. It may have been deleted.`);
    return fax;
  };
  const goneForGood = () =>
    new FaxError(
      'not_found',
      `It was deleted for good: the ${undoSeconds} seconds to undo the deletion had passed. Ask the sender to fax it again if you still need it.`,
    );

  return {
    async listInbox({ search, limit, cursor, unreadOnly, receivedFrom, receivedBefore }) {
      const from = storedTime(receivedFrom);
      const before = storedTime(receivedBefore);
      if (from && before && from > before) {
        const message = 'The date range ends before it starts: pick an end date after the start date.';
        throw new FaxError('invalid_input', message, { field: 'receivedBefore', fields: { receivedBefore: message } });
      }
      const page = inbox.list({ search, limit, unreadOnly, receivedFrom: from, receivedBefore: before, cursor: decodeCursor(cursor) });
      return { items: page.items, total: page.total, nextCursor: encodeCursor(page.next) };
    },

    async getInboundFax({ id }) {
      return requireInbound(id);
    },

    async getInboundDocument({ id }) {
      requireDocumentKept(requireInbound(id));
      const reply = pdfReply(`received-${id}.pdf`, await documents.bytes(inbox.documentIdOf(id) ?? ''));
      // The window asks for it when the Inbox preview opens the fax.
      deps.auditLog.recordForCaller({ action: 'inbound_viewed', target: id });
      return reply;
    },

    async markInboundRead({ id, read }) {
      requireInbound(id);
      const fax = inbox.markRead(id, read)!;
      emit('inboxChanged', { id, read });
      return fax;
    },

    async deleteInboundFax({ id }) {
      const now = new Date();
      const deleted = inbox.transaction(() => {
        if (!inbox.softDelete(id, now)) return false;
        deps.auditLog.appendForCaller({ action: 'inbound_deleted', target: id });
        return true;
      });
      if (deleted) {
        inboxPurge.scheduled();
        emit('inboxChanged', { id, deleted: true });
        return { id, undoUntil: inboxPurge.undoUntil(now).toISOString() };
      }
      const presence = inbox.presence(id);
      if (presence.state === 'deleted' || presence.state === 'purged') {
        // Deleting twice is harmless: answer the undo time the first deletion got.
        return { id, undoUntil: inboxPurge.undoUntil(new Date(presence.deletedAt)).toISOString() };
      }
      throw new FaxError('not_found', `There is no received fax ${id}. It may have been deleted already.`);
    },

    async restoreInboundFax({ id }) {
      const presence = inbox.presence(id);
      switch (presence.state) {
        case 'unknown':
          throw new FaxError('not_found', `There is no received fax ${id} to bring back.`);
        case 'purged':
          throw goneForGood();
        case 'present':
          return presence.fax;
        case 'deleted':
          if (
            !inbox.transaction(() => {
              if (!inbox.restore(id, inboxPurge.restorableSince())) return false;
              deps.auditLog.appendForCaller({ action: 'inbound_restored', target: id });
              return true;
            })
          )
            throw goneForGood();
          emit('inboxChanged', { id, deleted: false });
          return requireInbound(id);
      }
    },

    async forwardInboundFax({ id }) {
      const fax = requireInbound(id);
      requireDocumentKept(fax);
      const received = await documents.bytes(inbox.documentIdOf(id) ?? '');
      const fileName = forwardFileName(fax.from, settings.get().defaultCountry);
      // Normalized like a dropped file: a received fax can come in any page size.
      const { normalizeDocument } = await imaging();
      const maxBytes = config.maxFileSizeMb * 1024 * 1024;
      const normalized = await normalizeDocument(
        { fileName, bytes: received },
        { paperSize: settings.get().paperSize, limits: { maxBytes, maxPages: config.maxPages } },
      );
      const record = await documents.add({ kind: 'pdf', fileName, pages: normalized.pages, pdf: normalized.pdf, staged: true });
      deps.auditLog.recordForCaller({ action: 'inbound_forwarded', target: id, details: { pages: normalized.pages } });
      return { documentId: record.id, fileName, kind: 'pdf', pages: normalized.pages, bytes: received.byteLength };
    },
  };
}
