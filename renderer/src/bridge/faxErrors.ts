// What the page makes of a failure, whatever carried it. The HTTP bridge throws a FaxError;
// the preload's rejection crosses Electron's contextBridge, which copies a plain object whole
// but rebuilds an Error from its message alone; a bug may throw anything. Here each becomes
// one FaxError with the engine's code, sentence and field messages, and one function says
// it in words for the page.
import { FAX_ERROR_CODES, FaxError, type FaxErrorCode } from '../../../shared/errors';

/** Said when a failure brought no sentence of its own. */
export const NO_SENTENCE = 'Faxbot could not do that. Try again, and restart Faxbot if it keeps happening.';

const KNOWN_CODES = new Set<string>(FAX_ERROR_CODES);

function codeOf(value: unknown): FaxErrorCode {
  return typeof value === 'string' && KNOWN_CODES.has(value) ? (value as FaxErrorCode) : 'internal';
}

function sentenceOf(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value : null;
}

/** Field messages only where both the name and the message are text; anything else is dropped. */
function fieldsOf(value: unknown): Record<string, string> | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const fields: Record<string, string> = {};
  for (const [name, message] of Object.entries(value)) if (sentenceOf(message)) fields[name] = message as string;
  return Object.keys(fields).length > 0 ? fields : undefined;
}

/**
 * The one conversion: a FaxError stays as it is; a plain object with the engine's fields
 * (what the preload sends) keeps its code, sentence and fields; an Error keeps its message
 * as an 'internal' error; anything else becomes an 'internal' error with a generic sentence.
 */
export function faxErrorOf(reason: unknown): FaxError {
  if (reason instanceof FaxError) return reason;
  if (typeof reason === 'string') return new FaxError('internal', sentenceOf(reason) ?? NO_SENTENCE);
  if (!reason || typeof reason !== 'object') return new FaxError('internal', NO_SENTENCE, { cause: reason });
  const info = reason as Record<string, unknown>;
  const retryAfterMs = typeof info.retryAfterMs === 'number' && info.retryAfterMs >= 0 ? info.retryAfterMs : undefined;
  return new FaxError(codeOf(info.code), sentenceOf(info.message) ?? NO_SENTENCE, {
    retryable: info.retryable === true,
    field: sentenceOf(info.field) ?? undefined,
    fields: fieldsOf(info.fields),
    retryAfterMs,
    cause: reason,
  });
}

/** The sentence for the page: the error's own, or `fallback` when it has none. */
export function errorSentence(error: unknown, fallback: string = NO_SENTENCE): string {
  if (error instanceof Error) return sentenceOf(error.message) ?? fallback;
  if (error && typeof error === 'object') return sentenceOf((error as { message?: unknown }).message) ?? fallback;
  return sentenceOf(error) ?? fallback;
}

/**
 * The engine's messages by form field. `nameOf` maps the engine's path ("scopes.0",
 * "phaxio.apiKey") to the form's field name; an error about one field (`field`) counts too.
 */
export function fieldMessages(error: unknown, nameOf: (path: string) => string = (path) => path): Record<string, string> {
  const { fields, field, message } = faxErrorOf(error);
  const out: Record<string, string> = {};
  for (const [path, text] of Object.entries(fields ?? {})) out[nameOf(path)] ??= text;
  if (field) out[nameOf(field)] ??= message;
  return out;
}
