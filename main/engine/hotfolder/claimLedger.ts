// The record of every file claimed from the watched folder: one row per file, written as
// 'claiming' before the file is renamed into processing/, so a crash between the two is seen.
//
// claiming → claimed → (asking →) ready → staged | queued → sent | failed
//   claimed: in processing/, not yet checked; asking: printed twice, waiting for a person;
//   ready: checked and staged as a document, waiting for its gathering window to close;
//   staged: on the Send screen for a person to address; queued: in a fax job.
import { randomUUID } from 'node:crypto';
import { extname } from 'node:path';
import type { Db } from '../database';
import type { NumberFrom } from './recipient';

export type FileState = 'claiming' | 'claimed' | 'asking' | 'ready' | 'staged' | 'queued' | 'sent' | 'failed';

export interface ClaimedFile {
  id: string;
  originalName: string;
  processingName: string;
  sha256: string;
  bytes: number;
  state: FileState;
  autoSend: boolean;
  batchId: string | null;
  to: string | null;
  numberFrom: NumberFrom | null;
  documentId: string | null;
  kind: string | null;
  pages: number | null;
  jobId: string | null;
  finalName: string | null;
  reason: string | null;
  duplicateOf: string | null;
  claimedAt: string;
  updatedAt: string;
}

interface Row {
  id: string;
  original_name: string;
  processing_name: string;
  sha256: string;
  bytes: number;
  state: FileState;
  auto_send: number;
  batch_id: string | null;
  to_number: string | null;
  number_from: NumberFrom | null;
  document_id: string | null;
  kind: string | null;
  pages: number | null;
  job_id: string | null;
  final_name: string | null;
  reason: string | null;
  duplicate_of: string | null;
  claimed_at: string;
  updated_at: string;
}

const OPEN = "state NOT IN ('sent','failed')";

function toFile(row: Row): ClaimedFile {
  return {
    id: row.id,
    originalName: row.original_name,
    processingName: row.processing_name,
    sha256: row.sha256,
    bytes: row.bytes,
    state: row.state,
    autoSend: row.auto_send === 1,
    batchId: row.batch_id,
    to: row.to_number,
    numberFrom: row.number_from,
    documentId: row.document_id,
    kind: row.kind,
    pages: row.pages,
    jobId: row.job_id,
    finalName: row.final_name,
    reason: row.reason,
    duplicateOf: row.duplicate_of,
    claimedAt: row.claimed_at,
    updatedAt: row.updated_at,
  };
}

export class ClaimLedger {
  constructor(private readonly db: Db) {}

  /** The row that comes before the rename; the processing name is unique, so two claims never share a file. */
  beginClaim(originalName: string, sha256: string, bytes: number): ClaimedFile {
    const id = randomUUID();
    const now = new Date().toISOString();
    // Short and unique whatever the printed name was: a 255-byte name plus a prefix would not fit.
    const processingName = `${id}${extname(originalName).slice(0, 16)}`;
    this.db
      .prepare(
        "INSERT INTO hot_folder_files (id, original_name, processing_name, sha256, bytes, state, claimed_at, updated_at) VALUES (?, ?, ?, ?, ?, 'claiming', ?, ?)",
      )
      .run(id, originalName, processingName, sha256, bytes, now, now);
    return this.get(id)!;
  }

  /** A file found in processing/ with no row (copied there by hand, or an older crash): claimed as it is. */
  adopt(processingName: string, sha256: string, bytes: number): ClaimedFile {
    const id = randomUUID();
    const now = new Date().toISOString();
    const originalName = processingName;
    this.db
      .prepare(
        "INSERT INTO hot_folder_files (id, original_name, processing_name, sha256, bytes, state, claimed_at, updated_at) VALUES (?, ?, ?, ?, ?, 'claimed', ?, ?)",
      )
      .run(id, originalName, processingName, sha256, bytes, now, now);
    return this.get(id)!;
  }

  get(id: string): ClaimedFile | null {
    const row = this.db.prepare('SELECT * FROM hot_folder_files WHERE id = ?').get(id) as Row | undefined;
    return row ? toFile(row) : null;
  }

  byProcessingName(name: string): ClaimedFile | null {
    const row = this.db.prepare('SELECT * FROM hot_folder_files WHERE processing_name = ?').get(name) as Row | undefined;
    return row ? toFile(row) : null;
  }

  /** The file that left for `sent/<name>` or `failed/<name>` (the newest, when a name was used again). */
  byFinalName(finalName: string): ClaimedFile | null {
    const row = this.db.prepare('SELECT * FROM hot_folder_files WHERE final_name = ? ORDER BY updated_at DESC LIMIT 1').get(finalName) as
      Row | undefined;
    return row ? toFile(row) : null;
  }

  inState(...states: FileState[]): ClaimedFile[] {
    const rows = this.db
      .prepare(`SELECT * FROM hot_folder_files WHERE state IN (${states.map(() => '?').join(',')}) ORDER BY claimed_at, rowid`)
      .all(...states) as Row[];
    return rows.map(toFile);
  }

  openCount(): number {
    return (this.db.prepare(`SELECT COUNT(*) AS n FROM hot_folder_files WHERE ${OPEN}`).get() as { n: number }).n;
  }

  /** An earlier claim of the same bytes that is still going, or finished recently; failed copies do not count. */
  earlierCopy(file: ClaimedFile, since: string): ClaimedFile | null {
    const row = this.db
      .prepare(
        `SELECT * FROM hot_folder_files WHERE sha256 = ? AND id <> ? AND rowid < (SELECT rowid FROM hot_folder_files WHERE id = ?)
           AND state NOT IN ('failed','claiming') AND (state <> 'sent' OR updated_at >= ?) ORDER BY rowid DESC LIMIT 1`,
      )
      .get(file.sha256, file.id, file.id, since) as Row | undefined;
    return row ? toFile(row) : null;
  }

  set(
    id: string,
    changes: Partial<
      Pick<
        ClaimedFile,
        | 'state'
        | 'sha256'
        | 'bytes'
        | 'autoSend'
        | 'batchId'
        | 'to'
        | 'numberFrom'
        | 'documentId'
        | 'kind'
        | 'pages'
        | 'jobId'
        | 'finalName'
        | 'reason'
        | 'duplicateOf'
      >
    >,
  ): void {
    const columns: Record<string, string> = {
      state: 'state',
      sha256: 'sha256',
      bytes: 'bytes',
      autoSend: 'auto_send',
      batchId: 'batch_id',
      to: 'to_number',
      numberFrom: 'number_from',
      documentId: 'document_id',
      kind: 'kind',
      pages: 'pages',
      jobId: 'job_id',
      finalName: 'final_name',
      reason: 'reason',
      duplicateOf: 'duplicate_of',
    };
    const entries = Object.entries(changes).filter(([, v]) => v !== undefined);
    const values = entries.map(([k, v]) => (k === 'autoSend' ? (v ? 1 : 0) : v));
    this.db
      .prepare(`UPDATE hot_folder_files SET ${entries.map(([k]) => `${columns[k]} = ?`).join(', ')}, updated_at = ? WHERE id = ?`)
      .run(...(values as (string | number | null)[]), new Date().toISOString(), id);
  }

  forget(id: string): void {
    this.db.prepare("DELETE FROM hot_folder_files WHERE id = ? AND state = 'claiming'").run(id);
  }

  /** A staged document was rewritten under a new id (Send's page view): the files waiting on it follow. */
  relinkDocument(from: string, to: string): number {
    return this.db
      .prepare(`UPDATE hot_folder_files SET document_id = ?, updated_at = ? WHERE document_id = ? AND state IN ('ready','staged')`)
      .run(to, new Date().toISOString(), from).changes;
  }

  /** Called inside the transaction that inserts a fax job: the printed files of its documents are now that job's. */
  linkJob(jobId: string, documentIds: readonly string[]): number {
    if (documentIds.length === 0) return 0;
    return this.db
      .prepare(
        `UPDATE hot_folder_files SET state = 'queued', job_id = ?, updated_at = ? WHERE document_id IN (${documentIds.map(() => '?').join(',')}) AND state IN ('ready','staged')`,
      )
      .run(jobId, new Date().toISOString(), ...documentIds).changes;
  }

  byJob(jobId: string): ClaimedFile[] {
    return (this.db.prepare("SELECT * FROM hot_folder_files WHERE job_id = ? AND state = 'queued'").all(jobId) as Row[]).map(toFile);
  }
}
