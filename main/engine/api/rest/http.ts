// How the REST API answers: JSON bodies, and errors in the shape the original Faxbot's
// clients read (`detail`, a sentence a person can act on) plus our stable `code`.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaxErrorCode } from '../../../../shared/errors';
import { isFaxError } from '../../../../shared/errors';
import type { Engine, FaxDocumentStream } from '../../engine';
import type { ApiPrincipal } from '../principal';
import { streamToClient } from '../../streams';

/** One request to the API, after its key has been checked. */
export interface ApiCall {
  engine: Engine;
  request: IncomingMessage;
  response: ServerResponse;
  /** Path parameters, already URL-decoded. */
  params: Record<string, string>;
  query: URLSearchParams;
  /** Null only on endpoints that need no key (health, the OpenAPI document). */
  principal: ApiPrincipal | null;
}

export interface ApiProblem {
  detail: string;
  code: FaxErrorCode;
  fields?: Record<string, string>;
}

// Which HTTP status each engine error becomes. Documented in README and openapi.json.
const STATUS_BY_CODE: Partial<Record<FaxErrorCode, number>> = {
  invalid_input: 400,
  invalid_number: 400,
  empty_file: 400,
  no_documents: 400,
  not_found: 404,
  // A job that can no longer be canceled: the request was fine, the job's state is not.
  not_allowed: 409,
  file_too_large: 413,
  unsupported_type: 415,
  // The file was understood but cannot be faxed as it is (locked, damaged, too long, tiny pages).
  pdf_encrypted: 422,
  pdf_damaged: 422,
  too_many_pages: 422,
  page_too_small: 422,
  storage_error: 503,
  internal: 500,
};

export function statusForCode(code: FaxErrorCode): number {
  return STATUS_BY_CODE[code] ?? 500;
}

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
    ...headers,
  });
  response.end(text);
}

export function sendProblem(response: ServerResponse, status: number, problem: ApiProblem, headers: Record<string, string> = {}): void {
  sendJson(response, status, problem, headers);
}

/** A thrown error as an answer: FaxErrors keep their sentence; anything else is logged, never leaked. */
export function sendError(call: Pick<ApiCall, 'engine' | 'response'>, error: unknown, headers: Record<string, string> = {}): void {
  if (isFaxError(error)) {
    const problem: ApiProblem = { detail: error.message, code: error.code };
    if (error.fields) problem.fields = error.fields;
    else if (error.field) problem.fields = { [error.field]: error.message };
    sendProblem(call.response, statusForCode(error.code), problem, headers);
    return;
  }
  call.engine.logger.error('REST API request failed unexpectedly', { error });
  sendProblem(call.response, 500, {
    code: 'internal',
    detail: 'Faxbot hit an unexpected problem. The details are in its log; try again, and report it if it happens again.',
  });
}

/**
 * Streams a fax's PDF. The headers (with the plaintext length) go first; a document found
 * damaged part-way cannot change the status any more, so the response is cut short and
 * the client sees fewer bytes than Content-Length promised, never a "complete" bad file.
 * A client that leaves part-way is no error: the document is closed and nothing is logged.
 */
export async function sendPdf(call: ApiCall, document: FaxDocumentStream): Promise<void> {
  const { response } = call;
  response.writeHead(200, {
    'Content-Type': 'application/pdf',
    'Content-Length': String(document.bytes),
    'Content-Disposition': `attachment; filename="${document.fileName}"`,
    // Patient documents: never kept by a browser or proxy cache.
    'Cache-Control': 'no-store',
  });
  try {
    await streamToClient(document.stream, response);
  } catch (error) {
    call.engine.logger.error('a PDF could not be sent in full', { error });
  }
}
