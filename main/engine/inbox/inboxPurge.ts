// Deleting received faxes for good once their Undo time is over. Runs at start (for faxes
// deleted before a restart) and then on a timer set for the next deletion to run out, so a
// deleted fax's document does not outlive its undo window by more than a moment.
import type { DocumentCatalog } from '../documents';
import type { Logger } from '../log';
import type { InboxStore } from './inboxStore';

export interface InboxPurgeOptions {
  inbox: InboxStore;
  documents: DocumentCatalog;
  undoMs: number;
  logger: Logger;
  /** Told after each fax is deleted for good. */
  onPurged: (id: string) => void;
}

// A floor on the timer, so a clock that jumps back cannot make it spin; after a failure
// (a document that cannot be removed) it waits longer before trying again.
const MIN_DELAY_MS = 20;
const RETRY_DELAY_MS = 60_000;

export class InboxPurge {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  private failed = false;

  constructor(private readonly options: InboxPurgeOptions) {}

  async start(): Promise<void> {
    await this.sweep();
  }

  /** The Undo deadline of a fax deleted at `deletedAt`. */
  undoUntil(deletedAt: Date): Date {
    return new Date(deletedAt.getTime() + this.options.undoMs);
  }

  /** Deletions at or after this moment can still be undone. */
  restorableSince(now = new Date()): Date {
    return new Date(now.getTime() - this.options.undoMs);
  }

  /** Call after a deletion: makes sure the timer is set. */
  scheduled(): void {
    this.schedule();
  }

  /** Deletes for good every fax whose undo time is over, then sets the timer for the next. */
  sweep(): Promise<void> {
    // One sweep at a time; a call during a sweep waits for it (and it re-schedules).
    this.running ??= this.purgeDue().finally(() => {
      this.running = null;
      this.schedule();
    });
    return this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private async purgeDue(): Promise<void> {
    const { inbox, documents, logger, onPurged } = this.options;
    const now = new Date();
    this.failed = false;
    for (const due of inbox.deletedBefore(this.restorableSince(now))) {
      if (this.stopped) return;
      try {
        await documents.purge(due.documentId, () => {
          if (!inbox.bury(due.id, now)) throw new Error('the fax was no longer waiting to be deleted');
        });
        logger.info('received fax deleted for good', { inboundId: due.id });
        onPurged(due.id);
      } catch (error) {
        this.failed = true;
        // Left as it is: the next sweep (timer or start) tries again.
        logger.error('could not delete a received fax for good', { inboundId: due.id, error });
      }
    }
  }

  private schedule(): void {
    if (this.stopped || this.running) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const oldest = this.options.inbox.oldestDeletion();
    if (!oldest) return;
    const delay = Math.max(this.failed ? RETRY_DELAY_MS : MIN_DELAY_MS, this.undoUntil(new Date(oldest)).getTime() - Date.now() + 1);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.sweep();
    }, delay);
    // Waiting to purge never keeps the process alive on its own.
    this.timer.unref();
  }
}
