// Outbound faxes as the engine last reported them. Events and list replies can arrive in
// any order, so a job only ever moves forward: an update older than what we hold is dropped.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { FaxbotApi } from '../../../shared/contract';
import type { FaxJob } from '../../../shared/model';
import { isFinalStatus } from '../../../shared/jobState';
import { errorSentence } from '../bridge';

/** The confirmation page of a finished fax, as the person opened it. */
export type TransmissionReport =
  | { jobId: string; state: 'loading' }
  | { jobId: string; state: 'ready'; fileName: string; pdfBase64: string }
  | { jobId: string; state: 'error'; message: string };

export interface OutboxState {
  jobs: Record<string, FaxJob>;
  selectedId: string | null;
  loaded: boolean;
  loadError: string | null;
  actionError: string | null;
  report: TransmissionReport | null;
  load(): Promise<void>;
  applyJob(job: FaxJob): void;
  select(id: string | null): void;
  cancel(id: string): Promise<void>;
  resend(id: string): Promise<FaxJob | null>;
  /** Fetches the confirmation page of a finished fax (getTransmissionReport). */
  openReport(id: string): Promise<void>;
  closeReport(): void;
}

export type OutboxStore = StoreApi<OutboxState>;

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

/** Jobs still going: counted next to Outbox in the left nav. */
export function activeJobCount(jobs: Record<string, FaxJob>): number {
  return Object.values(jobs).filter((job) => !isFinalStatus(job.status)).length;
}

export function createOutboxStore(api: FaxbotApi): OutboxStore {
  return createStore<OutboxState>()((set, get) => {
    function merge(incoming: FaxJob[]): void {
      set((state) => {
        let jobs = state.jobs;
        for (const job of incoming) {
          if (!isNewer(jobs[job.id], job)) continue;
          if (jobs === state.jobs) jobs = { ...jobs };
          jobs[job.id] = job;
        }
        return jobs === state.jobs ? state : { jobs };
      });
    }

    return {
      jobs: {},
      selectedId: null,
      loaded: false,
      loadError: null,
      actionError: null,
      report: null,
      async load() {
        try {
          const page = await api.listJobs({ limit: 200 });
          merge(page.items);
          set({ loaded: true, loadError: null });
        } catch (error) {
          set({ loaded: true, loadError: errorSentence(error) });
        }
      },
      applyJob: (job) => merge([job]),
      select: (selectedId) =>
        set((state) => ({ selectedId, actionError: null, report: state.report?.jobId === selectedId ? state.report : null })),
      async cancel(id) {
        try {
          merge([await api.cancelJob({ id })]);
          set({ actionError: null });
        } catch (error) {
          set({ actionError: errorSentence(error) });
        }
      },
      async resend(id) {
        try {
          const job = await api.resendJob({ id });
          merge([job]);
          set({ selectedId: job.id, actionError: null, report: null });
          return job;
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

/** The job whose details are open. */
export function selectedJob(state: Pick<OutboxState, 'jobs' | 'selectedId'>): FaxJob | null {
  return state.selectedId ? (state.jobs[state.selectedId] ?? null) : null;
}
