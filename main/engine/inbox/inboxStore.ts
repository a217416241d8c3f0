// Received faxes. Every provider's inbound path ends here, so a duplicate announcement
// (a webhook retried, a simulator restart) is recognised by (provider, provider fax id), even
// after the fax was deleted for good: its tombstone keeps the pair.
import { randomUUID } from 'node:crypto';
import type { Db } from '../database';
import type { InboundFax } from '../../../shared/model';
import { expiryOf, expirySelect, type ExpiryColumns } from '../retention';

interface InboundRow extends ExpiryColumns {
  id: string;
  from_number: string;
  from_name: string;
  to_number: string;
  pages: number;
  received_at: string;
  read: number;
  provider: string;
  provider_fax_id: string;
  document_id: string;
  deleted_at: string | null;
  contact_name: string | null;
}

export interface InboxQuery {
  search?: string;
  unreadOnly?: boolean;
  /** UTC ISO times (as stored): at or after `from`, before `before`. */
  receivedFrom?: string;
  receivedBefore?: string;
  limit: number;
  cursor?: { createdAt: string; id: string };
}

/** Where a fax stands with respect to deletion. */
export type InboundPresence =
  | { state: 'present'; fax: InboundFax }
  | { state: 'deleted'; fax: InboundFax; deletedAt: string }
  | { state: 'purged'; deletedAt: string; purgedAt: string }
  | { state: 'unknown' };

const LIVE = 'deleted_at IS NULL';
// Every fax read carries whether retention deleted its document (the Inbox marker).
// …and the name of the contact with the sending number (the address book is read at each
// list, so a contact added or renamed later shows at once).
const CONTACT_NAME = `(SELECT CASE WHEN c.name <> '' THEN c.name ELSE c.organization END FROM contacts c
  WHERE c.deleted_at IS NULL AND c.fax IN (inbound_faxes.from_number, '+' || inbound_faxes.from_number)
  ORDER BY c.sort_key, c.id LIMIT 1) AS contact_name`;
const FAX_COLUMNS = `*, ${expirySelect('inbound_faxes')}, ${CONTACT_NAME}`;

export class InboxStore {
  constructor(private readonly db: Db) {}

  /** True for a fax already recorded, in the Inbox, deleted, or deleted for good. */
  has(provider: string, providerFaxId: string): boolean {
    return (
      this.db.prepare('SELECT 1 FROM inbound_faxes WHERE provider = ? AND provider_fax_id = ?').get(provider, providerFaxId) !==
        undefined ||
      this.db.prepare('SELECT 1 FROM inbound_tombstones WHERE provider = ? AND provider_fax_id = ?').get(provider, providerFaxId) !==
        undefined
    );
  }

  /** Inserts a received fax; null if this provider fax was already recorded (or deleted for good). */
  /** Runs `work` as one SQLite transaction: all of it is committed, or none. */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  insert(fax: {
    from: string;
    fromName: string;
    to: string;
    pages: number;
    receivedAt: Date;
    provider: string;
    providerFaxId: string;
    documentId: string;
  }): InboundFax | null {
    const id = randomUUID();
    const result = this.db
      .prepare(
        `INSERT INTO inbound_faxes (id, from_number, from_name, to_number, pages, received_at, read, provider, provider_fax_id, document_id)
         SELECT ?, ?, ?, ?, ?, ?, 0, ?, ?, ?
         WHERE NOT EXISTS (SELECT 1 FROM inbound_tombstones WHERE provider = ? AND provider_fax_id = ?)
         ON CONFLICT (provider, provider_fax_id) DO NOTHING`,
      )
      .run(
        id,
        fax.from,
        fax.fromName,
        fax.to,
        fax.pages,
        fax.receivedAt.toISOString(),
        fax.provider,
        fax.providerFaxId,
        fax.documentId,
        fax.provider,
        fax.providerFaxId,
      );
    return result.changes === 1 ? this.get(id) : null;
  }

  /** A fax in the Inbox; null when unknown or deleted. */
  get(id: string): InboundFax | null {
    const row = this.db.prepare(`SELECT ${FAX_COLUMNS} FROM inbound_faxes WHERE id = ? AND ${LIVE}`).get(id) as InboundRow | undefined;
    return row ? toFax(row) : null;
  }

  presence(id: string): InboundPresence {
    const row = this.db.prepare(`SELECT ${FAX_COLUMNS} FROM inbound_faxes WHERE id = ?`).get(id) as InboundRow | undefined;
    if (row)
      return row.deleted_at ? { state: 'deleted', fax: toFax(row), deletedAt: row.deleted_at } : { state: 'present', fax: toFax(row) };
    const stone = this.db.prepare('SELECT deleted_at, purged_at FROM inbound_tombstones WHERE id = ?').get(id) as
      { deleted_at: string; purged_at: string } | undefined;
    return stone ? { state: 'purged', deletedAt: stone.deleted_at, purgedAt: stone.purged_at } : { state: 'unknown' };
  }

  /** The document of a fax in the Inbox (not of a deleted one). */
  documentIdOf(id: string): string | null {
    const row = this.db.prepare(`SELECT document_id FROM inbound_faxes WHERE id = ? AND ${LIVE}`).get(id) as
      { document_id: string } | undefined;
    return row?.document_id ?? null;
  }

  markRead(id: string, read: boolean): InboundFax | null {
    this.db.prepare(`UPDATE inbound_faxes SET read = ? WHERE id = ? AND ${LIVE}`).run(read ? 1 : 0, id);
    return this.get(id);
  }

  unreadCount(): number {
    return (this.db.prepare(`SELECT COUNT(*) AS n FROM inbound_faxes WHERE read = 0 AND ${LIVE}`).get() as { n: number }).n;
  }

  /** Hides the fax; false when it was not in the Inbox (already deleted, or unknown). */
  softDelete(id: string, at: Date): boolean {
    return this.db.prepare(`UPDATE inbound_faxes SET deleted_at = ? WHERE id = ? AND ${LIVE}`).run(at.toISOString(), id).changes === 1;
  }

  /** Brings back a fax deleted at or after `notBefore`; false when it is not (or no longer) restorable. */
  restore(id: string, notBefore: Date): boolean {
    return (
      this.db.prepare('UPDATE inbound_faxes SET deleted_at = NULL WHERE id = ? AND deleted_at >= ?').run(id, notBefore.toISOString())
        .changes === 1
    );
  }

  /** Deleted faxes whose undo time is over (deleted before `cutoff`), with their documents. */
  deletedBefore(cutoff: Date): { id: string; documentId: string }[] {
    return (
      this.db
        .prepare('SELECT id, document_id FROM inbound_faxes WHERE deleted_at IS NOT NULL AND deleted_at < ?')
        .all(cutoff.toISOString()) as { id: string; document_id: string }[]
    ).map((row) => ({ id: row.id, documentId: row.document_id }));
  }

  /** The earliest deletion still waiting for its undo time to run out. */
  oldestDeletion(): string | null {
    return (this.db.prepare('SELECT MIN(deleted_at) AS at FROM inbound_faxes WHERE deleted_at IS NOT NULL').get() as { at: string | null })
      .at;
  }

  /** Replaces a deleted fax's row by its tombstone. Run inside the transaction that drops its document row. */
  bury(id: string, at: Date): boolean {
    const moved = this.db
      .prepare(
        `INSERT INTO inbound_tombstones (id, provider, provider_fax_id, deleted_at, purged_at)
         SELECT id, provider, provider_fax_id, deleted_at, ? FROM inbound_faxes WHERE id = ? AND deleted_at IS NOT NULL
         ON CONFLICT DO NOTHING`,
      )
      .run(at.toISOString(), id).changes;
    return moved === 1 && this.db.prepare('DELETE FROM inbound_faxes WHERE id = ? AND deleted_at IS NOT NULL').run(id).changes === 1;
  }

  list(query: InboxQuery): { items: InboundFax[]; total: number; next: { createdAt: string; id: string } | null } {
    const where: string[] = [LIVE];
    const params: unknown[] = [];
    if (query.unreadOnly) where.push('read = 0');
    if (query.receivedFrom) {
      where.push('received_at >= ?');
      params.push(query.receivedFrom);
    }
    if (query.receivedBefore) {
      where.push('received_at < ?');
      params.push(query.receivedBefore);
    }
    const search = query.search?.trim();
    if (search) {
      const digits = search.replace(/\D/g, '');
      const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      // The station id the fax sent, or the name of the contact whose number sent it.
      const clauses = [
        "from_name LIKE ? ESCAPE '\\'",
        "from_number IN (SELECT fax FROM contacts WHERE deleted_at IS NULL AND (name LIKE ? ESCAPE '\\' OR organization LIKE ? ESCAPE '\\'))",
      ];
      params.push(pattern, pattern, pattern);
      if (digits.length >= 2) {
        // instr, not LIKE '%…%': a plain substring test, about twice as quick over 100,000 rows.
        clauses.push('instr(from_number, ?) > 0', 'instr(to_number, ?) > 0');
        params.push(digits, digits);
      }
      where.push(`(${clauses.join(' OR ')})`);
    }
    const total = (this.db.prepare(`SELECT COUNT(*) AS n FROM inbound_faxes WHERE ${where.join(' AND ')}`).get(...params) as { n: number })
      .n;
    if (query.cursor) {
      where.push('(received_at, id) < (?, ?)');
      params.push(query.cursor.createdAt, query.cursor.id);
    }
    const rows = this.db
      .prepare(`SELECT ${FAX_COLUMNS} FROM inbound_faxes WHERE ${where.join(' AND ')} ORDER BY received_at DESC, id DESC LIMIT ?`)
      .all(...params, query.limit + 1) as InboundRow[];
    const more = rows.length > query.limit;
    const items = rows.slice(0, query.limit).map(toFax);
    const last = items[items.length - 1];
    return { items, total, next: more && last ? { createdAt: last.receivedAt, id: last.id } : null };
  }
}

function toFax(row: InboundRow): InboundFax {
  return {
    id: row.id,
    from: row.from_number,
    fromName: row.from_name,
    to: row.to_number,
    pages: row.pages,
    receivedAt: row.received_at,
    read: row.read === 1,
    provider: row.provider,
    providerFaxId: row.provider_fax_id,
    ...(row.contact_name ? { contactName: row.contact_name } : {}),
    ...(expiryOf(row) ? { documentExpired: expiryOf(row) } : {}),
  };
}
