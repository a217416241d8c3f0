// Errors a person can act on. Every error the engine reports carries a stable code the UI
// maps to help text, a sentence that says what is wrong and how to fix it, and, for a
// failed transmission, whether another attempt could succeed.

export const FAX_ERROR_CODES = [
  // input
  'invalid_input',
  'invalid_number',
  'unsupported_type',
  'empty_file',
  'file_too_large',
  'too_many_pages',
  'pdf_encrypted',
  'pdf_damaged',
  'page_too_small',
  'no_documents',
  'not_found',
  // refusals: who is asking, what the request may do now, what this Faxbot has turned on
  'not_signed_in',
  'no_permission',
  'wrong_state',
  'locked_by_env',
  'feature_off',
  'method_not_allowed',
  'rate_limited',
  // transmission
  'line_busy',
  'no_answer',
  'not_a_fax_machine',
  'number_not_in_service',
  'document_rejected',
  'provider_unavailable',
  'provider_timeout',
  'provider_auth',
  'provider_error',
  'outcome_unknown',
  'attempts_exhausted',
  // engine
  'storage_error',
  /** A stored document failed its integrity check: the bytes on disk (or in S3) were changed. */
  'document_damaged',
  'internal',
] as const;
export type FaxErrorCode = (typeof FAX_ERROR_CODES)[number];

export interface FaxErrorInfo {
  code: FaxErrorCode;
  message: string;
  retryable?: boolean;
  /** The input field the error is about, when there is one. */
  field?: string;
  /** Field-by-field messages for a payload that failed its schema. */
  fields?: Record<string, string>;
  /** How long the provider asked us to wait before trying again (a 429's Retry-After). */
  retryAfterMs?: number;
}

export class FaxError extends Error {
  readonly code: FaxErrorCode;
  readonly retryable: boolean;
  readonly field?: string;
  readonly fields?: Record<string, string>;
  readonly retryAfterMs?: number;

  constructor(
    code: FaxErrorCode,
    message: string,
    options: { retryable?: boolean; field?: string; fields?: Record<string, string>; retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'FaxError';
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.field = options.field;
    this.fields = options.fields;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
  }

  toInfo(): FaxErrorInfo {
    const info: FaxErrorInfo = { code: this.code, message: this.message };
    if (this.retryable) info.retryable = true;
    if (this.field) info.field = this.field;
    if (this.fields) info.fields = this.fields;
    if (this.retryAfterMs !== undefined) info.retryAfterMs = this.retryAfterMs;
    return info;
  }

  static from(info: FaxErrorInfo): FaxError {
    return new FaxError(info.code, info.message, info);
  }
}

export function isFaxError(value: unknown): value is FaxError {
  return value instanceof FaxError;
}

/** Failures that say the number itself is wrong: resending to it unchanged would only fail again. */
export const NUMBER_PROBLEM_CODES: readonly FaxErrorCode[] = ['not_a_fax_machine', 'number_not_in_service', 'invalid_number'];

/** Whether a fax's last error says its number is the problem (Edit and resend, not Resend). */
export function isNumberProblem(error: Pick<FaxErrorInfo, 'code'> | null | undefined): boolean {
  return error !== null && error !== undefined && NUMBER_PROBLEM_CODES.includes(error.code);
}
