// The status chip of an outbound fax: the words and colour a person reads at a glance
// (UX.md, "Outbox": grey queued, blue sending, green delivered, amber retrying, red failed).
import type { FaxJob } from '../../../shared/model';
import type { FaxErrorCode } from '../../../shared/errors';
import { formatClock, formatFaxTime } from './time';

export type ChipTone = 'grey' | 'blue' | 'green' | 'amber' | 'red';
export interface JobChip {
  tone: ChipTone;
  text: string;
}

/** Short words for a retry reason on a desk screen ("line busy", not a code). */
const SHORT_REASON: Partial<Record<FaxErrorCode, string>> = {
  line_busy: 'line busy',
  no_answer: 'no answer',
  not_a_fax_machine: 'not a fax machine',
  number_not_in_service: 'number not in service',
  document_rejected: 'document rejected',
  provider_unavailable: 'fax service unavailable',
  provider_timeout: 'fax service did not answer',
  provider_auth: 'fax service sign-in failed',
  provider_error: 'fax service error',
  outcome_unknown: 'result unknown',
};

export function shortReason(error: FaxJob['lastError']): string {
  if (!error) return '';
  return SHORT_REASON[error.code] ?? error.message;
}

/**
 * Why a fax failed or is being retried, said once under its row: the engine's sentence for a
 * failure (what happened and what to do), the short words for a retry; null otherwise.
 */
export function jobReason(job: Pick<FaxJob, 'status' | 'attempts' | 'nextAttemptAt' | 'lastError'>): string | null {
  if (!job.lastError) return null;
  if (job.status === 'failed') return job.lastError.message;
  if (job.status === 'queued' && job.attempts > 0 && job.nextAttemptAt) return upperFirst(shortReason(job.lastError));
  return null;
}

function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function jobChip(job: FaxJob, locale?: string, timeZone?: string): JobChip {
  switch (job.status) {
    case 'queued':
      // The reason is said once, under the row (jobReason), so the chip stays one short line.
      if (job.attempts > 0 && job.nextAttemptAt)
        return { tone: 'amber', text: `Retrying at ${formatClock(job.nextAttemptAt, locale, timeZone)}` };
      // Send later: waiting for its time, or for the sending window to open.
      if (job.attempts === 0 && job.nextAttemptAt && Date.parse(job.nextAttemptAt) > Date.now()) {
        const at = formatFaxTime(job.nextAttemptAt, new Date(), locale, timeZone);
        return { tone: 'grey', text: job.nextAttemptAt === job.sendAt ? `Scheduled for ${at}` : `Waits for the sending window · ${at}` };
      }
      return { tone: 'grey', text: 'Queued' };
    case 'preparing':
      return { tone: 'blue', text: 'Preparing' };
    case 'sending':
      if (job.pagesSent !== null && job.pages > 0) {
        const current = Math.min(Math.max(job.pagesSent, 1), job.pages);
        return { tone: 'blue', text: `Sending · page ${current} of ${job.pages}` };
      }
      return { tone: 'blue', text: 'Sending' };
    case 'delivered':
      return { tone: 'green', text: 'Delivered' };
    case 'failed':
      return { tone: 'red', text: 'Failed' };
    case 'canceled':
      return { tone: 'grey', text: 'Canceled' };
  }
}

export function pagesLabel(pages: number): string {
  return pages === 1 ? '1 page' : `${pages} pages`;
}
