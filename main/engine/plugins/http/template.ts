// Request templates: `{{name}}` placeholders replaced by values, and nothing else — no
// expressions, no filters, no code. Each value is encoded for where it lands (URL-encoded in
// URLs and forms, JSON-escaped in JSON bodies), so a value can never change the request's shape.
import { FaxError } from '../../../../shared/errors';

/** Placeholders a request may use besides settings.<field> and creds.<field>. */
export const FAX_PLACEHOLDERS = [
  'to',
  'file',
  'file_base64',
  'idempotency_key',
  'job_id',
  'pages',
  'from_number',
  'from_name',
  'header_text',
  'fax_id',
] as const;

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const NAME = /^(?:[a-z][a-z0-9_]*|settings\.[a-z][a-z0-9_]*|creds\.[a-z][a-z0-9_]*)$/;

/** Every placeholder name in a text, in order; malformed ones come back as they are written. */
export function placeholdersIn(text: string): string[] {
  return Array.from(text.matchAll(PLACEHOLDER), (match) => match[1] ?? '');
}

/** Every string inside a template value (a JSON body template is any JSON value). */
export function stringsIn(template: unknown): string[] {
  if (typeof template === 'string') return [template];
  if (Array.isArray(template)) return template.flatMap(stringsIn);
  if (template && typeof template === 'object') return Object.entries(template).flatMap(([key, value]) => [key, ...stringsIn(value)]);
  return [];
}

export function isWellFormedName(name: string): boolean {
  return NAME.test(name);
}

/** Looks a placeholder up; the caller has checked every name when the manifest was saved. */
export type PlaceholderValues = (name: string) => string;

export function fill(text: string, values: PlaceholderValues, encode: (value: string) => string = (v) => v): string {
  return text.replace(PLACEHOLDER, (_, name: string) => encode(values(name)));
}

/** A URL template: values go in URL-encoded, so a value cannot add a path, a query or a host. */
export function fillUrl(text: string, values: PlaceholderValues): string {
  return fill(text, values, encodeURIComponent);
}

/** A header value: a value with a line break would start a new header, so it is refused. */
export function fillHeader(name: string, text: string, values: PlaceholderValues): string {
  const value = fill(text, values);
  if (/[\r\n\0]/.test(value))
    throw new FaxError('invalid_input', `The value for header ${name} contains a line break, which a header cannot carry.`);
  return value;
}

/**
 * A JSON body template: the structure is the manifest's, every string in it is filled, and
 * the result is serialised by JSON.stringify, which escapes whatever the values contain.
 */
export function fillJson(template: unknown, values: PlaceholderValues): unknown {
  if (typeof template === 'string') return fill(template, values);
  if (Array.isArray(template)) return template.map((item) => fillJson(item, values));
  if (template && typeof template === 'object') {
    return Object.fromEntries(Object.entries(template).map(([key, value]) => [fill(key, values), fillJson(value, values)]));
  }
  return template;
}

/** True when a whole template value is exactly one placeholder, e.g. "{{file}}". */
export function isOnly(text: string, name: string): boolean {
  const match = /^\{\{\s*([^{}]*?)\s*\}\}$/.exec(text);
  return match?.[1] === name;
}
