// The one table from an error code to the HTTP status it is answered with. The headless RPC
// route and the REST API both answer through it, so one error never gets two statuses.
// README ("Errors") and /openapi.json describe the same table.
import type { FaxErrorCode } from './errors';

const HTTP_STATUS: Readonly<Record<FaxErrorCode, number>> = {
  // The request itself is wrong: a person or program can fix it and send it again.
  invalid_input: 400,
  invalid_number: 400,
  empty_file: 400,
  no_documents: 400,
  not_found: 404,
  file_too_large: 413,
  unsupported_type: 415,
  // The file was understood but cannot be faxed as it is (locked, damaged, too long, tiny pages).
  pdf_encrypted: 422,
  pdf_damaged: 422,
  too_many_pages: 422,
  page_too_small: 422,
  // Refusals.
  not_signed_in: 401,
  no_permission: 403,
  // The request is fine; the thing it acts on is not in a state that allows it (a fax already sent, no move running).
  wrong_state: 409,
  // Also a conflict, not a lock (423 is WebDAV's): the environment fixes the value, so the request conflicts with it.
  locked_by_env: 409,
  // Turned off on this Faxbot: answered as "not here", as the REST API that is switched off always was.
  feature_off: 404,
  method_not_allowed: 405,
  rate_limited: 429,
  // A transmission's outcome: the request was understood, the far end did not take the fax.
  line_busy: 422,
  no_answer: 422,
  not_a_fax_machine: 422,
  number_not_in_service: 422,
  document_rejected: 422,
  attempts_exhausted: 422,
  // The fax service behind Faxbot failed: a gateway problem, not the caller's.
  provider_unavailable: 503,
  provider_timeout: 504,
  provider_auth: 502,
  provider_error: 502,
  outcome_unknown: 502,
  storage_error: 503,
  // Faxbot's own copy is broken: a server-side fault that retrying will not mend.
  document_damaged: 500,
  internal: 500,
};

export function httpStatusOf(code: FaxErrorCode): number {
  return HTTP_STATUS[code] ?? 500;
}

/** Every code with its status, for the documentation that lists them (openapi.json). */
export function httpStatusTable(): ReadonlyArray<readonly [FaxErrorCode, number]> {
  return Object.entries(HTTP_STATUS) as Array<[FaxErrorCode, number]>;
}
