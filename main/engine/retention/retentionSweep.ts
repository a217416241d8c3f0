// The retention sweep: at start and then daily, documents whose every row is past its
// retention are marked expired, then deleted from the DocumentStore. Order matters for a
// crash: the mark is committed before the bytes go, and the removal is recorded after, so
// a row never points at a missing document without its marker, and a restart finishes
// whatever was marked but not yet removed. Rows (jobs, received faxes) are never deleted.
import type { Db } from '../database';
import type { Logger } from '../log';
import type { DocumentExpiry, RetentionSweep } from '../../../shared/model';
import type { RetentionSettingsStore } from './retentionSettings';
import { faultPoint } from '../faults';

const DAY_MS = 24 * 60 * 60 * 1000;
const FINAL = "('delivered', 'failed', 'canceled')";

/** One document that was deleted, and the rows that pointed at it (for events and the audit log). */
export interface ExpiredDocument {
  documentId: string;
  expiry: DocumentExpiry;
  jobIds: string[];
  inboundIds: string[];
}

export interface RetentionSweeperOptions {
  db: Db;
  settings: RetentionSettingsStore;
  /** Removes the bytes from whichever DocumentStore holds them; must not fail when already gone. */
  deleteDocument(documentId: string): Promise<void>;
  /** What the sweep takes as now; tests move it forward. */
  now(): Date;
  intervalMs: number;
  logger: Logger;
  /** Told after each document is really gone (audit entry, events). */
  onExpired(expired: ExpiredDocument): void;
  onSwept(sweep: RetentionSweep): void;
  /** The environment, for the crash tests' FAXBOT_FAULT_POINT=retention-marked. */
  env?: Readonly<Record<string, string | undefined>>;
}

export class RetentionSweeper {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<RetentionSweep> | null = null;
  private stopped = false;

  constructor(private readonly options: RetentionSweeperOptions) {}

  /** The first sweep (finishing any a crash interrupted), then one every interval. */
  async start(): Promise<void> {
    await this.sweep();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  /** One sweep at a time; a call during a sweep gets that sweep's result. */
  sweep(): Promise<RetentionSweep> {
    this.running ??= this.run().finally(() => {
      this.running = null;
      this.schedule();
    });
    return this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.sweep().catch((error) => this.options.logger.error('the retention sweep failed', { error }));
    }, this.options.intervalMs);
    // The sweep never keeps the process alive on its own.
    this.timer.unref();
  }

  private async run(): Promise<RetentionSweep> {
    const { settings, logger, onSwept } = this.options;
    const now = this.options.now();
    const marked = this.markExpired(now);
    if (marked > 0) logger.info('documents past their retention marked expired', { count: marked });
    if (marked > 0) faultPoint('retention-marked', this.options.env);
    const { deleted, failed } = await this.removeMarked();
    const sweep: RetentionSweep = { at: now.toISOString(), deleted, failed };
    settings.recordSweep(sweep);
    onSwept(sweep);
    return sweep;
  }

  /** Marks, in one transaction, every document no row still needs. Answers how many. */
  private markExpired(now: Date): number {
    const { db, settings } = this.options;
    const { inboundDays, outboundDays } = settings.get();
    if (inboundDays === 0 && outboundDays === 0) return 0;
    const cutoff = (days: number) => new Date(now.getTime() - days * DAY_MS).toISOString();
    const params = {
      at: now.toISOString(),
      outOn: outboundDays > 0 ? 1 : 0,
      outCutoff: cutoff(outboundDays),
      outDays: outboundDays,
      inOn: inboundDays > 0 ? 1 : 0,
      inCutoff: cutoff(inboundDays),
      inDays: inboundDays,
    };
    const candidates = new Set<string>();
    if (outboundDays > 0) {
      const rows = db
        .prepare(
          `SELECT DISTINCT j.document_id AS id FROM fax_jobs j JOIN documents d ON d.id = j.document_id WHERE j.completed_at < ? AND j.status IN ${FINAL} AND d.expired_at IS NULL`,
        )
        .all(params.outCutoff) as { id: string }[];
      for (const row of rows) candidates.add(row.id);
    }
    if (inboundDays > 0) {
      const rows = db
        .prepare(
          'SELECT DISTINCT i.document_id AS id FROM inbound_faxes i JOIN documents d ON d.id = i.document_id WHERE i.received_at < ? AND d.expired_at IS NULL',
        )
        .all(params.inCutoff) as { id: string }[];
      for (const row of rows) candidates.add(row.id);
    }
    // A document shared by several rows (a resend reuses its original's) goes only when
    // every row is past its time: a queued or recent resend keeps it. Checked in the same
    // statement that marks, so a resend queued a moment earlier always wins.
    const mark = db.prepare(
      `UPDATE documents SET expired_at = @at,
         expired_after_days = CASE WHEN EXISTS (SELECT 1 FROM fax_jobs j WHERE j.document_id = @id) THEN @outDays ELSE @inDays END
       WHERE id = @id AND expired_at IS NULL AND staged = 0
         AND NOT EXISTS (SELECT 1 FROM fax_jobs j WHERE j.document_id = @id
                         AND NOT (@outOn = 1 AND j.status IN ${FINAL} AND j.completed_at < @outCutoff))
         AND NOT EXISTS (SELECT 1 FROM inbound_faxes i WHERE i.document_id = @id
                         AND NOT (@inOn = 1 AND i.received_at < @inCutoff))`,
    );
    let marked = 0;
    db.transaction(() => {
      for (const id of candidates) marked += mark.run({ ...params, id }).changes;
    })();
    return marked;
  }

  /** Deletes the bytes of every marked document not yet removed, including those a crash left. */
  private async removeMarked(): Promise<{ deleted: number; failed: number }> {
    const { db, logger, onExpired, deleteDocument } = this.options;
    const pending = db
      .prepare(
        'SELECT id, expired_at, expired_after_days FROM documents WHERE expired_at IS NOT NULL AND expired_removed_at IS NULL ORDER BY expired_at, id',
      )
      .all() as { id: string; expired_at: string; expired_after_days: number }[];
    const markRemoved = db.prepare('UPDATE documents SET expired_removed_at = ? WHERE id = ?');
    const jobsOf = db.prepare('SELECT id FROM fax_jobs WHERE document_id = ?').pluck();
    const inboundOf = db.prepare('SELECT id FROM inbound_faxes WHERE document_id = ?').pluck();
    let deleted = 0;
    let failed = 0;
    for (const doc of pending) {
      if (this.stopped) break;
      try {
        await deleteDocument(doc.id);
      } catch (error) {
        failed++;
        // Stays marked and pending: the next sweep (or start) tries again.
        logger.error('could not delete an expired document', { documentId: doc.id, error });
        continue;
      }
      markRemoved.run(new Date().toISOString(), doc.id);
      deleted++;
      const jobIds = jobsOf.all(doc.id) as string[];
      const inboundIds = inboundOf.all(doc.id) as string[];
      // Ids only: never numbers or names in the log.
      logger.info('expired document deleted', { documentId: doc.id, retentionDays: doc.expired_after_days, jobIds, inboundIds });
      onExpired({ documentId: doc.id, expiry: { at: doc.expired_at, retentionDays: doc.expired_after_days }, jobIds, inboundIds });
    }
    return { deleted, failed };
  }
}
