// The one logger. Fax numbers are patient data: anything that looks like a phone number is
// masked to its last 4 digits before a line is written, and secrets never reach it.
import { maskFaxNumber } from '../../shared/faxNumber';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  child(scope: string): Logger;
}

// A phone-like run of digits, standing on its own: not inside a UUID, a hex id, a timestamp
// or a word (the neighbours are checked), so ids in a log line stay whole and can be matched
// to their job. Separators as people write numbers: spaces, dots, dashes, parentheses.
const PHONE_LIKE = /(?<![\w\-+.])\+?\(?\d[\d\s().-]{5,}\d(?![\w-]|\.\d)/g;
const SECRET_KEY = /secret|password|token|authorization|api[_-]?key|base64/i;
/** Fields that hold a fax or phone number, whatever its format: masked whole. */
const NUMBER_KEY = /^(to|from|number|fax|phone|callerId|caller_id|to_number|from_number|recipient|stationNumber|station_number)$/i;

/**
 * Whether a run of digits found in text reads as a phone number: written with a country code
 * (+…, 8 to 15 digits), or a North American number (10 digits, or 11 starting with 1), or
 * written with the separators people use (7 to 15 digits). A bare run of another length is an
 * id or a count (Phaxio's fax ids are 9 digits), and stays.
 */
function readsAsPhoneNumber(match: string): boolean {
  const digits = match.replace(/\D/g, '');
  if (digits.length < 7 || digits.length > 15) return false;
  // Dates and times (2026-12-07 11:00) and IPv4 addresses are not numbers people dial.
  if (/^\d{4}-\d{2}-\d{2}/.test(match) || /^\d{1,3}(\.\d{1,3}){3}$/.test(match)) return false;
  if (match.startsWith('+')) return digits.length >= 8;
  if (/^\d+$/.test(match)) return digits.length === 10 || (digits.length === 11 && digits.startsWith('1'));
  return true;
}

export function maskPhi(text: string): string {
  return text.replace(PHONE_LIKE, (match) => (readsAsPhoneNumber(match) ? maskFaxNumber(match) : match));
}

function clean(value: unknown, key = ''): unknown {
  if (SECRET_KEY.test(key)) return '[redacted]';
  if (typeof value === 'string') return NUMBER_KEY.test(key) && /\d/.test(value) ? maskFaxNumber(value) : maskPhi(value);
  if (value instanceof Error) return maskPhi(value.message);
  if (Array.isArray(value)) return value.map((v) => clean(v, key));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clean(v, k)]));
  }
  return value;
}

export interface LoggerOptions {
  level?: LogLevel;
  scope?: string;
  write?: (line: string) => void;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? (process.env.FAXBOT_LOG_LEVEL as LogLevel | undefined) ?? 'info';
  const write = options.write ?? ((line: string) => process.stderr.write(line + '\n'));
  const scope = options.scope ?? 'faxbot';
  const emit = (at: LogLevel, message: string, fields?: Record<string, unknown>) => {
    if (ORDER[at] < (ORDER[level] ?? 20)) return;
    const extra = fields ? ' ' + JSON.stringify(clean(fields)) : '';
    write(`${new Date().toISOString()} ${at.toUpperCase().padEnd(5)} [${scope}] ${maskPhi(message)}${extra}`);
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (child) => createLogger({ ...options, level, write, scope: `${scope}:${child}` }),
  };
}
