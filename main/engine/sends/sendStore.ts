// Sends in SQLite: one row per send (its document, cover text and time); the recipients are
// its jobs (fax_jobs.send_id), counted by jobStore.sendTally.
import type { Db } from '../database';
import type { CoverPageInput } from '../../../shared/model';

export interface SendRow {
  id: string;
  documentId: string;
  /** Pages of the documents, without a cover. */
  contentPages: number;
  fileNames: string[];
  /** The cover page's text; null: no cover page. */
  cover: CoverPageInput | null;
  sendAt: string | null;
  createdAt: string;
  updatedAt: string;
}

interface Row {
  id: string;
  document_id: string;
  content_pages: number;
  file_names: string;
  cover: string | null;
  send_at: string | null;
  created_at: string;
  updated_at: string;
}

const toSend = (row: Row): SendRow => ({
  id: row.id,
  documentId: row.document_id,
  contentPages: row.content_pages,
  fileNames: JSON.parse(row.file_names) as string[],
  cover: row.cover ? (JSON.parse(row.cover) as CoverPageInput) : null,
  sendAt: row.send_at,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export class SendStore {
  constructor(private readonly db: Db) {}

  /** The caller holds the transaction that also writes the send's jobs. */
  insert(send: Omit<SendRow, 'createdAt' | 'updatedAt'>, at = new Date()): void {
    const now = at.toISOString();
    this.db
      .prepare(
        `INSERT INTO fax_sends (id, document_id, content_pages, file_names, cover, send_at, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        send.id,
        send.documentId,
        send.contentPages,
        JSON.stringify(send.fileNames),
        send.cover ? JSON.stringify(send.cover) : null,
        send.sendAt,
        now,
        now,
      );
  }

  get(id: string): SendRow | null {
    const row = this.db.prepare('SELECT * FROM fax_sends WHERE id = ?').get(id) as Row | undefined;
    return row ? toSend(row) : null;
  }

  setSendAt(id: string, sendAt: string | null, at = new Date()): void {
    this.db.prepare('UPDATE fax_sends SET send_at = ?, updated_at = ? WHERE id = ?').run(sendAt, at.toISOString(), id);
  }

  touch(id: string, at = new Date()): void {
    this.db.prepare('UPDATE fax_sends SET updated_at = ? WHERE id = ?').run(at.toISOString(), id);
  }

  /** Newest first, after the cursor's position when given. */
  list(
    limit: number,
    cursor?: { createdAt: string; id: string },
  ): { items: SendRow[]; total: number; next: { createdAt: string; id: string } | null } {
    const total = (this.db.prepare('SELECT COUNT(*) AS n FROM fax_sends').get() as { n: number }).n;
    const rows = (
      cursor
        ? this.db
            .prepare('SELECT * FROM fax_sends WHERE (created_at, id) < (?, ?) ORDER BY created_at DESC, id DESC LIMIT ?')
            .all(cursor.createdAt, cursor.id, limit + 1)
        : this.db.prepare('SELECT * FROM fax_sends ORDER BY created_at DESC, id DESC LIMIT ?').all(limit + 1)
    ) as Row[];
    const items = rows.slice(0, limit).map(toSend);
    const last = items[items.length - 1];
    return { items, total, next: rows.length > limit && last ? { createdAt: last.createdAt, id: last.id } : null };
  }
}
