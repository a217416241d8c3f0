// The shape every part of the headless server has, so later parts (the Faxbot-compatible
// REST API under /fax, /health, /api…) mount beside RPC and events without touching them.
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface HeadlessRequest {
  request: IncomingMessage;
  response: ServerResponse;
  /** The path as sent, without the query; not decoded (a route decodes what it uses). */
  pathname: string;
  query: URLSearchParams;
}

export interface HeadlessRoute {
  /** A name for logs. */
  name: string;
  /** True when this route answers the path. Routes are tried in order; the UI is last. */
  matches(pathname: string): boolean;
  /** Answers the request. Each route checks its own credentials (token, API key…). */
  handle(call: HeadlessRequest): void | Promise<void>;
}

/** Matches `/prefix` and anything under `/prefix/`, never `/prefixed`. */
export function underPath(prefix: string): (pathname: string) => boolean {
  return (pathname) => pathname === prefix || pathname.startsWith(prefix + '/');
}
