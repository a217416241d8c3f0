// Received faxes. Every provider's inbound path ends here, so a duplicate announcement
// (a webhook retried, a simulator restart) is recognised by (provider, provider fax id).
import { randomUUID } from 'node:crypto';
import type { Db } from '../database';
import type { InboundFax } from '../../../shared/model';

interface InboundRow {
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
}

export interface InboxQuery {
  search?: string;
  unreadOnly?: boolean;
  limit: number;
  cursor?: { createdAt: string; id: string };
}

export class InboxStore {
  constructor(private readonly db: Db) {}

  has(provider: string, providerFaxId: string): boolean {
    return this.db.prepare('SELECT 1 FROM inbound_faxes WHERE provider = ? AND provider_fax_id = ?').get(provider, providerFaxId) !== undefined;
  }

  /** Inserts a received fax; null if this provider fax was already recorded. */
  insert(fax: { from: string; fromName: string; to: string; pages: number; receivedAt: Date; provider: string; providerFaxId: string; documentId: string }): InboundFax | null {
    const id = randomUUID();
    const result = this.db
      .prepare(
        `INSERT INTO inbound_faxes (id, from_number, from_name, to_number, pages, received_at, read, provider, provider_fax_id, document_id)
         VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?) ON CONFLICT (provider, provider_fax_id) DO NOTHING`,
      )
      .run(id, fax.from, fax.fromName, fax.to, fax.pages, fax.receivedAt.toISOString(), fax.provider, fax.providerFaxId, fax.documentId);
    return result.changes === 1 ? this.get(id) : null;
  }

  get(id: string): InboundFax | null {
    const row = this.db.prepare('SELECT * FROM inbound_faxes WHERE id = ?').get(id) as InboundRow | undefined;
    return row ? toFax(row) : null;
  }

  documentIdOf(id: string): string | null {
    const row = this.db.prepare('SELECT document_id FROM inbound_faxes WHERE id = ?').get(id) as { document_id: string } | undefined;
    return row?.document_id ?? null;
  }

  markRead(id: string, read: boolean): InboundFax | null {
    this.db.prepare('UPDATE inbound_faxes SET read = ? WHERE id = ?').run(read ? 1 : 0, id);
    return this.get(id);
  }

  unreadCount(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM inbound_faxes WHERE read = 0').get() as { n: number }).n;
  }

  list(query: InboxQuery): { items: InboundFax[]; total: number; next: { createdAt: string; id: string } | null } {
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.unreadOnly) where.push('read = 0');
    const search = query.search?.trim();
    if (search) {
      const digits = search.replace(/\D/g, '');
      const clauses = ["from_name LIKE ? ESCAPE '\\'"];
      params.push(`%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      if (digits.length >= 2) {
        clauses.push('from_number LIKE ?', 'to_number LIKE ?');
        params.push(`%${digits}%`, `%${digits}%`);
      }
      where.push(`(${clauses.join(' OR ')})`);
    }
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = (this.db.prepare(`SELECT COUNT(*) AS n FROM inbound_faxes ${filter}`).get(...params) as { n: number }).n;
    if (query.cursor) {
      where.push('(received_at, id) < (?, ?)');
      params.push(query.cursor.createdAt, query.cursor.id);
    }
    const rows = this.db
      .prepare(`SELECT * FROM inbound_faxes ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY received_at DESC, id DESC LIMIT ?`)
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
  };
}
