// Sinch's Fax object → our provider status (contract §5). Sinch retries calls itself before it
// reports FAILURE; our retry policy per errorType/errorCode follows the contract's table.
import type { FaxErrorCode } from '../../../../shared/errors';
import type { ProviderFaxStatus } from '../types';

/** The fields of a Sinch Fax object we read. Parsed leniently: types drift between SDKs. */
export interface SinchFax {
  id: string;
  direction?: string;
  from?: string;
  to?: string;
  status?: string;
  numberOfPages?: number;
  pagesSentSuccessfully?: number;
  createTime?: string;
  completedTime?: string;
  labels?: Record<string, string>;
  errorType?: string;
  errorCode?: number;
  errorMessage?: string;
}

export const LABEL_KEY = 'faxbot_job';

export function asSinchFax(value: unknown): SinchFax | null {
  if (!value || typeof value !== 'object') return null;
  const raw = value as Record<string, unknown>;
  if (typeof raw.id !== 'string' || raw.id === '') return null;
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const num = (v: unknown) => {
    const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
    return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
  };
  let labels: Record<string, string> | undefined;
  if (raw.labels && typeof raw.labels === 'object') {
    labels = Object.fromEntries(Object.entries(raw.labels as Record<string, unknown>).filter(([, v]) => typeof v === 'string')) as Record<
      string,
      string
    >;
  }
  return {
    id: raw.id,
    direction: str(raw.direction),
    from: str(raw.from),
    to: str(raw.to),
    status: str(raw.status),
    numberOfPages: num(raw.numberOfPages),
    pagesSentSuccessfully: num(raw.pagesSentSuccessfully),
    createTime: str(raw.createTime),
    completedTime: str(raw.completedTime),
    labels,
    errorType: str(raw.errorType),
    errorCode: num(raw.errorCode ?? raw.errorId),
    errorMessage: str(raw.errorMessage),
  };
}

const PERMANENT_CALL_ERRORS = new Set([32, 34, 49]);
const PERMANENT_FAX_ERRORS = new Set([7, 25, 46, 75, 76, 79, 113, 133]);

function failureCode(type: string, code: number | undefined): FaxErrorCode {
  if (type === 'DOCUMENT_CONVERSION_ERROR') return 'document_rejected';
  if (type === 'CALL_ERROR') {
    if (code === 17) return 'line_busy';
    if (code === 16 || code === 30) return 'no_answer';
    if (code === 32) return 'not_a_fax_machine';
    if (code === 34 || code === 49) return 'number_not_in_service';
  }
  return 'provider_error';
}

function retryableFailure(type: string, code: number | undefined): boolean {
  switch (type) {
    case 'CALL_ERROR':
      return !PERMANENT_CALL_ERRORS.has(code ?? -1);
    case 'LINE_ERROR':
    case 'GENERAL_ERROR':
      return true;
    case 'FAX_ERROR':
      return !PERMANENT_FAX_ERRORS.has(code ?? -1);
    default: // DOCUMENT_CONVERSION_ERROR, FATAL_ERROR, unknown types
      return false;
  }
}

function failureMessage(fax: SinchFax): string {
  const said = fax.errorMessage?.trim().replace(/\.$/, '');
  if (fax.errorType === 'FAX_ERROR' && fax.errorCode === 46)
    return 'Sinch refused the fax: the account has insufficient funds. Top up the Sinch account, then resend.';
  const where = fax.errorType ? ` (${fax.errorType}${fax.errorCode !== undefined ? ` ${fax.errorCode}` : ''})` : '';
  return `Sinch could not deliver the fax: ${said || 'no reason given'}${where}.`;
}

export function statusFromSinchFax(fax: SinchFax): ProviderFaxStatus {
  const base: ProviderFaxStatus = { providerFaxId: fax.id, state: 'sending' };
  const key = fax.labels?.[LABEL_KEY];
  if (key) base.idempotencyKey = key;
  if (fax.pagesSentSuccessfully !== undefined) base.pagesSent = fax.pagesSentSuccessfully;
  if (fax.status === 'COMPLETED') return { ...base, state: 'delivered', pagesSent: fax.pagesSentSuccessfully ?? fax.numberOfPages };
  if (fax.status === 'FAILURE') {
    const type = fax.errorType ?? 'GENERAL_ERROR';
    return {
      ...base,
      state: 'failed',
      error: { code: failureCode(type, fax.errorCode), message: failureMessage(fax), retryable: retryableFailure(type, fax.errorCode) },
    };
  }
  // QUEUED, IN_PROGRESS and anything unknown (the .NET mocks say PENDING): still at Sinch.
  return base;
}
