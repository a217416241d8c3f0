// Settings → Audit's operations: a page of the log, the verify check, the CSV export, and
// the one way the window records what only it sees (a received fax saved or printed).
import { coveredSentence, missingEntriesSentence } from './coverageWords';
import type { OperationArgs, OperationName, OperationResult } from '../../../shared/contract';
import { FaxError } from '../../../shared/errors';
import type { AuditFilter } from '../../../shared/audit';
import { decodeCursor, encodeCursor } from '../cursor';
import type { AuditLog, AuditQuery, AuditRecord } from './auditLog';
import { describeAction, describeActor, describeDetails } from './auditWords';
import { auditCsv } from './auditCsv';

type AuditOperationName = 'listAuditLog' | 'verifyAuditLog' | 'exportAuditLog' | 'recordInboundFaxUse';
export type AuditOperations = { [N in AuditOperationName & OperationName]: (args: OperationArgs<N>) => Promise<OperationResult<N>> };

export interface AuditOperationDeps {
  auditLog: AuditLog;
  /** API key ids to the names people gave them, so "who" reads as a name. */
  keyNames(): ReadonlyMap<string, string>;
  /** True when a received fax with this id is in the Inbox (not deleted). */
  inboundFaxExists(id: string): boolean;
}

/** A moment from the window as the log keeps it (UTC ISO), so text comparison is time order. */
const storedTime = (iso: string | undefined) => (iso === undefined ? undefined : new Date(iso).toISOString());

function queryOf(filter: AuditFilter): AuditQuery {
  const from = storedTime(filter.from);
  const before = storedTime(filter.before);
  if (from && before && from >= before) {
    const message = 'The date range ends before it starts: pick an end date after the start date.';
    throw new FaxError('invalid_input', message, { field: 'before', fields: { before: message } });
  }
  return { actions: filter.actions, from, before };
}

function seqOf(cursor: string | undefined): number | undefined {
  const position = decodeCursor(cursor);
  if (!position) return undefined;
  const seq = Number(position.id);
  if (!Number.isSafeInteger(seq) || seq < 1)
    throw new FaxError('invalid_input', 'That page cursor is not one Faxbot gave out: start again from the first page.', {
      field: 'cursor',
    });
  return seq;
}

export function createAuditOperations(deps: AuditOperationDeps): AuditOperations {
  const { auditLog } = deps;
  const view = (record: AuditRecord, keyNames: ReadonlyMap<string, string>) => ({
    ...record,
    who: describeActor(record.actor, keyNames),
    what: describeAction(record.action),
    detailsText: describeDetails(record),
  });

  return {
    async listAuditLog({ limit, cursor, ...filter }) {
      const page = auditLog.page(queryOf(filter), limit, seqOf(cursor));
      const keyNames = deps.keyNames();
      const last = page.items[page.items.length - 1];
      return {
        items: page.items.map((record) => view(record, keyNames)),
        total: page.total,
        nextCursor: page.nextBeforeSeq === null ? null : encodeCursor({ createdAt: last.at, id: String(page.nextBeforeSeq) }),
      };
    },

    async verifyAuditLog() {
      const verdict = await auditLog.verify();
      if (verdict.ok) {
        const coverage = auditLog.coverage();
        const missing = missingEntriesSentence(coverage);
        if (missing) {
          return {
            ok: false,
            entries: verdict.entries,
            brokenAt: null,
            message: `The audit log is incomplete: its entries are chained intact, but ${missing}. Keep a copy of the data folder and tell whoever looks after this computer.`,
          };
        }
        const legacy = verdict.unchained ? ` (${verdict.unchained} written before chaining, counted but not checked)` : '';
        return {
          ok: true,
          entries: verdict.entries,
          brokenAt: null,
          message: `The audit log is intact: ${verdict.entries} entries, each chained to the one before, none removed from the end${legacy}. ${coveredSentence(coverage)}`,
        };
      }
      return {
        ok: false,
        entries: verdict.entries,
        brokenAt: verdict.brokenAt,
        message: `The audit log was changed outside Faxbot: ${verdict.reason}. Keep a copy of the data folder and tell whoever looks after this computer.`,
      };
    },

    async exportAuditLog(filter) {
      const query = queryOf(filter);
      let entries = 0;
      const counted = (function* () {
        for (const record of auditLog.each(query)) {
          entries++;
          yield record;
        }
      })();
      const csv = auditCsv(counted, deps.keyNames());
      const day = new Date().toISOString().slice(0, 10);
      return { fileName: `faxbot-audit-${day}.csv`, csv, entries };
    },

    async recordInboundFaxUse({ id, use }) {
      if (!deps.inboundFaxExists(id))
        throw new FaxError('not_found', `There is no received fax ${id}. It may have been deleted.`, { field: 'id' });
      auditLog.recordForCaller({ action: use === 'saved' ? 'inbound_saved' : 'inbound_printed', target: id });
      return { ok: true as const };
    },
  };
}
