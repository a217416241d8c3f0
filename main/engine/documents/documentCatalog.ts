// Which documents the engine keeps, and what each is: staged files waiting on the Send
// screen, the merged PDF of each job, received faxes. Bytes live in the DocumentStore; the
// row is written after the bytes, so a row always points at a whole document.
import { createHash, randomUUID } from 'node:crypto';
import type { Db } from '../database';
import { FaxError } from '../../../shared/errors';
import type { Readable } from 'node:stream';
import type { DocumentStore } from '../storage';

export interface DocumentRecord {
  id: string;
  kind: string;
  fileName: string;
  pages: number;
  bytes: number;
  staged: boolean;
  createdAt: string;
}

interface DocumentRow {
  id: string;
  kind: string;
  file_name: string;
  pages: number;
  bytes: number;
  sha256: string;
  staged: number;
  created_at: string;
}

const STAGED_LIFETIME_MS = 24 * 60 * 60 * 1000;

export class DocumentCatalog {
  constructor(
    private readonly db: Db,
    private readonly store: DocumentStore,
  ) {}

  /** Stores the bytes, then the row. `staged` documents are drafts on the Send screen. */
  async add(doc: { kind: string; fileName: string; pages: number; pdf: Uint8Array; staged: boolean }): Promise<DocumentRecord> {
    const id = randomUUID();
    await this.store.put(id, doc.pdf);
    const record: DocumentRecord = {
      id,
      kind: doc.kind,
      fileName: doc.fileName,
      pages: doc.pages,
      bytes: doc.pdf.byteLength,
      staged: doc.staged,
      createdAt: new Date().toISOString(),
    };
    this.db
      .prepare('INSERT INTO documents (id, kind, file_name, pages, bytes, sha256, staged, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(
        id,
        record.kind,
        record.fileName,
        record.pages,
        record.bytes,
        createHash('sha256').update(doc.pdf).digest('hex'),
        doc.staged ? 1 : 0,
        record.createdAt,
      );
    return record;
  }

  get(id: string): DocumentRecord | null {
    const row = this.db.prepare('SELECT * FROM documents WHERE id = ?').get(id) as DocumentRow | undefined;
    return row ? toRecord(row) : null;
  }

  /** A staged document, or an error the Send screen can show. */
  staged(id: string): DocumentRecord {
    const record = this.get(id);
    if (!record || !record.staged) {
      throw new FaxError('not_found', 'That document is no longer on the Send screen (it was sent or removed). Add the file again.', {
        field: 'documentIds',
      });
    }
    return record;
  }

  async bytes(id: string): Promise<Uint8Array> {
    return this.store.get(id);
  }

  /** The document as a stream, for serving large files in bounded memory. */
  async stream(id: string): Promise<Readable> {
    return this.store.getStream(id);
  }

  async discard(id: string): Promise<void> {
    const record = this.get(id);
    if (!record?.staged) return;
    this.db.prepare('DELETE FROM documents WHERE id = ? AND staged = 1').run(id);
    await this.store.delete(id);
  }

  /**
   * Deletes a kept document for good: the bytes first, then (in one transaction with
   * `releaseReferences`, which drops the rows pointing at it) the row. A crash between the
   * two leaves the row, and the next purge simply runs again.
   */
  async purge(id: string, releaseReferences: () => void): Promise<void> {
    await this.store.delete(id);
    this.db.transaction(() => {
      releaseReferences();
      this.db.prepare('DELETE FROM documents WHERE id = ?').run(id);
    })();
  }

  /** Removes what nothing points at any more: used staged drafts, old drafts, crash leftovers. */
  async sweep(): Promise<number> {
    const cutoff = new Date(Date.now() - STAGED_LIFETIME_MS).toISOString();
    const orphans = this.db
      .prepare(
        `SELECT id FROM documents d WHERE (d.staged = 1 AND d.created_at < ?)
           OR (d.staged = 0 AND NOT EXISTS (SELECT 1 FROM fax_jobs j WHERE j.document_id = d.id)
                            AND NOT EXISTS (SELECT 1 FROM inbound_faxes i WHERE i.document_id = d.id)
                            AND NOT EXISTS (SELECT 1 FROM fax_sends s WHERE s.document_id = d.id))`,
      )
      .all(cutoff) as { id: string }[];
    for (const { id } of orphans) {
      this.db.prepare('DELETE FROM documents WHERE id = ?').run(id);
      await this.store.delete(id);
    }
    this.store.sweepTemporaryFiles?.();
    await this.store.encryptLegacyDocuments?.();
    return orphans.length;
  }
}

function toRecord(row: DocumentRow): DocumentRecord {
  return {
    id: row.id,
    kind: row.kind,
    fileName: row.file_name,
    pages: row.pages,
    bytes: row.bytes,
    staged: row.staged === 1,
    createdAt: row.created_at,
  };
}
