// JSON bodies of the REST endpoints: read with a size limit, then checked against the
// endpoint's zod schema, so a bad body is refused whole with a message per field.
import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';
import { FaxError } from '../../../../shared/errors';
import { fieldErrors } from '../../../../shared/rpc';
import { readRequestBody } from '../../streams';

/** Reads a JSON object body (an empty body is {}); anything else is invalid_input naming what to send. */
export async function readJsonObject(request: IncomingMessage, maxBytes: number, example: string): Promise<Record<string, unknown>> {
  const raw = await readRequestBody(request, maxBytes);
  if (raw === null) throw new FaxError('invalid_input', `The request body is larger than ${maxBytes / 1024} KB; send ${example}.`);
  const text = raw.toString('utf8').trim();
  if (text === '') return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new FaxError(
      'invalid_input',
      `The request body is not JSON: send an object such as ${example} with Content-Type: application/json.`,
    );
  }
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw new FaxError('invalid_input', `The request body must be a JSON object such as ${example}.`);
  return body as Record<string, unknown>;
}

/**
 * The body as `schema` reads it, or invalid_input with every field's message. A key the
 * endpoint does not take is named as its own field, with what to send instead.
 */
export function parseJsonBody<S extends z.ZodType>(schema: S, body: Record<string, unknown>, takes: string): z.output<S> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const extra = parsed.error.issues.flatMap((issue) => (issue.code === 'unrecognized_keys' ? issue.keys : []));
  const fields: Record<string, string> = {};
  for (const key of extra) fields[key.slice(0, 40)] = `this endpoint does not take it: send ${takes}`;
  const byPath = fieldErrors(parsed.error);
  // An object body has no other whole-body issue than keys it should not have, named above.
  if (extra.length) delete byPath['(payload)'];
  Object.assign(fields, byPath);
  const message = extra.length
    ? `The body has ${extra.map((key) => `"${key.slice(0, 40)}"`).join(', ')}, which this endpoint does not take: send ${takes}.`
    : `The body is not usable (${Object.entries(fields)
        .map(([field, why]) => `${field}: ${why}`)
        .join('; ')}).`;
  throw new FaxError('invalid_input', message, { fields });
}
