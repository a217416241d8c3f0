// A fax a provider delivered becomes an Inbox row: its document stored (sealed), then the row
// and its fax_received audit entry in one transaction, so a kill leaves both or neither.
import type { InboundFax } from '../../../shared/model';
import type { AuditLog } from '../audit';
import type { DocumentCatalog } from '../documents';
import { faultPoint } from '../faults';
import type { Logger } from '../log';
import type { ReceivedFax } from '../providers';
import type { InboxStore } from './inboxStore';

export interface FaxReceiverDeps {
  inbox: InboxStore;
  documents: DocumentCatalog;
  /** Runs its function in one SQLite transaction (the engine's one database). */
  transaction: <T>(work: () => T) => T;
  auditLog: AuditLog;
  logger: Logger;
  onReceived: (fax: InboundFax) => void;
}

/** Records each received fax once per provider fax id; a repeat is ignored. */
export function createFaxReceiver(deps: FaxReceiverDeps): (fax: ReceivedFax, providerId: string) => Promise<void> {
  const { inbox, documents, auditLog } = deps;
  return async (fax, providerId) => {
    if (inbox.has(providerId, fax.providerFaxId)) return;
    const pages = fax.pages ?? (await (await import('../imaging')).countPdfPages(fax.pdf));
    const doc = await documents.add({ kind: 'pdf', fileName: `fax-${fax.providerFaxId}.pdf`, pages, pdf: fax.pdf, staged: false });
    const stored = deps.transaction(() => {
      const row = inbox.insert({
        from: fax.from,
        fromName: fax.fromName ?? '',
        to: fax.to,
        pages,
        receivedAt: fax.receivedAt,
        provider: providerId,
        providerFaxId: fax.providerFaxId,
        documentId: doc.id,
      });
      if (row)
        auditLog.appendInTransaction({ actor: providerId, action: 'fax_received', target: row.id, details: { from: fax.from, pages } });
      return row;
    });
    if (!stored) return; // recorded meanwhile: the sweep removes the spare document
    faultPoint('fax-received-committed');
    deps.logger.info('fax received', { from: fax.from, pages });
    deps.onReceived(stored);
  };
}
