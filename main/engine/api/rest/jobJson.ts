// Jobs and received faxes as the REST API shows them: the original Faxbot's FaxJobOut fields
// (snake_case, its status words) beside ours, so old clients keep working and new ones see more.
import type { JobStatus } from '../../../../shared/jobState';
import { JOB_STATUSES } from '../../../../shared/jobState';
import type { FaxJob, InboundFax } from '../../../../shared/model';
import type { SendResult } from '../../../../shared/sends';
import { FaxError } from '../../../../shared/errors';

export const COMPAT_STATUSES = ['queued', 'in_progress', 'SUCCESS', 'FAILED'] as const;
export type CompatStatus = (typeof COMPAT_STATUSES)[number];

/** Ours → the original's words; canceled is FAILED there (with error "canceled"). */
export const COMPAT_STATUS: Record<JobStatus, CompatStatus> = {
  queued: 'queued',
  preparing: 'in_progress',
  sending: 'in_progress',
  delivered: 'SUCCESS',
  failed: 'FAILED',
  canceled: 'FAILED',
};

export interface FaxJobJson {
  id: string;
  to: string;
  status: CompatStatus;
  faxbot_status: JobStatus;
  error: string | null;
  error_code: string | null;
  pages: number;
  backend: string;
  provider_sid: string | null;
  attempts: number;
  created_at: string;
  updated_at: string;
  completed_at: string | null;
  /** Only on a fax sent later: when it is to go. */
  send_at?: string;
}

export function faxJobJson(job: FaxJob): FaxJobJson {
  const canceled = job.status === 'canceled';
  return {
    id: job.id,
    to: job.to,
    status: COMPAT_STATUS[job.status],
    faxbot_status: job.status,
    error: canceled ? 'canceled' : (job.lastError?.message ?? null),
    error_code: canceled ? 'canceled' : (job.lastError?.code ?? null),
    pages: job.pages,
    backend: job.provider,
    provider_sid: job.providerFaxId,
    attempts: job.attempts,
    created_at: job.createdAt,
    updated_at: job.updatedAt,
    completed_at: job.completedAt,
    // Only when asked for: the answer to an original Faxbot client keeps exactly its fields.
    ...(job.sendAt ? { send_at: job.sendAt } : {}),
  };
}

/** POST /fax with several `to`: the send and one job per number. */
export function faxSendJson(send: SendResult) {
  return {
    send_id: send.id,
    recipients: send.recipients,
    duplicates: send.duplicates,
    send_at: send.sendAt,
    jobs: send.jobs.map(faxJobJson),
  };
}

export function inboundFaxJson(fax: InboundFax) {
  return {
    id: fax.id,
    from: fax.from,
    from_name: fax.fromName,
    to: fax.to,
    status: 'received' as const,
    read: fax.read,
    pages: fax.pages,
    backend: fax.provider,
    provider_sid: fax.providerFaxId,
    received_at: fax.receivedAt,
    created_at: fax.receivedAt,
  };
}

/** `?status=` for GET /fax: either vocabulary, comma-separated. */
export function parseStatusFilter(raw: string | null): JobStatus[] | undefined {
  if (raw === null || raw.trim() === '') return undefined;
  const wanted = new Set<JobStatus>();
  for (const word of raw
    .split(',')
    .map((w) => w.trim())
    .filter(Boolean)) {
    if ((JOB_STATUSES as readonly string[]).includes(word)) {
      wanted.add(word as JobStatus);
    } else if ((COMPAT_STATUSES as readonly string[]).includes(word)) {
      for (const s of JOB_STATUSES) if (COMPAT_STATUS[s] === word) wanted.add(s);
    } else {
      const allowed = [...COMPAT_STATUSES, ...JOB_STATUSES.filter((s) => s !== 'queued')].join(', ');
      throw new FaxError('invalid_input', `"${word.slice(0, 40)}" is not a fax status: use ${allowed}.`, { field: 'status' });
    }
  }
  return [...wanted];
}

/** `?limit=`: 1 to 100, 50 when absent. */
export function parseLimit(raw: string | null): number {
  if (raw === null || raw === '') return 50;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < 1 || value > 100)
    throw new FaxError('invalid_input', `limit=${raw.slice(0, 20)} is not usable: ask for 1 to 100 items a page.`, { field: 'limit' });
  return value;
}

export function parseCursor(raw: string | null): string | undefined {
  if (raw === null || raw === '') return undefined;
  if (raw.length > 200)
    throw new FaxError('invalid_input', 'That page cursor is not one Faxbot gave out: start again from the first page.', {
      field: 'cursor',
    });
  return raw;
}
