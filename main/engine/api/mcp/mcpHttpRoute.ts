// MCP over streamable HTTP on the local server (POST /mcp), behind the same API keys as
// the REST API. Stateless: each POST gets its own server bound to the caller's scopes,
// so one key's permissions can never leak into another's request.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../../log';
import type { FaxTools } from './faxTools';

/** The MCP SDK, loaded on the first /mcp request rather than at every start. */
const loadMcp = () => Promise.all([import('./faxbotMcpServer'), import('@modelcontextprotocol/sdk/server/streamableHttp.js')]);
import { maxMessageBytes } from './faxFile';

/** Who is calling; the REST API's ApiPrincipal fits ('*' grants every scope). */
export interface McpCaller {
  keyId?: string;
  scopes: ReadonlySet<string>;
}

export interface McpHttpRouteOptions {
  tools: FaxTools;
  /** The caller behind a presented key (null when none was sent), or null when it is wrong or revoked: ApiAccess.authenticate. */
  authenticate: (presentedKey: string | null) => McpCaller | null | Promise<McpCaller | null>;
  /** Counts a call against the key's rate limit; a refusal is answered 429 with Retry-After. */
  admit?: (caller: McpCaller) => { ok: true } | { ok: false; retryAfterSeconds: number };
  /** False while the API is turned off in Settings: the route answers 404 as the REST API does. */
  enabled?: () => boolean;
  maxFileSizeMb: number;
  logger?: Logger;
  /** Where the route answers; /mcp by default. */
  path?: string;
}

/** The shape of the local server's routes (ApiHttpRoute), so it rides in the API's extraRoutes. */
export interface McpHttpRoute {
  name: 'mcp';
  matches(pathname: string): boolean;
  handle(call: { request: IncomingMessage; response: ServerResponse }): Promise<void>;
}

function jsonRpcError(response: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...headers });
  response.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message }, id: null }));
}

/** X-API-Key, or "Authorization: Bearer <key>", which is all many MCP clients can send. */
function presentedKey(request: IncomingMessage): string | null {
  const header = request.headers['x-api-key'];
  if (typeof header === 'string' && header !== '') return header;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
  return match ? match[1] : null;
}

export function createMcpHttpRoute(options: McpHttpRouteOptions): McpHttpRoute {
  const path = options.path ?? '/mcp';
  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    if (options.enabled && !options.enabled()) {
      jsonRpcError(response, 404, 'The Faxbot API (and MCP over HTTP) is turned off: turn it on in Settings → API keys.');
      return;
    }
    let caller: McpCaller | null;
    try {
      caller = await options.authenticate(presentedKey(request));
    } catch (error) {
      options.logger?.error('MCP authentication failed unexpectedly', { error });
      jsonRpcError(response, 500, 'Faxbot could not check the API key. The details are in its log.');
      return;
    }
    if (!caller) {
      jsonRpcError(
        response,
        401,
        'An API key is needed: send it in the X-API-Key header (or Authorization: Bearer). Create one in Settings → API keys.',
      );
      return;
    }
    if (request.method !== 'POST') {
      // Stateless: no server-to-client stream (GET) and no session to end (DELETE).
      jsonRpcError(response, 405, 'Faxbot MCP answers POST only (stateless streamable HTTP).', { Allow: 'POST' });
      return;
    }
    const admitted = options.admit?.(caller) ?? { ok: true };
    if (!admitted.ok) {
      jsonRpcError(response, 429, `Too many requests with this API key: wait ${admitted.retryAfterSeconds} s and try again.`, {
        'Retry-After': String(admitted.retryAfterSeconds),
      });
      return;
    }

    const scopes = caller.scopes;
    const [{ createFaxbotMcpServer }, { StreamableHTTPServerTransport }] = await loadMcp();
    const server = createFaxbotMcpServer(options.tools, {
      allowedScopes: (scope) => scopes.has('*') || scopes.has(scope),
      maxFileSizeMb: options.maxFileSizeMb,
      allowFilePaths: false,
      logger: options.logger,
    });
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
      maxRequestBodySize: maxMessageBytes(options.maxFileSizeMb),
    });
    response.on('close', () => {
      void transport.close();
      void server.close();
    });
    try {
      await server.connect(transport);
      await transport.handleRequest(request, response);
    } catch (error) {
      options.logger?.error('MCP request failed unexpectedly', { error });
      if (!response.headersSent) jsonRpcError(response, 500, 'Faxbot hit an unexpected problem. The details are in its log.');
      else response.end();
    }
  };
  return { name: 'mcp', matches: (pathname) => pathname === path, handle: ({ request, response }) => handle(request, response) };
}
