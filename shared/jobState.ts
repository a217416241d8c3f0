// The life of an outbound fax job. Finished states are final: a late or duplicate
// provider event can never reopen them (DESIGN.md, "Data flow of a send").

export const JOB_STATUSES = ['queued', 'preparing', 'sending', 'delivered', 'failed', 'canceled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export const FINAL_STATUSES: readonly JobStatus[] = ['delivered', 'failed', 'canceled'];

const ALLOWED: Record<JobStatus, readonly JobStatus[]> = {
  queued: ['preparing', 'canceled', 'failed'],
  preparing: ['sending', 'queued', 'failed', 'canceled'],
  // sending → queued is a retryable failure going back to wait for its next attempt.
  sending: ['delivered', 'failed', 'queued'],
  delivered: [],
  failed: [],
  canceled: [],
};

export function isFinalStatus(status: JobStatus): boolean {
  return FINAL_STATUSES.includes(status);
}

export function canTransition(from: JobStatus, to: JobStatus): boolean {
  return ALLOWED[from].includes(to);
}
