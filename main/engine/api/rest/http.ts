// How the REST API answers: JSON bodies, and errors in the shape the original Faxbot's
// clients read (`detail`, a sentence a person can act on) plus our stable `code`.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { FaxErrorCode } from '../../../../shared/errors';
import { isFaxError } from '../../../../shared/errors';
import { httpStatusOf } from '../../../../shared/errorStatus';
import type { ApiEngine, FaxDocumentStream } from '../types';
import type { ApiPrincipal } from '../principal';
import { streamToClient } from '../../streams';

/** One request to the API, after its key has been checked. */
export interface ApiCall {
  engine: ApiEngine;
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

/** An error answer; its status comes from its code (shared/errorStatus), as on the RPC route. */
export function sendProblem(response: ServerResponse, problem: ApiProblem, headers: Record<string, string> = {}): void {
  sendJson(response, httpStatusOf(problem.code), problem, headers);
}

/** A thrown error as an answer: FaxErrors keep their sentence; anything else is logged, never leaked. */
export function sendError(call: Pick<ApiCall, 'engine' | 'response'>, error: unknown, headers: Record<string, string> = {}): void {
  if (isFaxError(error)) {
    const problem: ApiProblem = { detail: error.message, code: error.code };
    if (error.fields) problem.fields = error.fields;
    else if (error.field) problem.fields = { [error.field]: error.message };
    sendProblem(call.response, problem, headers);
    return;
  }
  call.engine.logger.error('REST API request failed unexpectedly', { error });
  sendProblem(call.response, {
    code: 'internal',
    detail: 'Faxbot hit an unexpected problem. The details are in its log; try again, and report it if it happens again.',
  });
}

/**
 * Streams a fax's PDF. Its first chunk is opened (decrypted and checked) before any header
 * goes out, so damage found there — all of a small document — is answered as JSON with its
 * sentence and `document_damaged`. Damage found later cannot change the status any more: the
 * response is cut short and the client sees fewer bytes than Content-Length promised, never a
 * "complete" bad file. A client that leaves part-way is no error: the document is closed.
 */
export async function sendPdf(call: ApiCall, document: FaxDocumentStream): Promise<void> {
  const { response } = call;
  let body: Readable;
  try {
    body = await withFirstChunkChecked(document.stream);
  } catch (error) {
    document.stream.destroy();
    sendError(call, error);
    return;
  }
  response.writeHead(200, {
    'Content-Type': 'application/pdf',
    'Content-Length': String(document.bytes),
    'Content-Disposition': `attachment; filename="${document.fileName}"`,
    // Patient documents: never kept by a browser or proxy cache.
    'Cache-Control': 'no-store',
  });
  try {
    await streamToClient(body, response);
  } catch (error) {
    call.engine.logger.error('a PDF could not be sent in full', { error });
  }
}

/** The same bytes, after the first chunk was read: a stream that fails at once fails here instead. */
async function withFirstChunkChecked(source: Readable): Promise<Readable> {
  const chunks = source[Symbol.asyncIterator]();
  const first = await chunks.next();
  const body = Readable.from(
    (async function* () {
      if (first.done) return;
      yield first.value as Buffer;
      for (;;) {
        const next = await chunks.next();
        if (next.done) return;
        yield next.value as Buffer;
      }
    })(),
  );
  // A client that leaves closes the body; the document's own stream (its open file) goes with it.
  body.once('close', () => source.destroy());
  return body;
}
