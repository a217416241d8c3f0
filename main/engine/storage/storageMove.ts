// Moving every document to one backend (Settings → Storage & retention): one document at a
// time, each copied, verified by hash, flipped and only then deleted from where it was
// (storageMoveDocument.ts). Progress is announced per document; the move is recorded in
// storage_moves so a crash or a restart resumes it, and one failing document stops it with
// that document named, every document still readable where its row says.
import { FaxError } from '../../../shared/errors';
import type { StorageBackendName, StorageMoveProgress, StorageStatus } from '../../../shared/storageMove';
import type { Db } from '../database';
import type { Logger } from '../log';
import { deleteLeftCopy, moveOneDocument, type DocumentToMove } from './storageMoveDocument';
import { backendLabel, backendPlace, type StorageRouter } from './storageRouter';

/** Documents the retention sweep expired keep their row but not their bytes (migration 6): nothing to move. */
const HAS_BYTES = 'expired_at IS NULL';

export interface StorageMoverOptions {
  db: Db;
  router: StorageRouter;
  logger: Logger;
  /** Each change of a move's progress (the engine's `storageMoveProgress` event). */
  onProgress(progress: StorageMoveProgress): void;
  /** Once per move, when it ends (the engine records the audit entry). */
  onFinished(progress: StorageMoveProgress): void;
  /** Where FAXBOT_FAULT_POINT is read (crash tests). */
  env?: Readonly<Record<string, string | undefined>>;
}

interface MoveRow {
  id: number;
  to_backend: StorageBackendName;
  started_at: string;
  finished_at: string | null;
  outcome: 'moved' | 'canceled' | 'failed' | null;
  total: number;
  moved: number;
  bytes: number;
  failed_document: string | null;
  error: string | null;
}

export class StorageMover {
  private running: { moveId: number; canceled: boolean; stopping: boolean; done: Promise<void> } | null = null;

  constructor(private readonly options: StorageMoverOptions) {}

  status(): StorageStatus {
    const { db, router } = this.options;
    const configured = router.configured();
    const counts = db
      .prepare(`SELECT backend, COUNT(*) AS count FROM documents WHERE ${HAS_BYTES} GROUP BY backend ORDER BY backend`)
      .all() as { backend: string; count: number }[];
    const documents = configured.map((backend) => ({
      backend: backend as string,
      count: counts.find((c) => c.backend === backend)?.count ?? 0,
      configured: true,
    }));
    for (const c of counts)
      if (!configured.includes(c.backend as StorageBackendName)) documents.push({ backend: c.backend, count: c.count, configured: false });
    const last = db.prepare('SELECT * FROM storage_moves ORDER BY id DESC LIMIT 1').get() as MoveRow | undefined;
    return { current: router.current, configured, documents, move: last ? this.progressOf(last) : null };
  }

  /** Starts moving every document stored elsewhere to `to`; answers at once, progress follows as events. */
  start(to: StorageBackendName): StorageMoveProgress {
    const { db, router } = this.options;
    if (this.running)
      throw new FaxError(
        'wrong_state',
        `A move to ${backendLabel(this.rowOf(this.running.moveId).to_backend)} is already running: wait for it to finish, or cancel it first.`,
        { field: 'to' },
      );
    if (!router.configured().includes(to)) {
      router.storeOf(to); // throws the error naming what to configure
    }
    const remaining = this.remainingCount(to);
    if (remaining === 0)
      throw new FaxError('wrong_state', `Every document is already stored ${backendPlace(to)}: there is nothing to move.`, { field: 'to' });
    // A move a restart could not resume (its backend gone) is closed before a new one starts.
    db.prepare(
      "UPDATE storage_moves SET finished_at = ?, outcome = 'failed', error = COALESCE(error, 'replaced by a new move') WHERE finished_at IS NULL",
    ).run(new Date().toISOString());
    const moveId = Number(
      db.prepare('INSERT INTO storage_moves (to_backend, started_at, total) VALUES (?, ?, ?)').run(to, new Date().toISOString(), remaining)
        .lastInsertRowid,
    );
    this.options.logger.info('storage move started', { moveId, to, documents: remaining });
    this.launch(moveId);
    return this.progressOf(this.rowOf(moveId));
  }

  /** Stops the running move after the document it is on; that document finishes or stays where it was. */
  cancel(): StorageMoveProgress {
    if (!this.running) throw new FaxError('wrong_state', 'No move is running, so there is nothing to cancel.');
    this.running.canceled = true;
    return this.progressOf(this.rowOf(this.running.moveId));
  }

  /**
   * At start: deletes old copies a crash left behind after a flip, and resumes an unfinished
   * move in the background (or closes it, in words, when its backend is no longer configured).
   */
  async resume(): Promise<void> {
    const { db, router, logger } = this.options;
    await this.deleteLeftCopies();
    const unfinished = db.prepare('SELECT * FROM storage_moves WHERE finished_at IS NULL ORDER BY id DESC LIMIT 1').get() as
      MoveRow | undefined;
    if (!unfinished) return;
    if (!router.configured().includes(unfinished.to_backend)) {
      let message = '';
      try {
        router.storeOf(unfinished.to_backend);
      } catch (error) {
        message = (error as Error).message;
      }
      this.finish(unfinished.id, 'failed', { documentId: '', message });
      return;
    }
    logger.info('storage move resumed', { moveId: unfinished.id, to: unfinished.to_backend });
    this.launch(unfinished.id);
  }

  /** Engine shutdown: stops after the current document and leaves the move to resume next start. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running.stopping = true;
    await this.running.done;
  }

  private launch(moveId: number): void {
    const state = { moveId, canceled: false, stopping: false, done: Promise.resolve() };
    state.done = this.run(state).finally(() => {
      if (this.running === state) this.running = null;
    });
    this.running = state;
  }

  private async run(state: { moveId: number; canceled: boolean; stopping: boolean }): Promise<void> {
    const { db, router, logger, env } = this.options;
    const to = this.rowOf(state.moveId).to_backend;
    const next = db.prepare(
      `SELECT id, backend, sha256, bytes FROM documents WHERE backend != ? AND ${HAS_BYTES} ORDER BY moving_to IS NULL, created_at, id LIMIT 1`,
    );
    let current: DocumentToMove | undefined;
    try {
      await this.deleteLeftCopies();
      this.announce(state.moveId);
      for (;;) {
        if (state.stopping) return;
        if (state.canceled) return this.finish(state.moveId, 'canceled', null);
        current = next.get(to) as DocumentToMove | undefined;
        if (!current) return this.finish(state.moveId, 'moved', null);
        await moveOneDocument(db, router, current, to, env);
        this.announce(state.moveId);
      }
    } catch (error) {
      const documentId = current?.id ?? '';
      const reason = error instanceof FaxError ? error.message : `${(error as Error).message}.`;
      const message = `The move stopped at document ${documentId}: ${reason} Every document is still readable where it is; fix this and press Move again.`;
      logger.warn('storage move stopped', { moveId: state.moveId, documentId, error: (error as Error).message });
      if (current) await this.dropUnfinishedCopy(current.id, to);
      this.finish(state.moveId, 'failed', { documentId, message });
    }
  }

  /** After a stop mid-document: the copy it was making is removed when the destination answers; else the mark stays, so a later move re-verifies it and a delete removes it. */
  private async dropUnfinishedCopy(documentId: string, to: string): Promise<void> {
    const { db, router } = this.options;
    try {
      const row = db.prepare('SELECT backend, moving_to FROM documents WHERE id = ?').get(documentId) as
        { backend: string; moving_to: string | null } | undefined;
      if (!row || row.moving_to !== to || row.backend === to) return;
      await router.storeOf(to).delete(documentId);
      db.prepare('UPDATE documents SET moving_to = NULL WHERE id = ? AND moving_to = ? AND backend = ?').run(documentId, to, row.backend);
    } catch {
      // The destination is what failed; the mark keeps the copy findable.
    }
  }

  private async deleteLeftCopies(): Promise<void> {
    const { db, router, logger } = this.options;
    const rows = db.prepare('SELECT id, left_in FROM documents WHERE left_in IS NOT NULL').all() as { id: string; left_in: string }[];
    for (const row of rows) {
      // A backend that is unreachable now keeps its old copy until the next start.
      await deleteLeftCopy(db, router, row.id, row.left_in).catch((error: Error) =>
        logger.warn('an old copy could not be deleted yet', { documentId: row.id, error: error.message }),
      );
    }
  }

  private remainingCount(to: string): number {
    const row = this.options.db.prepare(`SELECT COUNT(*) AS n FROM documents WHERE backend != ? AND ${HAS_BYTES}`).get(to) as { n: number };
    return row.n;
  }

  private rowOf(moveId: number): MoveRow {
    return this.options.db.prepare('SELECT * FROM storage_moves WHERE id = ?').get(moveId) as MoveRow;
  }

  /** Total follows what is left, so documents added or deleted during the move keep the bar honest. */
  private announce(moveId: number): void {
    const row = this.rowOf(moveId);
    const total = row.moved + this.remainingCount(row.to_backend);
    if (total !== row.total) this.options.db.prepare('UPDATE storage_moves SET total = ? WHERE id = ?').run(total, moveId);
    this.options.onProgress(this.progressOf({ ...row, total }));
  }

  private finish(moveId: number, outcome: 'moved' | 'canceled' | 'failed', failure: { documentId: string; message: string } | null): void {
    const { db } = this.options;
    db.prepare('UPDATE storage_moves SET finished_at = ?, outcome = ?, failed_document = ?, error = ? WHERE id = ?').run(
      new Date().toISOString(),
      outcome,
      failure?.documentId || null,
      failure?.message ?? null,
      moveId,
    );
    const progress = this.progressOf(this.rowOf(moveId));
    this.options.logger.info('storage move ended', { moveId, outcome, moved: progress.done });
    this.options.onProgress(progress);
    this.options.onFinished(progress);
  }

  private progressOf(row: MoveRow): StorageMoveProgress {
    return {
      moveId: row.id,
      to: row.to_backend,
      state: row.outcome ?? 'running',
      startedAt: row.started_at,
      finishedAt: row.finished_at,
      done: row.moved,
      total: Math.max(row.total, row.moved),
      bytes: row.bytes,
      failure: row.error ? { documentId: row.failed_document ?? '', message: row.error } : null,
    };
  }
}
