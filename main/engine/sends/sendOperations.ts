// Sends: one document set and cover fanned out into one job per recipient, in one
// transaction with every audit entry (the send's and each job's), so a crash leaves the whole
// send or none of it, and each recipient is dialled once. A send can wait (Send later), be
// changed or sent now while nothing has started, be canceled (what has not started), and be
// sent again to the recipients whose fax failed.
import { randomUUID } from 'node:crypto';
import type { EventName, EventPayload, OperationArgs, OperationName, OperationResult } from '../../../shared/contract';
import { FaxError } from '../../../shared/errors';
import { isFinalStatus } from '../../../shared/jobState';
import type { CoverPageInput } from '../../../shared/model';
import { resolveSchedule, type ScheduleInput } from '../../../shared/schedule';
import type { FaxSend, FaxSendDetail, SendResult } from '../../../shared/sends';
import type { AuditLog } from '../audit';
import type { Clock } from '../clock';
import type { ContactBook } from '../contacts';
import { decodeCursor, encodeCursor } from '../cursor';
import type { DocumentCatalog } from '../documents';
import { faultPoint } from '../faults';
import type { JobStore, NewJob } from '../jobs';
import type { Logger } from '../log';
import { requireDocumentKept } from '../retention';
import type { SettingsStore } from '../settings';
import { resolveRecipients, type Recipient, type RecipientEntry } from './recipients';
import type { SendRow, SendStore } from './sendStore';

/** Draws one recipient's cover page (operations.ts's coverFor: the one place a cover is made). */
export type RecipientCover = (
  to: string,
  recipientName: string,
  cover: CoverPageInput,
  totalPages: number,
  date?: Date,
) => Promise<Uint8Array>;

export interface SendOperationDeps {
  jobs: JobStore;
  sends: SendStore;
  documents: DocumentCatalog;
  contacts: ContactBook;
  settings: SettingsStore;
  auditLog: AuditLog;
  clock: Clock;
  queue: { wake(): void };
  emit: <N extends EventName>(event: N, payload: EventPayload<N>) => void;
  logger: Logger;
  /** The outbound provider new jobs are recorded with. */
  providerId: () => string;
  maxPages: number;
  /** Printed files put on Send: linked to the send's first job (hotfolder/claimLedger.ts). */
  hotFolder?: { linkJob(jobId: string, documentIds: readonly string[]): void };
}

type SendOperationName = 'sendFaxes' | 'listSends' | 'getSend' | 'updateSend' | 'sendNow' | 'cancelSend' | 'resendFailed';
export type SendOperations = { [N in SendOperationName & OperationName]: (args: OperationArgs<N>) => Promise<OperationResult<N>> };

const imaging = () => import('../imaging');

export function sendNotFound(id: string): FaxError {
  return new FaxError('not_found', `There is no send ${id.slice(0, 64)}. It may have been removed; refresh the Outbox.`);
}

/** A send's Outbox row: its counts, each recipient counted by its latest job. */
export function summarizeSend(jobs: JobStore, send: SendRow): FaxSend {
  const t = jobs.sendTally(send.id);
  const started = t.recipients - t.waiting;
  return {
    id: send.id,
    recipients: t.recipients,
    pages: send.contentPages + (send.cover ? 1 : 0),
    coverPage: send.cover !== null,
    fileNames: send.fileNames,
    sendAt: send.sendAt,
    nextAt: t.next_at,
    heldForWindow: t.held === 1,
    counts: {
      delivered: t.delivered,
      failed: t.failed,
      canceled: t.canceled,
      retrying: t.retrying,
      sending: t.sending,
      waiting: t.waiting,
    },
    editable: started === 0 && t.recipients > 0,
    first: t.first,
    createdAt: send.createdAt,
    updatedAt: send.updatedAt,
  };
}

export function createSendOperations(deps: SendOperationDeps) {
  const { jobs, sends, documents, auditLog, emit } = deps;

  const requireSend = (id: string): SendRow => {
    const send = sends.get(id);
    if (!send) throw sendNotFound(id);
    return send;
  };

  const summary = (send: SendRow): FaxSend => summarizeSend(jobs, send);
  const detail = (id: string): FaxSendDetail => ({ ...summary(requireSend(id)), jobs: jobs.ofSend(id) });

  /** The moment a schedule names, or the refusal in words (past, unreadable, a skipped hour). */
  const scheduleOf = (input: ScheduleInput | null | undefined): string | null => {
    if (input === null || input === undefined) return null;
    const verdict = resolveSchedule(input, deps.clock());
    if (!verdict.ok) throw new FaxError('invalid_input', verdict.message, { field: 'sendAt', fields: { sendAt: verdict.message } });
    return verdict.at.toISOString();
  };

  const recipientsOf = (entries: readonly RecipientEntry[]) =>
    resolveRecipients(entries, deps.contacts, deps.settings.get().defaultCountry);

  const jobFor = (send: SendRow, recipient: Recipient, windowed: boolean, extra: Partial<NewJob> = {}): NewJob => ({
    id: randomUUID(),
    to: recipient.to,
    recipientName: recipient.name,
    documentId: send.documentId,
    pages: send.contentPages + (send.cover ? 1 : 0),
    fileNames: send.fileNames,
    coverPage: send.cover !== null,
    provider: deps.providerId(),
    maxAttempts: deps.settings.get().maxAttempts,
    sendId: send.id,
    sendAt: send.sendAt,
    windowed,
    ...extra,
  });

  /** Each new job's fax_sent entry, inside the caller's transaction. */
  const recordJobs = (created: readonly NewJob[], sendId: string) => {
    for (const job of created)
      auditLog.appendForCaller({
        action: 'fax_sent',
        target: job.id,
        details: { to: job.to, pages: job.pages, sendId, ...(job.resentFrom ? { resentFrom: job.resentFrom } : {}) },
      });
  };

  /** A send's counts changed: its one row in every Outbox follows. */
  const announce = (id: string) => {
    const send = sends.get(id);
    if (send) emit('sendChanged', summary(send));
  };

  const operations: SendOperations = {
    async sendFaxes({ recipients: entries, documentIds, cover, sendAt: schedule }) {
      // Everything a person could have got wrong is refused before any imaging or storage.
      const sendAt = scheduleOf(schedule);
      const list = recipientsOf(entries);
      const staged = documentIds.map((id) => documents.staged(id));
      const { mergeDocuments } = await imaging();
      const merged = await mergeDocuments(await Promise.all(staged.map((doc) => documents.bytes(doc.id))), {
        maxPages: deps.maxPages - (cover ? 1 : 0),
      });
      const doc = await documents.add({ kind: 'pdf', fileName: 'fax.pdf', pages: merged.pages, pdf: merged.pdf, staged: false });
      const send: SendRow = {
        id: randomUUID(),
        documentId: doc.id,
        contentPages: merged.pages,
        fileNames: staged.map((d) => d.fileName),
        cover,
        sendAt,
        createdAt: '',
        updatedAt: '',
      };
      // A broadcast waits for the sending window; one recipient sent later goes at the time chosen.
      const windowed = list.recipients.length > 1;
      const created = list.recipients.map((recipient) => jobFor(send, recipient, windowed));
      // One transaction: the send, every job, every audit entry — all of it, or (after a crash) none.
      jobs.transaction(() => {
        sends.insert(send);
        jobs.insertMany(created);
        auditLog.appendForCaller({
          action: 'send_queued',
          target: send.id,
          details: {
            recipients: created.length,
            pages: created[0].pages,
            file: send.fileNames.join(', '),
            ...(sendAt ? { sendAt } : {}),
            ...(list.skipped.length ? { skipped: list.skipped.length } : {}),
            ...(list.duplicates ? { duplicates: list.duplicates } : {}),
          },
        });
        recordJobs(created, send.id);
        deps.hotFolder?.linkJob(created[0].id, documentIds);
        faultPoint('send-fanout-written');
      });
      faultPoint('send-created');
      for (const id of new Set(staged.map((s) => s.id))) await documents.discard(id);
      deps.logger.info('send queued', { sendId: send.id, recipients: created.length, pages: created[0].pages, scheduled: sendAt !== null });
      announce(send.id);
      deps.queue.wake();
      return { ...detail(send.id), skipped: list.skipped, duplicates: list.duplicates } satisfies SendResult;
    },

    async listSends({ limit, cursor }) {
      const page = sends.list(limit, decodeCursor(cursor));
      return { items: page.items.map(summary), total: page.total, nextCursor: encodeCursor(page.next) };
    },

    async getSend({ id }) {
      return detail(id);
    },

    async updateSend({ id, sendAt: schedule, recipients: entries }) {
      const send = requireSend(id);
      const sendAt = schedule === undefined ? send.sendAt : scheduleOf(schedule);
      const list = entries === undefined ? null : recipientsOf(entries);
      const result = jobs.transaction(() => {
        // Checked inside the transaction: the queue cannot start a recipient in between.
        if (!summary(send).editable)
          throw new FaxError(
            'wrong_state',
            'This send has already started, so its time and recipients can no longer change: cancel what has not started, or send again to those who failed.',
          );
        const current = jobs.ofSend(id);
        let added = 0;
        let removed = 0;
        if (list) {
          const wanted = new Map(list.recipients.map((r) => [r.to, r]));
          for (const job of current) {
            const keep = wanted.get(job.to);
            if (!keep) {
              if (!jobs.removeUnstarted(job.id)) throw new FaxError('wrong_state', 'A recipient of this send has just started: try again.');
              auditLog.appendForCaller({
                action: 'fax_canceled',
                target: job.id,
                details: { to: job.to, sendId: id, removedFromSend: true },
              });
              removed++;
            } else if (keep.name !== job.recipientName) jobs.renameRecipient(job.id, keep.name);
            wanted.delete(job.to);
          }
          const windowed = list.recipients.length > 1;
          const fresh = [...wanted.values()].map((r) => jobFor({ ...send, sendAt }, r, windowed));
          jobs.insertMany(fresh);
          recordJobs(fresh, id);
          jobs.setSendWindowed(id, windowed);
          added = fresh.length;
        }
        const rescheduled = sendAt !== send.sendAt;
        if (rescheduled) {
          sends.setSendAt(id, sendAt);
          jobs.rescheduleSend(id, sendAt);
        } else sends.touch(id);
        auditLog.appendForCaller({
          action: 'send_changed',
          target: id,
          details: { ...(rescheduled ? { sendAt: sendAt ?? 'now' } : {}), ...(list ? { added, removed } : {}) },
        });
        return { skipped: list?.skipped ?? [], duplicates: list?.duplicates ?? 0 };
      });
      announce(id);
      deps.queue.wake();
      return { ...detail(id), ...result };
    },

    async sendNow({ id }) {
      requireSend(id);
      const moved = jobs.transaction(() => {
        // The person asked for now: the recipients waiting go at once, past the sending window too.
        const ids = jobs.rescheduleSend(id, null, { ignoreWindow: true });
        if (ids.length === 0) return ids;
        sends.setSendAt(id, null);
        auditLog.appendForCaller({ action: 'send_changed', target: id, details: { sentNow: ids.length } });
        return ids;
      });
      if (moved.length === 0)
        throw new FaxError('wrong_state', 'No recipient of this send is waiting to start: it has already gone, or was canceled.');
      for (const jobId of moved) {
        const job = jobs.get(jobId);
        if (job) emit('jobChanged', job);
      }
      announce(id);
      deps.queue.wake();
      return detail(id);
    },

    async cancelSend({ id }) {
      requireSend(id);
      const current = jobs.ofSend(id);
      const canceled = jobs.transaction(() => {
        const done: string[] = [];
        for (const job of current) {
          if (job.status !== 'queued' || !jobs.transition(job.id, ['queued'], 'canceled')) continue;
          auditLog.appendForCaller({ action: 'fax_canceled', target: job.id, details: { to: job.to, sendId: id } });
          done.push(job.id);
        }
        return done;
      });
      if (canceled.length === 0) {
        const going = current.some((job) => !isFinalStatus(job.status));
        throw new FaxError(
          'wrong_state',
          going
            ? 'Nothing of this send can be canceled: the recipients left are already being sent.'
            : 'Nothing of this send can be canceled: every recipient has already finished.',
        );
      }
      for (const jobId of canceled) {
        const job = jobs.get(jobId);
        if (job) emit('jobChanged', job);
      }
      deps.logger.info('send canceled', { sendId: id, canceled: canceled.length });
      announce(id);
      return detail(id);
    },

    async resendFailed({ id }) {
      const send = requireSend(id);
      const failed = jobs.ofSend(id).filter((job) => job.status === 'failed');
      if (failed.length === 0) throw new FaxError('wrong_state', 'No recipient of this send has failed: there is nothing to send again.');
      requireDocumentKept(failed[0]);
      if (!documents.get(send.documentId))
        throw new FaxError('not_found', 'The document of this send is no longer stored, so it cannot be sent again.');
      const windowed = jobs.sendTally(id).recipients > 1;
      const fresh = failed.map((job) =>
        jobFor({ ...send, sendAt: null }, { to: job.to, name: job.recipientName }, windowed, { resentFrom: job.id }),
      );
      jobs.transaction(() => {
        jobs.insertMany(fresh);
        recordJobs(fresh, id);
        sends.touch(id);
      });
      for (const job of fresh) {
        const created = jobs.get(job.id);
        if (created) emit('jobChanged', created);
      }
      announce(id);
      deps.queue.wake();
      return detail(id);
    },
  };
  return { operations, announce };
}
