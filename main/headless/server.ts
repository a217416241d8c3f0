// The headless server: the engine's contract and the built window, served to a browser on
// 127.0.0.1 only. Every request passes the same gate (security headers, Host check), then
// the first route whose path matches answers it; the window is the last route.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Engine } from '../engine';
import { droppedForGoneClient } from '../engine/streams';
import { createAccessToken, hostAllowed } from './auth';
import { createEventsRoute } from './events';
import { sendError, setSecurityHeaders } from './responses';
import type { HeadlessRoute } from './route';
import { createRpcRoute, rpcBodyLimit } from './rpcRoute';
import { createStaticFilesRoute } from './staticFiles';

export interface HeadlessServerOptions {
  engine: Engine;
  /** 0 picks any free port. */
  port: number;
  /** Loopback only: the server holds patient data and trusts its token, not the network. */
  host?: '127.0.0.1';
  /** The built renderer (out/renderer). When it is missing, a page says how to build it. */
  rendererDir: string;
  /** The access token; a fresh random one when omitted. */
  token?: string;
  /** More routes (the REST API), tried after RPC and events and before the window. */
  routes?: HeadlessRoute[];
  /** Largest RPC body; by default enough for one base64 file of MAX_FILE_SIZE_MB. */
  maxBodyBytes?: number;
  /** How often an idle event stream gets a ": ping" comment; 15 s by default. */
  eventPingMs?: number;
}

export interface HeadlessServer {
  /** Where the server answers, e.g. http://127.0.0.1:8080 (no token). */
  url: string;
  /** The address to open in a browser, with the token: http://127.0.0.1:8080/?token=… */
  uiUrl: string;
  port: number;
  token: string;
  /** Event streams open right now. */
  readonly openEventStreams: number;
  /** Stops listening and ends open connections. The engine stays open: its owner closes it. */
  close(): Promise<void>;
}

/** How long an idle keep-alive connection is kept open (see createServer below). */
export const IDLE_KEEP_ALIVE_MS = 65_000;

export async function startHeadlessServer(options: HeadlessServerOptions): Promise<HeadlessServer> {
  const { engine, rendererDir } = options;
  const host = options.host ?? '127.0.0.1';
  if (host !== '127.0.0.1') throw new Error('The headless server listens on 127.0.0.1 only.');
  const token = options.token ?? createAccessToken();
  if (token.length < 16) throw new Error('The access token must be at least 16 characters.');
  const log = engine.logger.child('headless');

  const events = createEventsRoute({ engine, token, pingIntervalMs: options.eventPingMs });
  const routes: HeadlessRoute[] = [
    createRpcRoute({ engine, token, maxBodyBytes: options.maxBodyBytes ?? rpcBodyLimit(engine.config.maxFileSizeMb) }),
    events,
    ...(options.routes ?? []),
    createStaticFilesRoute({ rendererDir }),
  ];

  let port = options.port;
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    setSecurityHeaders(response);
    if (!hostAllowed(request.headers.host, port)) {
      sendError(response, 'no_permission', `This Faxbot answers only at http://127.0.0.1:${port} or http://localhost:${port}.`);
      return;
    }
    const target = request.url ?? '';
    // Origin-form only ("/path?query"); absolute-form and "*" targets are not for us.
    if (!target.startsWith('/')) {
      sendError(response, 'invalid_input', 'The request path must start with /.');
      return;
    }
    const queryAt = target.indexOf('?');
    const pathname = queryAt === -1 ? target : target.slice(0, queryAt);
    const query = new URLSearchParams(queryAt === -1 ? '' : target.slice(queryAt + 1));
    const route = routes.find((r) => r.matches(pathname));
    if (!route) {
      sendError(response, 'not_found', 'Nothing is served at that address.');
      return;
    }
    try {
      await route.handle({ request, response, pathname, query });
    } catch (error) {
      if (droppedForGoneClient(request, response)) return;
      log.error('request failed', { route: route.name, error });
      if (!response.headersSent) {
        sendError(response, 'internal', 'Faxbot hit an unexpected problem. The details are in its log; try again.');
      } else {
        response.destroy();
      }
    }
  };

  // Idle keep-alive connections outlive the clients' own idle timers (browsers, Node's fetch:
  // 4–5 s), so the client always closes first: a server closing at the same moment as a
  // client reuses the socket is the "ECONNRESET" a busy machine shows now and then.
  const server = createServer({ keepAliveTimeout: IDLE_KEEP_ALIVE_MS }, (request, response) => void handle(request, response));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  server.on('error', (error) => log.error('server error', { error }));

  const url = `http://127.0.0.1:${port}`;
  let closing: Promise<void> | null = null;
  return {
    url,
    uiUrl: `${url}/?token=${token}`,
    port,
    token,
    get openEventStreams() {
      return events.openStreams;
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        events.closeAll();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
