// Outbound jobs in SQLite. Every status change goes through `transition`, which refuses an
// illegal move in the same statement that makes it, so two writers (a late provider event
// and a cancel, say) can never both win, and a finished job is never reopened.
import type { Db } from '../database';
import type { FaxErrorInfo } from '../../../shared/errors';
import { canTransition, type JobStatus } from '../../../shared/jobState';
import type { CoverPageInput, FaxJob, RecentRecipient } from '../../../shared/model';
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
  send_id: string | null;
  send_at: string | null;
  windowed: number;
  window_hold: number;
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
  /** The send this job is one recipient of. */
  sendId?: string;
  /** Send later: the job waits until then (next_attempt_at starts there). */
  sendAt?: string | null;
  /** A broadcast's job: starts only inside the sending window. */
  windowed?: boolean;
  /** A fax on its own: its cover page's text (its pages already hold the cover), for Edit and resend. */
  cover?: CoverPageInput | null;
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
  /** Leave out the jobs of sends (the Outbox shows each send as one row). */
  ungrouped?: boolean;
  limit: number;
  cursor?: { createdAt: string; id: string };
}

const now = () => new Date().toISOString();
// A job of a send that was sent again (resend to the failed ones) is replaced by the new one.
const LATEST = `NOT EXISTS (SELECT 1 FROM fax_jobs r WHERE r.resent_from = fax_jobs.id AND r.send_id = fax_jobs.send_id)`;

/** Where a send's recipients stand (jobStore.sendTally). */
export interface SendTally {
  recipients: number;
  delivered: number;
  failed: number;
  canceled: number;
  retrying: number;
  sending: number;
  waiting: number;
  next_at: string | null;
  held: number;
  first: { name: string; to: string } | null;
}
// Every job read carries whether retention deleted its document (the Outbox marker).
const JOB_COLUMNS = `*, ${expirySelect('fax_jobs')}`;

export class JobStore {
  constructor(private readonly db: Db) {}

  /** Runs `work` as one SQLite transaction: all of it is committed, or none. */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  insert(job: NewJob): void {
    this.insertMany([job]);
  }

  /** Inserts jobs with one prepared statement (a send's fan-out); the caller holds the transaction. */
  insertMany(jobs: readonly NewJob[]): void {
    const at = now();
    const statement = this.db.prepare(
      `INSERT INTO fax_jobs (id, to_number, recipient_name, document_id, pages, file_names, cover_page, status, provider,
         attempts, max_attempts, resent_from, send_id, send_at, next_attempt_at, windowed, created_at, updated_at, cover)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'queued', ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const job of jobs)
      statement.run(
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
        job.sendId ?? null,
        job.sendAt ?? null,
        job.sendAt ?? null,
        job.windowed ? 1 : 0,
        at,
        at,
        job.cover ? JSON.stringify(job.cover) : null,
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
    // A time set by a move (a retry's) is the queue's own, not a hold for the sending window.
    if ('nextAttemptAt' in changes) sets.push('window_hold = 0');
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

  /** How the newest finished attempt handed to this provider ended (read from the end of the table: cheap). */
  lastEndedAttempt(provider: string): { outcome: AttemptRow['outcome']; error: FaxErrorInfo | null } | null {
    const row = this.db
      .prepare(`SELECT outcome, error FROM fax_attempts WHERE provider = ? AND outcome != 'sending' ORDER BY rowid DESC LIMIT 1`)
      .get(provider) as { outcome: AttemptRow['outcome']; error: string | null } | undefined;
    return row ? { outcome: row.outcome, error: row.error ? (JSON.parse(row.error) as FaxErrorInfo) : null } : null;
  }

  /** The cover page text a fax on its own was sent with; null when it had none (or was sent before it was kept). */
  coverOf(id: string): CoverPageInput | null {
    const row = this.db.prepare('SELECT cover FROM fax_jobs WHERE id = ?').get(id) as { cover: string | null } | undefined;
    return row?.cover ? (JSON.parse(row.cover) as CoverPageInput) : null;
  }

  documentIdOf(id: string): string | null {
    const row = this.db.prepare('SELECT document_id FROM fax_jobs WHERE id = ?').get(id) as { document_id: string } | undefined;
    return row?.document_id ?? null;
  }

  /** Queued jobs whose time has come (at `at`, the engine's clock), oldest first (a send's in the order of its recipients). */
  due(limit: number, at: string): string[] {
    const rows = this.db
      .prepare(
        `SELECT id FROM fax_jobs WHERE status = 'queued' AND (next_attempt_at IS NULL OR next_attempt_at <= ?) ORDER BY created_at, rowid LIMIT ?`,
      )
      .all(at, limit) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** The next moment a queued job becomes due after `after` (jobs already due wait only for a free line). */
  nextDueTime(after: string): string | null {
    const row = this.db
      .prepare(`SELECT MIN(next_attempt_at) AS t FROM fax_jobs WHERE status = 'queued' AND next_attempt_at > ?`)
      .get(after) as { t: string | null };
    return row.t;
  }

  /**
   * Outside the sending window: queued jobs that must wait for it (a broadcast's, or a retry)
   * and whose time has come are held until `opening`. Answers the jobs held.
   */
  holdForWindow(opening: string, at: string): string[] {
    const rows = this.db
      .prepare(
        `UPDATE fax_jobs SET next_attempt_at = ?, window_hold = 1, updated_at = ?
         WHERE status = 'queued' AND (windowed = 1 OR attempts > 0) AND (next_attempt_at IS NULL OR next_attempt_at <= ?)
         RETURNING id`,
      )
      .all(opening, now(), at) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /**
   * Lets go of the holds (the window opened early, by a clock set back or a changed setting):
   * the held jobs are due at once and are held again if the window is still closed.
   */
  releaseWindowHolds(before?: string): string[] {
    const rows = this.db
      .prepare(
        `UPDATE fax_jobs SET next_attempt_at = NULL, window_hold = 0, updated_at = ?
         WHERE window_hold = 1 AND status = 'queued' ${before ? 'AND next_attempt_at > ?' : ''} RETURNING id`,
      )
      .all(...(before ? [now(), before] : [now()])) as { id: string }[];
    return rows.map((r) => r.id);
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
    if (query.ungrouped) where.push('send_id IS NULL');
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

  /** The jobs of a send, one per recipient: each recipient's latest (a resend replaces the failed one), in the order given. */
  ofSend(sendId: string): FaxJob[] {
    const rows = this.db
      .prepare(`SELECT ${JOB_COLUMNS} FROM fax_jobs WHERE send_id = ? AND ${LATEST} ORDER BY rowid`)
      .all(sendId) as JobRow[];
    return rows.map((row) => this.toJob(row, false));
  }

  /** Where a send's recipients stand, counted by each recipient's latest job. */
  sendTally(sendId: string): SendTally {
    const row = this.db
      .prepare(
        `SELECT COUNT(*) AS recipients,
           COALESCE(SUM(status = 'delivered'), 0) AS delivered,
           COALESCE(SUM(status = 'failed'), 0) AS failed,
           COALESCE(SUM(status = 'canceled'), 0) AS canceled,
           COALESCE(SUM(status = 'queued' AND attempts > 0), 0) AS retrying,
           COALESCE(SUM(status IN ('preparing', 'sending')), 0) AS sending,
           COALESCE(SUM(status = 'queued' AND attempts = 0), 0) AS waiting,
           MIN(CASE WHEN status = 'queued' THEN next_attempt_at END) AS next_at,
           COALESCE(MAX(CASE WHEN status = 'queued' THEN window_hold END), 0) AS held
         FROM fax_jobs WHERE send_id = ? AND ${LATEST}`,
      )
      .get(sendId) as Omit<SendTally, 'first'>;
    const first = this.db
      .prepare(`SELECT recipient_name AS name, to_number AS "to" FROM fax_jobs WHERE send_id = ? AND ${LATEST} ORDER BY rowid LIMIT 1`)
      .get(sendId) as { name: string; to: string } | undefined;
    return { ...row, first: first ?? null };
  }

  /** Sets when the not-yet-started jobs of a send go (null: at once); answers the jobs moved. */
  rescheduleSend(sendId: string, sendAt: string | null, options: { ignoreWindow?: boolean } = {}): string[] {
    const rows = this.db
      .prepare(
        `UPDATE fax_jobs SET send_at = @sendAt, next_attempt_at = @sendAt, window_hold = 0, updated_at = @at
           ${options.ignoreWindow ? ', windowed = 0' : ''}
         WHERE send_id = @sendId AND status = 'queued' AND attempts = 0 RETURNING id`,
      )
      .all({ sendId, sendAt, at: now() }) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** Whether a send's waiting jobs keep the sending window (a broadcast does; a fax to one number does not). */
  setSendWindowed(sendId: string, windowed: boolean): void {
    this.db
      .prepare(`UPDATE fax_jobs SET windowed = ? WHERE send_id = ? AND status = 'queued' AND attempts = 0`)
      .run(windowed ? 1 : 0, sendId);
  }

  /** Renames the recipient of a job that has not started (its cover page shows the name). */
  renameRecipient(id: string, recipientName: string): boolean {
    return (
      this.db
        .prepare(`UPDATE fax_jobs SET recipient_name = ?, updated_at = ? WHERE id = ? AND status = 'queued' AND attempts = 0`)
        .run(recipientName, now(), id).changes === 1
    );
  }

  /** Removes a recipient that was never dialled from a send being edited; false when it has started. */
  removeUnstarted(id: string): boolean {
    return (
      this.db
        .prepare(
          `DELETE FROM fax_jobs WHERE id = ? AND status = 'queued' AND attempts = 0 AND send_id IS NOT NULL
             AND NOT EXISTS (SELECT 1 FROM fax_attempts a WHERE a.job_id = fax_jobs.id)`,
        )
        .run(id).changes === 1
    );
  }

  private toJob(row: JobRow, withHistory: boolean): FaxJob {
    const history = withHistory
      ? (this.db.prepare('SELECT * FROM fax_attempts WHERE job_id = ? ORDER BY number').all(row.id) as AttemptRow[]).map((a) => ({
          number: a.number,
          provider: a.provider,
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
      sendId: row.send_id,
      sendAt: row.send_at,
      ...(expiryOf(row) ? { documentExpired: expiryOf(row) } : {}),
    };
  }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
