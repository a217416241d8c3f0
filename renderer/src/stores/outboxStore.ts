// Outbound faxes as the engine last reported them: faxes on their own, and sends (several
// recipients, or for later) each as one row with its counts. Events and list replies can
// arrive in any order, so a job or a send only ever moves forward: an older update is dropped.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { FaxbotApi } from '../../../shared/contract';
import type { FaxJob } from '../../../shared/model';
import type { LocalSchedule } from '../../../shared/schedule';
import type { FaxSend, RecipientInput } from '../../../shared/sends';
import { isFinalStatus } from '../../../shared/jobState';
import { errorSentence } from '../bridge';
import { isNumberProblem } from '../../../shared/errors';

/** The confirmation page of a finished fax, as the person opened it. */
export type TransmissionReport =
  | { jobId: string; state: 'loading' }
  | { jobId: string; state: 'ready'; fileName: string; pdfBase64: string }
  | { jobId: string; state: 'error'; message: string };

export interface OutboxState {
  jobs: Record<string, FaxJob>;
  /** Sends by id: each is one row; its recipients' jobs are in `jobs`. */
  sends: Record<string, FaxSend>;
  /** The job ids of each send whose recipients were loaded (its latest job per recipient, in order). */
  sendJobIds: Record<string, string[]>;
  /** A fax (job id) or a send (send id) whose details are open. */
  selectedId: string | null;
  loaded: boolean;
  loadError: string | null;
  actionError: string | null;
  report: TransmissionReport | null;
  load(): Promise<void>;
  applyJob(job: FaxJob): void;
  applySend(send: FaxSend): void;
  select(id: string | null): void;
  /** Opens a send: its row and its recipients, read again from the engine. */
  selectSend(id: string): Promise<void>;
  cancelSend(id: string): Promise<void>;
  sendNow(id: string): Promise<void>;
  resendFailed(id: string): Promise<void>;
  /** Send later: a new time for a send that has not started. */
  reschedule(id: string, schedule: LocalSchedule): Promise<boolean>;
  /** Send later: the recipients of a send that has not started, replaced by these. */
  changeRecipients(id: string, recipients: RecipientInput[]): Promise<boolean>;
  cancel(id: string): Promise<void>;
  /** Resend in one step; a fax that failed because of its number goes to it again only with sameNumber. */
  resend(id: string, options?: { sameNumber?: boolean }): Promise<FaxJob | null>;
  /** Edit and resend: the fax's pages staged again with its number, recipient and cover (see desk.editAndResend). */
  stageResend(id: string): Promise<StagedResend | null>;
  /** Fetches the confirmation page of a finished fax (getTransmissionReport). */
  openReport(id: string): Promise<void>;
  closeReport(): void;
}

export type OutboxStore = StoreApi<OutboxState>;

export type StagedResend = Awaited<ReturnType<FaxbotApi['stageResend']>>;

/** Whether `incoming` should replace `current` (the one we hold). */
export function isNewer(current: FaxJob | undefined, incoming: FaxJob): boolean {
  if (!current) return true;
  const held = Date.parse(current.updatedAt);
  const got = Date.parse(incoming.updatedAt);
  if (got !== held) return got > held;
  // Same instant: a finished job is never reopened by an update that says otherwise.
  return !(isFinalStatus(current.status) && !isFinalStatus(incoming.status));
}

/** Newest first, as the engine lists them. */
export function jobsNewestFirst(jobs: Record<string, FaxJob>): FaxJob[] {
  return Object.values(jobs).sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || b.id.localeCompare(a.id));
}

/** Jobs still going: counted next to Outbox in the left nav (a send's recipients counted from its row). */
export function activeJobCount(jobs: Record<string, FaxJob>, sends: Record<string, FaxSend> = {}): number {
  const own = Object.values(jobs).filter((job) => !job.sendId && !isFinalStatus(job.status)).length;
  return Object.values(sends).reduce((n, send) => n + send.counts.waiting + send.counts.sending + send.counts.retrying, own);
}

/** One row of the Outbox: a fax on its own, or a send. */
export type OutboxRow =
  { kind: 'job'; id: string; createdAt: string; job: FaxJob } | { kind: 'send'; id: string; createdAt: string; send: FaxSend };

/** Faxes on their own and sends, newest first. */
export function outboxRows(state: Pick<OutboxState, 'jobs' | 'sends'>): OutboxRow[] {
  const rows: OutboxRow[] = [
    ...Object.values(state.jobs)
      .filter((job) => !job.sendId)
      .map((job): OutboxRow => ({ kind: 'job', id: job.id, createdAt: job.createdAt, job })),
    ...Object.values(state.sends).map((send): OutboxRow => ({ kind: 'send', id: send.id, createdAt: send.createdAt, send })),
  ];
  return rows.sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || b.id.localeCompare(a.id));
}

export function createOutboxStore(api: FaxbotApi): OutboxStore {
  return createStore<OutboxState>()((set, get) => {
    function merge(incoming: FaxJob[]): void {
      set((state) => {
        let jobs = state.jobs;
        for (const job of incoming) {
          const held = jobs[job.id];
          if (!isNewer(held, job)) continue;
          if (jobs === state.jobs) jobs = { ...jobs };
          // A list reply carries no attempts: the ones read for this job (getJob, events) stay.
          jobs[job.id] = job.history.length === 0 && held && held.attempts === job.attempts ? { ...job, history: held.history } : job;
        }
        return jobs === state.jobs ? state : { jobs };
      });
    }

    function mergeSend(send: FaxSend): void {
      set((state) => {
        const held = state.sends[send.id];
        if (held && Date.parse(held.updatedAt) > Date.parse(send.updatedAt)) return state;
        return { sends: { ...state.sends, [send.id]: send } };
      });
    }

    async function loadSend(id: string): Promise<void> {
      const detail = await api.getSend({ id });
      const { jobs, ...summary } = detail;
      merge(jobs);
      mergeSend(summary);
      set((state) => ({ sendJobIds: { ...state.sendJobIds, [id]: jobs.map((job) => job.id) } }));
    }

    /** A send action: its answer is the send as it now is; an error is said beside the buttons. */
    async function act(id: string, work: () => Promise<unknown>): Promise<boolean> {
      try {
        await work();
        await loadSend(id);
        set({ actionError: null });
        return true;
      } catch (error) {
        set({ actionError: errorSentence(error) });
        return false;
      }
    }

    return {
      jobs: {},
      sends: {},
      sendJobIds: {},
      selectedId: null,
      loaded: false,
      loadError: null,
      actionError: null,
      report: null,
      async load() {
        try {
          const [page, sends] = await Promise.all([api.listJobs({ limit: 200, ungrouped: true }), api.listSends({ limit: 100 })]);
          merge(page.items);
          sends.items.forEach(mergeSend);
          set({ loaded: true, loadError: null });
        } catch (error) {
          set({ loaded: true, loadError: errorSentence(error) });
        }
      },
      applyJob: (job) => merge([job]),
      applySend(send) {
        const known = get().sendJobIds[send.id];
        mergeSend(send);
        // An open send follows its recipients (a resend replaces a failed one with a new job).
        if (known && get().selectedId === send.id) void loadSend(send.id).catch(() => undefined);
      },
      async selectSend(id) {
        set((state) => ({ selectedId: id, actionError: null, report: state.report?.jobId === id ? state.report : null }));
        try {
          await loadSend(id);
        } catch (error) {
          set({ actionError: errorSentence(error) });
        }
      },
      cancelSend: async (id) => void (await act(id, () => api.cancelSend({ id }))),
      sendNow: async (id) => void (await act(id, () => api.sendNow({ id }))),
      resendFailed: async (id) => void (await act(id, () => api.resendFailed({ id }))),
      reschedule: (id, schedule) => act(id, () => api.updateSend({ id, sendAt: schedule })),
      changeRecipients: (id, recipients) => act(id, () => api.updateSend({ id, recipients })),
      select(selectedId) {
        set((state) => ({ selectedId, actionError: null, report: state.report?.jobId === selectedId ? state.report : null }));
        // The list carries no attempts: an opened fax reads its history from the engine.
        const job = selectedId ? get().jobs[selectedId] : undefined;
        if (job && job.attempts > 0 && job.history.length < job.attempts)
          void api.getJob({ id: job.id }).then(
            (full) => merge([full]),
            () => undefined,
          );
      },
      async cancel(id) {
        try {
          merge([await api.cancelJob({ id })]);
          set({ actionError: null });
        } catch (error) {
          set({ actionError: errorSentence(error) });
        }
      },
      async resend(id, options = {}) {
        try {
          const job = await api.resendJob({ id, ...(options.sameNumber ? { sameNumber: true } : {}) });
          merge([job]);
          set({ selectedId: job.id, actionError: null, report: null });
          return job;
        } catch (error) {
          set({ actionError: errorSentence(error) });
          return null;
        }
      },
      async stageResend(id) {
        try {
          const staged = await api.stageResend({ id });
          set({ actionError: null });
          return staged;
        } catch (error) {
          set({ actionError: errorSentence(error) });
          return null;
        }
      },
      async openReport(id) {
        set({ report: { jobId: id, state: 'loading' } });
        try {
          const { fileName, pdfBase64 } = await api.getTransmissionReport({ id });
          // Another job's report may have been asked for meanwhile; only the newest shows.
          if (get().report?.jobId === id) set({ report: { jobId: id, state: 'ready', fileName, pdfBase64 } });
        } catch (error) {
          if (get().report?.jobId === id) set({ report: { jobId: id, state: 'error', message: errorSentence(error) } });
        }
      },
      closeReport: () => set({ report: null }),
    };
  });
}

/** A confirmation page exists once a fax is over, delivered or not (like a fax machine's). */
export function hasReport(job: FaxJob): boolean {
  return job.status === 'delivered' || job.status === 'failed';
}

export function canCancel(job: FaxJob): boolean {
  return job.status === 'queued';
}

export function canResend(job: FaxJob): boolean {
  return job.status === 'failed' || job.status === 'delivered' || job.status === 'canceled';
}

/** A fax that failed because of its number: Resend would dial it again, so Edit and resend comes first. */
export function needsNewNumber(job: FaxJob): boolean {
  return job.status === 'failed' && isNumberProblem(job.lastError);
}

/** The job whose details are open. */
export function selectedJob(state: Pick<OutboxState, 'jobs' | 'selectedId'>): FaxJob | null {
  return state.selectedId ? (state.jobs[state.selectedId] ?? null) : null;
}
