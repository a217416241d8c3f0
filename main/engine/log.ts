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

const PHONE_LIKE = /\+?\d[\d\s().-]{6,}\d/g;
const SECRET_KEY = /secret|password|token|authorization|api[_-]?key|base64/i;

export function maskPhi(text: string): string {
  return text.replace(PHONE_LIKE, (match) => (match.replace(/\D/g, '').length >= 7 ? maskFaxNumber(match) : match));
}

function clean(value: unknown, key = ''): unknown {
  if (SECRET_KEY.test(key)) return '[redacted]';
  if (typeof value === 'string') return maskPhi(value);
  if (value instanceof Error) return maskPhi(value.message);
  if (Array.isArray(value)) return value.map((v) => clean(v));
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
