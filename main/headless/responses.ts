// What every answer of the headless server carries, and the one way to answer in JSON.
import type { ServerResponse } from 'node:http';
import type { RpcReply } from '../../shared/contract';
import type { FaxErrorCode } from '../../shared/errors';
import { httpStatusOf } from '../../shared/errorStatus';
import { CONTENT_SECURITY_POLICY } from '../../shared/webPage';

export { CONTENT_SECURITY_POLICY };

export function setSecurityHeaders(response: ServerResponse): void {
  response.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Referrer-Policy', 'no-referrer');
}

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...headers,
  });
  response.end(text);
}

/** An error in the RpcReply shape, so every client parses one kind of answer; the code decides the status. */
export function sendError(response: ServerResponse, code: FaxErrorCode, message: string, headers: Record<string, string> = {}): void {
  const reply: RpcReply<never> = { ok: false, error: { code, message } };
  sendJson(response, httpStatusOf(code), reply, headers);
}
