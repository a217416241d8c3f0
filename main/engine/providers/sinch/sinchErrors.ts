// Sinch HTTP replies and network failures → FaxErrors a person can act on (contract §3).
import { FaxError } from '../../../../shared/errors';
import { NEVER_SENT } from '../transportErrors';

interface SinchErrorBody {
  code?: unknown;
  error?: unknown;
  message?: unknown;
  detail?: unknown;
  details?: { fieldViolations?: { field?: unknown; description?: unknown }[] };
}

/** Network codes that prove the request never reached Sinch: safe to send again. */

function causeCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * A fetch that threw. When the request may have reached Sinch (timeout, reset) and repeating
 * it is not safe, the outcome is unknown: the queue reconciles by lookup, never resends.
 */
export function transportError(error: unknown, doing: string, safeToRepeat: boolean): FaxError {
  const code = causeCode(error);
  const name = (error as { name?: string })?.name;
  if (code && NEVER_SENT.has(code)) {
    return new FaxError(
      'provider_unavailable',
      `Could not reach Sinch to ${doing} (${code}); check the internet connection and SINCH_BASE_URL. Trying again later.`,
      { retryable: true, cause: error },
    );
  }
  const timedOut = name === 'TimeoutError' || name === 'AbortError';
  if (!safeToRepeat) {
    return new FaxError(
      'outcome_unknown',
      `The connection to Sinch ${timedOut ? 'timed out' : 'broke'} while trying to ${doing}; Faxbot will ask Sinch whether it arrived before sending again.`,
      { retryable: true, cause: error },
    );
  }
  return new FaxError(
    timedOut ? 'provider_timeout' : 'provider_unavailable',
    `The connection to Sinch ${timedOut ? 'timed out' : 'broke'} while trying to ${doing}; trying again later.`,
    { retryable: true, cause: error },
  );
}

function retryAfterSeconds(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const at = Date.parse(header);
  return Number.isFinite(at) ? Math.max(0, Math.ceil((at - Date.now()) / 1000)) : undefined;
}

/** An HTTP reply that was not 2xx. `body` may be empty (Sinch's 401 often is). */
export function httpError(status: number, bodyText: string, retryAfter: string | null, doing: string): FaxError {
  let body: SinchErrorBody = {};
  try {
    const parsed: unknown = JSON.parse(bodyText);
    if (parsed && typeof parsed === 'object') body = parsed as SinchErrorBody;
  } catch {
    // not JSON: keep the status alone
  }
  const said = typeof body.message === 'string' ? body.message : typeof body.detail === 'string' ? body.detail : '';
  if (status === 401 || status === 403) {
    return new FaxError(
      'provider_auth',
      'Sinch refused the credentials: check SINCH_PROJECT_ID, SINCH_API_KEY and SINCH_API_SECRET (Sinch dashboard → Access keys).',
    );
  }
  if (status === 402) {
    return new FaxError('provider_error', 'Sinch refused the fax: the account balance is 0. Top up the Sinch account, then resend.');
  }
  if (status === 404) return new FaxError('not_found', `Sinch does not know this fax (${doing}).`);
  if (status === 422 || status === 400) {
    const violations = (body.details?.fieldViolations ?? []).filter((v) => typeof v?.description === 'string');
    const fields = Object.fromEntries(violations.map((v) => [String(v.field ?? ''), String(v.description)]));
    const text = violations.map((v) => v.description).join('; ') || said || 'the request was refused';
    if ('to' in fields) return new FaxError('invalid_number', `Sinch refused the fax number: ${fields.to}`, { field: 'to', fields });
    if ('file' in fields || 'files' in fields)
      return new FaxError('unsupported_type', `Sinch refused the document: ${fields.file ?? fields.files}`, { fields });
    return new FaxError('provider_error', `Sinch refused the request: ${text}`, { fields: violations.length ? fields : undefined });
  }
  if (status === 429) {
    const wait = retryAfterSeconds(retryAfter);
    const when = wait !== undefined ? `in ${wait} s` : 'shortly';
    return new FaxError('provider_unavailable', `Sinch is limiting requests (HTTP 429); trying again ${when}.`, {
      retryable: true,
      retryAfterMs: wait !== undefined ? wait * 1000 : undefined,
    });
  }
  if (status >= 500)
    return new FaxError('provider_unavailable', `Sinch had a problem (HTTP ${status}); trying again later.`, { retryable: true });
  return new FaxError('provider_error', `Sinch answered HTTP ${status} to ${doing}${said ? `: ${said}` : ''}.`);
}
