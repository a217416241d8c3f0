// The watched printer folder: finished files are claimed (row, then atomic rename into
// processing/), checked like a dropped file, and either queued (auto-send with a number) or
// put on the Send screen. After the fax is delivered the original moves to sent/; anything
// that cannot be faxed moves to failed/ with a reason file beside it. A restart reconciles.
import { createHash } from 'node:crypto';
import { readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Db } from '../database';
import type { Logger } from '../log';
import type { DocumentCatalog } from '../documents';
import type { FaxJob, HotFolderPickup, HotFolderQuestion, HotFolderStatus, StagedDocument } from '../../../shared/model';
import { FaxError, isFaxError } from '../../../shared/errors';
import { formatFaxNumber } from '../../../shared/faxNumber';
import { isFinalStatus } from '../../../shared/jobState';
import { ClaimLedger, type ClaimedFile } from './claimLedger';
import { FolderWatch } from './folderWatch';
import { HotFolderSettingsStore, hotFolderTiming, type HotFolderTiming } from './hotFolderSettings';
import { SUBFOLDERS, ensureFolders, moveWithoutOverwrite, renameInto, writeReason } from './folderFiles';
import { PickupBatches } from './pickupBatches';
import { findRecipient } from './recipient';
import { SerialWork } from './serialWork';
import { faultPoint } from '../faults';
import { reconcileAfterRestart, type RestartSteps } from './restartReconcile';

export interface HotFolderDeps {
  folder: string;
  db: Db;
  env: Readonly<Record<string, string | undefined>>;
  logger: Logger;
  documents: DocumentCatalog;
  /** The Send screen's check of a dropped file (imaging.normalizeDocument with the current limits). */
  normalize(fileName: string, bytes: Uint8Array): Promise<{ kind: StagedDocument['kind']; pdf: Uint8Array; pages: number }>;
  defaultCountry(): string;
  ownNumber(): string;
  /** The sendFax operation; the engine links the job to these files in its own transaction. */
  sendFax(args: { to: string; recipientName: string; documentIds: string[]; cover: null }): Promise<FaxJob>;
  getJob(id: string): FaxJob | null;
  onPickup(pickup: HotFolderPickup): void;
  onQuestion(question: HotFolderQuestion): void;
  onStatus(status: HotFolderStatus): void;
}

export class HotFolder {
  readonly ledger: ClaimLedger;
  readonly settings: HotFolderSettingsStore;
  private readonly timing: HotFolderTiming;
  private readonly work: SerialWork;
  private readonly batches: PickupBatches;
  private watch: FolderWatch | null = null;
  private problem: string | null = null;
  private enabled = false;

  constructor(private readonly deps: HotFolderDeps) {
    this.ledger = new ClaimLedger(deps.db);
    this.settings = new HotFolderSettingsStore(deps.db, deps.env);
    const problems: string[] = [];
    this.timing = hotFolderTiming(deps.env, problems);
    for (const p of [...problems, ...this.settings.problems]) deps.logger.warn(p);
    this.work = new SerialWork(deps.logger);
    this.batches = new PickupBatches(
      () => this.settings.get().gatherSeconds * 1000,
      (batchId) => this.work.add(() => this.closeBatch(batchId)),
    );
  }

  private path(...parts: string[]): string {
    return join(this.deps.folder, ...parts);
  }

  /** Creates the folder (and its sub-folders), finishes what a restart interrupted, then watches. */
  async start(): Promise<void> {
    this.enabled = true;
    try {
      await ensureFolders(this.deps.folder);
    } catch (error) {
      this.deps.logger.error('the watched folder could not be created', { error, folder: this.deps.folder });
    }
    // Not awaited: a long backlog must not hold up the engine's start; the watcher's claims
    // queue behind it, so nothing is taken before the ledger and folder agree again.
    void this.work.add(() => reconcileAfterRestart(this.restartSteps()));
    this.watch = new FolderWatch({
      folder: this.deps.folder,
      timing: this.timing,
      logger: this.deps.logger,
      onFinished: (name) => this.work.add(() => this.claim(name)),
      onProblem: (problem) => {
        this.problem = problem;
        this.deps.onStatus(this.status());
      },
    });
    this.watch.start();
  }

  async stop(): Promise<void> {
    // A job finishing while the engine closes is finished at the next start (reconcile).
    this.enabled = false;
    this.batches.stop();
    await this.watch?.stop();
    await this.work.idle();
  }

  /** Resolves once everything noticed so far has been handled (tests and the benchmark use it). */
  idle(): Promise<void> {
    return this.work.idle();
  }

  status(): HotFolderStatus {
    const choices = this.settings.get();
    return {
      folder: this.deps.folder,
      enabled: this.enabled,
      problem: this.problem,
      autoSend: choices.autoSend,
      gatherSeconds: choices.gatherSeconds,
      lockedBy: choices.lockedBy,
      pending: this.ledger.openCount(),
      questions: this.ledger.inState('asking').map((f) => this.question(f)),
      waiting: this.waiting(),
    };
  }

  /** Staged files grouped as they were picked up, oldest first. */
  private waiting(): HotFolderPickup[] {
    const batches = new Map<string, ClaimedFile[]>();
    for (const f of this.ledger.inState('staged')) {
      const key = f.batchId ?? f.id;
      batches.set(key, [...(batches.get(key) ?? []), f]);
    }
    return [...batches.entries()].map(([batchId, files]) => this.pickupOf(batchId, files));
  }

  private pickupOf(batchId: string, files: ClaimedFile[]): HotFolderPickup {
    const withNumber = files.find((f) => f.to);
    return {
      pickupId: batchId,
      documents: files.map((f) => ({
        documentId: f.documentId!,
        fileName: f.originalName,
        kind: (f.kind ?? 'pdf') as StagedDocument['kind'],
        pages: f.pages ?? 1,
        bytes: f.bytes,
      })),
      to: withNumber?.to ?? '',
      numberFrom: withNumber?.numberFrom ?? 'none',
    };
  }

  updateSettings(changes: { autoSend?: boolean; gatherSeconds?: number }): HotFolderStatus {
    this.settings.update(changes);
    const status = this.status();
    this.deps.onStatus(status);
    return status;
  }

  async answer(fileId: string, faxAgain: boolean): Promise<HotFolderStatus> {
    const file = this.ledger.get(fileId);
    if (!file || file.state !== 'asking') {
      throw new FaxError(
        'not_found',
        'That printed document is no longer waiting for an answer: it was answered already, or it is gone. Look in the Outbox or the failed folder.',
      );
    }
    await this.work.add(async () => {
      const now = this.ledger.get(fileId);
      if (now?.state !== 'asking') return;
      if (faxAgain) await this.prepare(now, true);
      else
        await this.moveOut(now, 'failed', 'It was printed twice and you chose not to fax it again. The first copy was handled as usual.');
    });
    const status = this.status();
    this.deps.onStatus(status);
    return status;
  }

  /** A fax job changed; a finished one moves its printed files to sent/ or failed/. */
  jobChanged(job: FaxJob): void {
    if (!isFinalStatus(job.status) || !this.enabled) return;
    this.work.add(() => this.finishJob(job));
  }

  /** A document the person removed from the Send screen: its printed file is done with. */
  stagedDiscarded(documentId: string): void {
    if (!this.enabled) return;
    this.work.add(async () => {
      for (const file of this.ledger.inState('staged', 'ready')) {
        if (file.documentId === documentId)
          await this.moveOut(file, 'failed', 'It was removed from the Send screen without being faxed. Print it again to fax it.');
      }
    });
  }

  /** Send's page view rewrote a staged document as a new one: its printed file follows it. */
  stagedReplaced(from: string, to: string): void {
    this.ledger.relinkDocument(from, to);
  }

  /** The engine's sendFax calls this inside the job's transaction. */
  linkJob(jobId: string, documentIds: readonly string[]): void {
    this.ledger.linkJob(jobId, documentIds);
  }

  private restartSteps(): RestartSteps {
    return {
      ledger: this.ledger,
      path: (...parts) => this.path(...parts),
      documentExists: (id) => this.deps.documents.get(id) !== null,
      getJob: (id) => this.deps.getJob(id),
      finishJob: (job) => this.finishJob(job),
      check: (file) => this.check(file),
      closeBatch: (batchId) => this.closeBatch(batchId),
      adoptBytes: async (name) => {
        const bytes = await readFile(this.path(SUBFOLDERS.processing, name)).catch(() => null);
        if (bytes) this.ledger.adopt(name, sha256(bytes), bytes.byteLength);
      },
    };
  }

  private async finishJob(job: FaxJob): Promise<void> {
    // Still going (a restart finds it queued or sending): its end arrives as an event later.
    if (!isFinalStatus(job.status)) return;
    for (const file of this.ledger.byJob(job.id)) {
      if (job.status === 'delivered') await this.moveOut(file, 'sent');
      else if (job.status === 'canceled') await this.moveOut(file, 'failed', 'The fax was canceled in the Outbox before it was sent.');
      else
        await this.moveOut(
          file,
          'failed',
          `The fax to ${formatFaxNumber(job.to, this.deps.defaultCountry())} failed: ${job.lastError?.message ?? 'the provider gave no reason.'} Print it again, or resend it from the Outbox.`,
        );
    }
  }

  private async claim(name: string): Promise<void> {
    let bytes: Buffer;
    try {
      bytes = await readFile(this.path(name));
    } catch {
      return; // taken away before Faxbot got to it
    }
    const file = this.ledger.beginClaim(name, sha256(bytes), bytes.byteLength);
    try {
      await renameInto(this.path(name), this.path(SUBFOLDERS.processing, file.processingName));
    } catch (error) {
      this.ledger.forget(file.id);
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
        this.deps.logger.warn('a printed file could not be moved into processing/', { error, name });
      return;
    }
    faultPoint('hotfolder-renamed', this.deps.env);
    this.ledger.set(file.id, { state: 'claimed' });
    // The producer's marker has served its purpose once the file is ours.
    await unlink(this.path(name + '.done')).catch(() => undefined);
    await this.check(this.ledger.get(file.id)!);
  }

  /** Checked like a dropped file; a second copy of the same document is asked about. */
  private async check(file: ClaimedFile): Promise<void> {
    const earlier = this.ledger.earlierCopy(file, new Date(Date.now() - this.timing.duplicateWindowMs).toISOString());
    if (earlier) {
      this.ledger.set(file.id, { state: 'asking', duplicateOf: earlier.id });
      const asking = this.ledger.get(file.id)!;
      this.deps.onQuestion(this.question(asking));
      this.deps.onStatus(this.status());
      return;
    }
    await this.prepare(file, false);
  }

  private question(file: ClaimedFile): HotFolderQuestion {
    const earlier = file.duplicateOf ? this.ledger.get(file.duplicateOf) : null;
    const state = earlier?.state === 'sent' ? 'sent' : 'waiting';
    return {
      fileId: file.id,
      fileName: file.originalName,
      earlier: { fileName: earlier?.originalName ?? file.originalName, state, at: earlier?.updatedAt ?? file.claimedAt },
      question: `This document was printed twice — fax it again? (${file.originalName}${state === 'sent' ? ', already sent' : ', the first copy is still waiting'})`,
    };
  }

  /** Normalize, find the number, stage the document, then join the gathering window. */
  private async prepare(file: ClaimedFile, confirmedDuplicate: boolean): Promise<void> {
    let bytes: Buffer;
    try {
      bytes = await readFile(this.path(SUBFOLDERS.processing, file.processingName));
    } catch {
      this.ledger.set(file.id, { state: 'failed', reason: 'The file disappeared from the processing folder before it was faxed.' });
      return;
    }
    let normalized;
    try {
      normalized = await this.deps.normalize(file.originalName, new Uint8Array(bytes));
    } catch (error) {
      const reason = isFaxError(error)
        ? error.message
        : `Faxbot could not read it (${error instanceof Error ? error.message : String(error)}). Print it again, or save it as a PDF and drop it on the Send screen.`;
      await this.moveOut(file, 'failed', reason);
      return;
    }
    const recipient = await findRecipient(file.originalName, normalized.pdf, this.deps.defaultCountry(), this.deps.ownNumber());
    const doc = await this.deps.documents.add({
      kind: normalized.kind,
      fileName: file.originalName,
      pages: normalized.pages,
      pdf: normalized.pdf,
      staged: true,
    });
    const { batchId, closeNow } = this.batches.join();
    this.ledger.set(file.id, {
      state: 'ready',
      documentId: doc.id,
      kind: normalized.kind,
      pages: normalized.pages,
      to: recipient.to || null,
      numberFrom: recipient.from,
      autoSend: this.settings.get().autoSend,
      batchId,
      duplicateOf: confirmedDuplicate ? file.duplicateOf : null,
      sha256: sha256(bytes),
      bytes: bytes.byteLength,
    });
    faultPoint('hotfolder-staged', this.deps.env);
    if (closeNow) await this.closeBatch(batchId);
  }

  /** The gathering window closed: queue the fax (auto-send with a number) or put it on the Send screen. */
  private async closeBatch(batchId: string): Promise<void> {
    const files = this.ledger.inState('ready').filter((f) => (f.batchId ?? '') === batchId);
    if (files.length === 0) return;
    const withNumber = files.find((f) => f.to);
    const documentIds = files.map((f) => f.documentId!);
    if (files[0].autoSend && withNumber?.to) {
      try {
        await this.deps.sendFax({ to: withNumber.to, recipientName: '', documentIds, cover: null });
        return;
      } catch (error) {
        // Still on the Send screen, where the person sees what is wrong.
        this.deps.logger.warn('a printed fax could not be queued by itself; it waits on the Send screen', { error });
      }
    }
    for (const f of files) this.ledger.set(f.id, { state: 'staged' });
    this.deps.onPickup(this.pickupOf(batchId, files));
  }

  /** Out of processing/ for good: the row says where before the move, so a crash mid-way is finished at start. */
  private async moveOut(file: ClaimedFile, to: 'sent' | 'failed', reason?: string): Promise<void> {
    this.ledger.set(file.id, { finalName: `${to}/`, reason: reason ?? null });
    const from = this.path(SUBFOLDERS.processing, file.processingName);
    let name = file.originalName;
    try {
      name = await moveWithoutOverwrite(from, this.path(SUBFOLDERS[to]), file.originalName);
      if (reason) await writeReason(this.path(SUBFOLDERS.failed), name, reason);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        this.deps.logger.error(`a printed file could not be moved to ${to}/; it stays in processing/`, { error, name: file.originalName });
        return;
      }
    }
    this.ledger.set(file.id, { state: to, finalName: `${to}/${name}` });
    if (file.documentId && to === 'failed' && !file.jobId) await this.deps.documents.discard(file.documentId);
  }
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
