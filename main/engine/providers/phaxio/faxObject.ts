// The Phaxio Fax object (contract §4) and what its status and error type mean for a job
// (§5). Phaxio spells `inprogress` without an underscore; the original mapped `in_progress`.
import type { FaxErrorInfo } from '../../../../shared/errors';
import type { ProviderFaxStatus } from '../types';

export interface PhaxioRecipient {
  phone_number?: string | null;
  status?: string | null;
  retry_count?: number | null;
  error_type?: string | null;
  error_id?: number | null;
  error_message?: string | null;
}

export interface PhaxioFax {
  id: number;
  direction?: 'sent' | 'received';
  num_pages?: number | null;
  status?: string | null;
  created_at?: string | null;
  completed_at?: string | null;
  caller_id?: string | null;
  caller_name?: string | null;
  from_number?: string | null;
  to_number?: string | null;
  tags?: Record<string, string> | null;
  recipients?: PhaxioRecipient[] | null;
  error_type?: string | null;
  error_id?: number | null;
  error_message?: string | null;
}

export const KEY_TAG = 'faxbot_key';
export const JOB_TAG = 'faxbot_job';

/** A value read from Phaxio is only trusted once its shape is checked. */
export function isPhaxioFax(value: unknown): value is PhaxioFax {
  if (!value || typeof value !== 'object') return false;
  const fax = value as Record<string, unknown>;
  return typeof fax.id === 'number' && Number.isSafeInteger(fax.id) && fax.id > 0;
}

// lineError ids that no redial can fix: the number itself is wrong (contract §5 table).
const LINE_PERMANENT = new Set([32, 34, 49, 50, 52, 73, 115]);
const BUSY = new Set([17]);
const NO_ANSWER = new Set([16, 30, 87, 112]);
// faxError ids that fail again with the same document (resolution/size).
const FAX_PERMANENT = new Set([7]);

type Failure = FaxErrorInfo & { retryable: boolean };

export function failureOf(
  errorType: string | null | undefined,
  errorId: number | null | undefined,
  errorMessage: string | null | undefined,
): Failure {
  const said = errorMessage ? `Phaxio said: "${errorMessage}"` : 'Phaxio gave no reason';
  const id = typeof errorId === 'number' ? errorId : -1;
  switch (errorType) {
    case 'lineError':
      if (BUSY.has(id)) return { code: 'line_busy', message: `The line was busy (${said}). Faxbot will try again.`, retryable: true };
      if (NO_ANSWER.has(id))
        return { code: 'no_answer', message: `Nobody answered the call (${said}). Faxbot will try again.`, retryable: true };
      if (LINE_PERMANENT.has(id))
        return {
          code: 'number_not_in_service',
          message: `The fax number cannot be reached (${said}): check the number with the recipient.`,
          retryable: false,
        };
      return {
        code: 'provider_error',
        message: `The phone line failed during the call (${said}). Faxbot will try again.`,
        retryable: true,
      };
    case 'documentConversionError':
      return {
        code: 'document_rejected',
        message: `Phaxio could not convert the document for faxing (${said}): save it again as a plain PDF and resend.`,
        retryable: false,
      };
    case 'faxError':
      if (FAX_PERMANENT.has(id))
        return { code: 'document_rejected', message: `The receiving machine cannot take pages of this size (${said}).`, retryable: false };
      return {
        code: 'not_a_fax_machine',
        message: `The far end did not complete the fax handshake (${said}). Faxbot will try again.`,
        retryable: true,
      };
    case 'fatalError':
      return {
        code: 'provider_error',
        message: `Phaxio hit a fatal error sending this fax (${said}): contact Phaxio support if it repeats.`,
        retryable: false,
      };
    case 'generalError':
      return { code: 'provider_error', message: `Phaxio reported a general error (${said}). Faxbot will try again.`, retryable: true };
    default:
      return { code: 'provider_error', message: `Phaxio reported the fax failed (${said}).`, retryable: false };
  }
}

/** The recipient carries the detail for a one-recipient fax; the fax-level fields are the fallback. */
function failureOfFax(fax: PhaxioFax): Failure {
  const recipient = fax.recipients?.find((r) => r?.error_type) ?? null;
  if (recipient) return failureOf(recipient.error_type, recipient.error_id, recipient.error_message);
  return failureOf(fax.error_type, fax.error_id, fax.error_message);
}

export function statusOfFax(fax: PhaxioFax, pagesSent?: number): ProviderFaxStatus {
  const base = { providerFaxId: String(fax.id), idempotencyKey: fax.tags?.[KEY_TAG] || undefined };
  const pages = typeof fax.num_pages === 'number' && fax.num_pages > 0 ? fax.num_pages : undefined;
  switch (fax.status) {
    case 'success':
      return { ...base, state: 'delivered', pagesSent: pages };
    case 'failure':
      return { ...base, state: 'failed', error: failureOfFax(fax) };
    case 'partialsuccess':
      // Cannot happen with one recipient; if it does, the job did not fully go through.
      return { ...base, state: 'failed', error: { ...failureOfFax(fax), retryable: false } };
    case 'inprogress':
      return { ...base, state: 'sending', pagesSent };
    case 'queued':
    case 'pendingbatch':
      return { ...base, state: 'queued' };
    default:
      // A status Phaxio adds later: not final, so keep following it.
      return { ...base, state: 'sending', pagesSent };
  }
}
