// Who may talk to the headless server. The token is printed once at start; anything that
// can reach 127.0.0.1 (another user's browser tab included) must present it. The Host
// check stops DNS rebinding: a page on evil.example re-pointed at 127.0.0.1 still sends
// "Host: evil.example", so it is refused before any route runs.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** 32 random bytes, base64url: safe in a URL query and in a header. */
export function createAccessToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Compares in constant time. Both sides are hashed first so neither the content nor the
 * length of the expected token leaks through timing.
 */
export function tokenMatches(expected: string, presented: string | null | undefined): boolean {
  if (typeof presented !== 'string' || presented.length === 0) return false;
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(presented).digest();
  return timingSafeEqual(a, b);
}

/** The token from `Authorization: Bearer <token>`, or null. */
export function bearerToken(request: IncomingMessage): string | null {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : null;
}

/** The token from the Bearer header, else from `?token=` (EventSource cannot send headers). */
export function presentedToken(request: IncomingMessage, query: URLSearchParams, allowQuery: boolean): string | null {
  return bearerToken(request) ?? (allowQuery ? query.get('token') : null);
}

/** True when the Host header names this server as the browser was told to reach it. */
export function hostAllowed(host: string | undefined, port: number): boolean {
  if (typeof host !== 'string') return false;
  const value = host.trim().toLowerCase();
  return value === `127.0.0.1:${port}` || value === `localhost:${port}`;
}
