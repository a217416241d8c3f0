// What every answer of the headless server carries, and the one way to answer in JSON.
import type { ServerResponse } from 'node:http';
import type { RpcReply } from '../../shared/contract';
import type { FaxErrorCode } from '../../shared/errors';

// The built renderer needs nothing from elsewhere: no inline scripts, no remote hosts.
// pdf.js draws pages from blob: URLs and runs its worker from 'self' or blob:.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

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

/** An error in the RpcReply shape, so every client parses one kind of answer. */
export function sendError(response: ServerResponse, status: number, code: FaxErrorCode, message: string, headers: Record<string, string> = {}): void {
  const reply: RpcReply<never> = { ok: false, error: { code, message } };
  sendJson(response, status, reply, headers);
}
