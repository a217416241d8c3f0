// Parsing a call that crossed a boundary. Both transports (Electron IPC and headless HTTP)
// pass the raw payload through here before the engine sees it.
import type { z } from 'zod';
import { operations, type OperationArgs, type OperationName } from './contract';
import { FaxError } from './errors';

/** Said when the other side answers something that is not the contract's (any transport). */
export const NOT_UNDERSTOOD =
  'Faxbot answered in a way this window does not understand. Restart Faxbot, and report it if it happens again.';

export function isOperationName(name: unknown): name is OperationName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(operations, name);
}

/** Field errors as "path: message", for a person reading them in the UI or a 400 body. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.length ? issue.path.join('.') : '(payload)';
    fields[path] ??= issue.message;
  }
  return fields;
}

export function parseOperationInput<N extends OperationName>(name: N, raw: unknown): OperationArgs<N> {
  const parsed = operations[name].input.safeParse(raw ?? {});
  if (!parsed.success) {
    const fields = fieldErrors(parsed.error);
    const summary = Object.entries(fields)
      .map(([path, message]) => `${path}: ${message}`)
      .join('; ');
    throw new FaxError('invalid_input', `The ${name} request is not valid (${summary}).`, { fields });
  }
  return parsed.data as OperationArgs<N>;
}
