// The shapes the API's parts share: the engine as the REST API and MCP see it, a streamed
// document, a route on the local server. Declared apart so the parts import these without
// importing each other, or engine.ts (which builds this folder's ApiAccess: a cycle).
// engine.ts's Engine has all of ApiEngine, so the composition root passes itself.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import type { EngineConfig } from '../config';
import type { PluginCatalog } from '../plugins';
import type { RpcEngine } from '../rpc';
import type { ApiAccess } from './apiAccess';

export interface FaxDocumentStream {
  fileName: string;
  /** The plaintext size, for Content-Length. */
  bytes: number;
  stream: Readable;
}

export interface ApiEngine extends RpcEngine {
  readonly config: EngineConfig;
  /** The keys, audit log, rate limit and on/off state the routes check. */
  readonly api: ApiAccess;
  /** The plugin catalog behind /plugins (schemas, effective settings). */
  readonly plugins: PluginCatalog;
  /** A sent or received fax's PDF as a stream, so a large document never sits whole in memory. */
  openFaxDocument(owner: 'job' | 'inbound', id: string): Promise<FaxDocumentStream>;
}

/** The same shape as the headless server's routes, so either server can carry it. */
export interface ApiHttpRoute {
  name: string;
  matches(pathname: string): boolean;
  handle(call: { request: IncomingMessage; response: ServerResponse; pathname: string; query: URLSearchParams }): void | Promise<void>;
}
