// Outbound jobs in SQLite. Every status change goes through `transition`, which refuses an
// illegal move in the same statement that makes it, so two writers (a late provider event
// and a cancel, say) can never both win, and a finished job is never reopened.
import type { Db } from '../database';
import type { FaxErrorInfo } from '../../../shared/errors';
import { canTransition, type JobStatus } from '../../../shared/jobState';
import type { FaxJob, RecentRecipient } from '../../../shared/model';
import { listRecentRecipients, type RecentRecipientQuery } from './recentRecipients';
import { expiryOf, expirySelect, type ExpiryColumns } from '../retention';

interface JobRow extends ExpiryColumns {
  id: string;
  to_number: string;
  recipient_name: string;
  document_id: string;
  pages: number;
  file_names: string;
  cover_page: number;
  status: JobStatus;
  provider: string;
  provider_fax_id: string | null;
  attempts: number;
  max_attempts: number;
  next_attempt_at: string | null;
  pages_sent: number | null;
  last_error: string | null;
  resent_from: string | null;
  created_at: string;
  updated_at: string;
  completed_at: string | null;
}

interface AttemptRow {
  job_id: string;
  number: number;
  idempotency_key: string;
  provider: string;
  provider_fax_id: string | null;
  started_at: string;
  ended_at: string | null;
  outcome: 'sending' | 'delivered' | 'retry' | 'failed' | 'unknown';
  error: string | null;
}

export interface NewJob {
  id: string;
  to: string;
  recipientName: string;
  documentId: string;
  pages: number;
  fileNames: string[];
  coverPage: boolean;
  provider: string;
  maxAttempts: number;
  resentFrom?: string;
}

export interface TransitionChanges {
  nextAttemptAt?: string | null;
  lastError?: FaxErrorInfo | null;
  pagesSent?: number | null;
  providerFaxId?: string | null;
  attempts?: number;
}

export interface JobListQuery {
  search?: string;
  statuses?: JobStatus[];
  limit: number;
  cursor?: { createdAt: string; id: string };
}

const now = () => new Date().toISOString();
// Every job read carries whether retention deleted its document (the Outbox marker).
const JOB_COLUMNS = `*, ${expirySelect('fax_jobs')}`;

export class JobStore {
  constructor(private readonly db: Db) {}

  /** Runs `work` as one SQLite transaction: all of it is committed, or none. */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  insert(job: NewJob): void {
    const at = now();
    this.db
      .prepare(
        `INSERT INTO fax_jobs (id, to_number, recipient_name, document_id, pages, file_names, cover_page, status, provider,
           attempts, max_attempts, resent_from, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'queued', ?, 0, ?, ?, ?, ?)`,
      )
      .run(
        job.id,
        job.to,
        job.recipientName,
        job.documentId,
        job.pages,
        JSON.stringify(job.fileNames),
        job.coverPage ? 1 : 0,
        job.provider,
        job.maxAttempts,
        job.resentFrom ?? null,
        at,
        at,
      );
  }

  /** Moves a job from one of `from` to `to`; false (and nothing changed) if it was not in `from` or the move is illegal. */
  transition(id: string, from: JobStatus[], to: JobStatus, changes: TransitionChanges = {}): boolean {
    const legal = from.filter((status) => canTransition(status, to));
    if (legal.length === 0) return false;
    const sets = ['status = @to', 'updated_at = @at'];
    const at = now();
    const params: Record<string, unknown> = { id, to, at };
    if (to === 'delivered' || to === 'failed' || to === 'canceled') sets.push('completed_at = @at');
    const columns: [keyof TransitionChanges, string, (v: unknown) => unknown][] = [
      ['nextAttemptAt', 'next_attempt_at', (v) => v],
      ['lastError', 'last_error', (v) => (v ? JSON.stringify(v) : null)],
      ['pagesSent', 'pages_sent', (v) => v],
      ['providerFaxId', 'provider_fax_id', (v) => v],
      ['attempts', 'attempts', (v) => v],
    ];
    for (const [key, column, encode] of columns) {
      if (!(key in changes)) continue;
      sets.push(`${column} = @${key}`);
      params[key] = encode(changes[key]);
    }
    const placeholders = legal.map((_, i) => `@from${i}`);
    legal.forEach((status, i) => (params[`from${i}`] = status));
    const result = this.db
      .prepare(`UPDATE fax_jobs SET ${sets.join(', ')} WHERE id = @id AND status IN (${placeholders.join(', ')})`)
      .run(params);
    return result.changes === 1;
  }

  /** Progress within `sending` (pages sent so far); never touches a finished job. */
  updateProgress(id: string, pagesSent: number): boolean {
    return (
      this.db
        .prepare(`UPDATE fax_jobs SET pages_sent = ?, updated_at = ? WHERE id = ? AND status = 'sending' AND COALESCE(pages_sent, -1) < ?`)
        .run(pagesSent, now(), id, pagesSent).changes === 1
    );
  }

  setProviderFaxId(jobId: string, attemptNumber: number, providerFaxId: string): void {
    this.db.transaction(() => {
      this.db.prepare(`UPDATE fax_jobs SET provider_fax_id = ?, updated_at = ? WHERE id = ?`).run(providerFaxId, now(), jobId);
      this.db
        .prepare(`UPDATE fax_attempts SET provider_fax_id = ? WHERE job_id = ? AND number = ?`)
        .run(providerFaxId, jobId, attemptNumber);
    })();
  }

  startAttempt(jobId: string, number: number, idempotencyKey: string, provider: string): void {
    this.db
      .prepare(
        `INSERT INTO fax_attempts (job_id, number, idempotency_key, provider, started_at, outcome) VALUES (?, ?, ?, ?, ?, 'sending')`,
      )
      .run(jobId, number, idempotencyKey, provider, now());
  }

  endAttempt(jobId: string, number: number, outcome: AttemptRow['outcome'], error: FaxErrorInfo | null): void {
    this.db
      .prepare(`UPDATE fax_attempts SET outcome = ?, error = ?, ended_at = ? WHERE job_id = ? AND number = ? AND outcome = 'sending'`)
      .run(outcome, error ? JSON.stringify(error) : null, now(), jobId, number);
  }

  /** The job's latest attempt, with the provider it was handed to (status, reconcile and callbacks go there). */
  currentAttempt(jobId: string): { number: number; idempotencyKey: string; providerFaxId: string | null; provider: string } | null {
    const row = this.db.prepare(`SELECT * FROM fax_attempts WHERE job_id = ? ORDER BY number DESC LIMIT 1`).get(jobId) as
      AttemptRow | undefined;
    return row
      ? { number: row.number, idempotencyKey: row.idempotency_key, providerFaxId: row.provider_fax_id, provider: row.provider }
      : null;
  }

  /** Providers that still have an attempt under way: a swapped-out provider keeps running until none is left. */
  providersInFlight(): string[] {
    const rows = this.db.prepare(`SELECT DISTINCT provider FROM fax_attempts WHERE outcome = 'sending'`).all() as { provider: string }[];
    return rows.map((row) => row.provider);
  }

  /** Whether any fax was ever handed to this provider (the first cloud send is warned about). */
  everSentWith(provider: string): boolean {
    return this.db.prepare(`SELECT 1 FROM fax_attempts WHERE provider = ? LIMIT 1`).get(provider) !== undefined;
  }

  /** The attempt the provider knows by this fax id (recorded when it accepted the attempt). */
  findByProviderFaxId(provider: string, providerFaxId: string): { jobId: string; number: number } | null {
    const row = this.db
      .prepare(`SELECT job_id, number FROM fax_attempts WHERE provider = ? AND provider_fax_id = ?`)
      .get(provider, providerFaxId) as { job_id: string; number: number } | undefined;
    return row ? { jobId: row.job_id, number: row.number } : null;
  }

  /** One attempt of a job, with the provider fax id recorded for it (null until the provider accepted it). */
  attempt(jobId: string, number: number): { providerFaxId: string | null; provider: string } | null {
    const row = this.db.prepare('SELECT provider_fax_id, provider FROM fax_attempts WHERE job_id = ? AND number = ?').get(jobId, number) as
      { provider_fax_id: string | null; provider: string } | undefined;
    return row ? { providerFaxId: row.provider_fax_id, provider: row.provider } : null;
  }

  findByIdempotencyKey(key: string): { jobId: string; number: number } | null {
    const row = this.db.prepare(`SELECT job_id, number FROM fax_attempts WHERE idempotency_key = ?`).get(key) as
      { job_id: string; number: number } | undefined;
    return row ? { jobId: row.job_id, number: row.number } : null;
  }

  get(id: string): FaxJob | null {
    const row = this.db.prepare(`SELECT ${JOB_COLUMNS} FROM fax_jobs WHERE id = ?`).get(id) as JobRow | undefined;
    return row ? this.toJob(row, true) : null;
  }

  documentIdOf(id: string): string | null {
    const row = this.db.prepare('SELECT document_id FROM fax_jobs WHERE id = ?').get(id) as { document_id: string } | undefined;
    return row?.document_id ?? null;
  }

  /** Queued jobs whose time has come, oldest first. */
  due(limit: number, at = now()): string[] {
    const rows = this.db
      .prepare(
        `SELECT id FROM fax_jobs WHERE status = 'queued' AND (next_attempt_at IS NULL OR next_attempt_at <= ?) ORDER BY created_at, id LIMIT ?`,
      )
      .all(at, limit) as { id: string }[];
    return rows.map((r) => r.id);
  }

  nextDueTime(): string | null {
    const row = this.db
      .prepare(`SELECT MIN(next_attempt_at) AS t FROM fax_jobs WHERE status = 'queued' AND next_attempt_at IS NOT NULL`)
      .get() as { t: string | null };
    return row.t;
  }

  inStatus(statuses: JobStatus[]): string[] {
    const rows = this.db
      .prepare(`SELECT id FROM fax_jobs WHERE status IN (${statuses.map(() => '?').join(',')}) ORDER BY created_at`)
      .all(...statuses) as { id: string }[];
    return rows.map((r) => r.id);
  }

  countActive(): number {
    return (this.db.prepare(`SELECT COUNT(*) AS n FROM fax_jobs WHERE status IN ('queued','preparing','sending')`).get() as { n: number })
      .n;
  }

  recentRecipients(query: RecentRecipientQuery): RecentRecipient[] {
    return listRecentRecipients(this.db, query);
  }

  list(query: JobListQuery): { items: FaxJob[]; total: number; next: { createdAt: string; id: string } | null } {
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.statuses?.length) {
      where.push(`status IN (${query.statuses.map(() => '?').join(',')})`);
      params.push(...query.statuses);
    }
    const search = query.search?.trim();
    if (search) {
      const digits = search.replace(/\D/g, '');
      const clauses = ["recipient_name LIKE ? ESCAPE '\\'"];
      params.push(`%${escapeLike(search)}%`);
      if (digits.length >= 2) {
        clauses.push('to_number LIKE ?');
        params.push(`%${digits}%`);
      }
      where.push(`(${clauses.join(' OR ')})`);
    }
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = (this.db.prepare(`SELECT COUNT(*) AS n FROM fax_jobs ${filter}`).get(...params) as { n: number }).n;
    const pageWhere = [...where];
    const pageParams = [...params];
    if (query.cursor) {
      pageWhere.push('(created_at, id) < (?, ?)');
      pageParams.push(query.cursor.createdAt, query.cursor.id);
    }
    const rows = this.db
      .prepare(
        `SELECT ${JOB_COLUMNS} FROM fax_jobs ${pageWhere.length ? `WHERE ${pageWhere.join(' AND ')}` : ''} ORDER BY created_at DESC, id DESC LIMIT ?`,
      )
      .all(...pageParams, query.limit + 1) as JobRow[];
    const more = rows.length > query.limit;
    const items = rows.slice(0, query.limit).map((row) => this.toJob(row, false));
    const last = items[items.length - 1];
    return { items, total, next: more && last ? { createdAt: last.createdAt, id: last.id } : null };
  }

  private toJob(row: JobRow, withHistory: boolean): FaxJob {
    const history = withHistory
      ? (this.db.prepare('SELECT * FROM fax_attempts WHERE job_id = ? ORDER BY number').all(row.id) as AttemptRow[]).map((a) => ({
          number: a.number,
          startedAt: a.started_at,
          endedAt: a.ended_at,
          outcome: a.outcome,
          error: a.error ? (JSON.parse(a.error) as FaxErrorInfo) : null,
        }))
      : [];
    return {
      id: row.id,
      to: row.to_number,
      recipientName: row.recipient_name,
      pages: row.pages,
      status: row.status,
      pagesSent: row.pages_sent,
      attempts: row.attempts,
      maxAttempts: row.max_attempts,
      nextAttemptAt: row.next_attempt_at,
      lastError: row.last_error ? (JSON.parse(row.last_error) as FaxErrorInfo) : null,
      provider: row.provider,
      providerFaxId: row.provider_fax_id,
      fileNames: JSON.parse(row.file_names) as string[],
      coverPage: row.cover_page === 1,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      completedAt: row.completed_at,
      history,
      ...(expiryOf(row) ? { documentExpired: expiryOf(row) } : {}),
    };
  }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
