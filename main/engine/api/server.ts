// Where the API is served. `faxbot serve` mounts `createApiRoute` on its local server beside
// the window; the Electron app, which has no HTTP server of its own, runs `startApiServer`
// on 127.0.0.1 while the API is enabled. Extra routes (MCP at /mcp now; webhooks or plugins
// later) ride on the same gate: off → 404, on → they check their own keys.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiEngine, ApiHttpRoute } from './types';
import { droppedForGoneClient } from '../streams';
import { sendProblem } from './rest/http';
import { API_PATH_PREFIXES, dispatchApiRequest } from './rest/routes';
import { defaultExtraRoutes } from './localRoutes';

export interface ApiRouteOptions {
  engine: ApiEngine;
  /** More routes behind the same on/off gate; by default MCP's streamable HTTP at /mcp. */
  extraRoutes?: readonly ApiHttpRoute[];
}

const under = (prefix: string, pathname: string) => pathname === prefix || pathname.startsWith(prefix + '/');

export function createApiRoute({ engine, extraRoutes = defaultExtraRoutes(engine) }: ApiRouteOptions): ApiHttpRoute {
  return {
    name: 'api',
    matches: (pathname) =>
      API_PATH_PREFIXES.some((prefix) => under(prefix, pathname)) || extraRoutes.some((route) => route.matches(pathname)),
    async handle(call) {
      if (!engine.api.isEnabled()) {
        sendProblem(call.response, { code: 'feature_off', detail: `The Faxbot REST API is turned off. ${engine.api.offReason()}` });
        return;
      }
      const extra = extraRoutes.find((route) => route.matches(call.pathname));
      if (extra) await extra.handle(call);
      else await dispatchApiRequest({ engine, ...call });
    },
  };
}

export interface ApiServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** A 127.0.0.1-only server carrying just the API (for the Electron app). */
export async function startApiServer(options: ApiRouteOptions & { port: number }): Promise<ApiServer> {
  const { engine } = options;
  const route = createApiRoute(options);
  let port = options.port;
  // As the headless server: idle keep-alive connections outlive the clients' own idle timers.
  const server = createServer({ keepAliveTimeout: 65_000 }, (request, response) => {
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Referrer-Policy', 'no-referrer');
    // A page elsewhere re-pointed at 127.0.0.1 (DNS rebinding) still sends its own Host: refuse it.
    const host = String(request.headers.host ?? '').toLowerCase();
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      sendProblem(response, { code: 'no_permission', detail: `This Faxbot answers only at http://127.0.0.1:${port}.` });
      return;
    }
    const target = request.url ?? '/';
    const at = target.indexOf('?');
    const pathname = at === -1 ? target : target.slice(0, at);
    const query = new URLSearchParams(at === -1 ? '' : target.slice(at + 1));
    if (!route.matches(pathname)) {
      sendProblem(response, {
        code: 'not_found',
        detail: 'The Faxbot API has nothing at that address: the endpoints are listed at /openapi.json.',
      });
      return;
    }
    Promise.resolve(route.handle({ request, response, pathname, query })).catch((error: unknown) => {
      if (droppedForGoneClient(request, response)) return;
      engine.logger.error('REST API request failed', { error });
      if (!response.headersSent)
        sendProblem(response, {
          code: 'internal',
          detail: 'Faxbot hit an unexpected problem. The details are in its log; try again.',
        });
      else response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  server.on('error', (error) => engine.logger.error('REST API server error', { error }));
  const url = `http://127.0.0.1:${port}`;
  engine.api.setBaseUrl(url);
  let closing: Promise<void> | null = null;
  return {
    url,
    port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

/**
 * Keeps an API server running exactly while the API is enabled, following Settings. Returns
 * a stop function. A port in use is logged, not fatal: the app still works without the API.
 */
export function serveApiWhileEnabled(options: ApiRouteOptions & { port: number }): () => Promise<void> {
  const { engine } = options;
  let current: Promise<ApiServer | null> = Promise.resolve(null);
  const apply = (enabled: boolean) => {
    current = current.then(async (server) => {
      if (enabled && !server) {
        return startApiServer(options).then(
          (started) => {
            engine.logger.info('REST API listening', { url: started.url });
            return started;
          },
          (error: unknown) => {
            engine.logger.warn(
              `The REST API could not listen on 127.0.0.1:${options.port}: ${(error as Error).message}. Set FAXBOT_PORT to a free port.`,
            );
            return null;
          },
        );
      }
      if (!enabled && server) await server.close();
      return enabled ? server : null;
    });
  };
  const unsubscribe = engine.api.onEnabledChanged(apply);
  apply(engine.api.isEnabled());
  return async () => {
    unsubscribe();
    apply(false);
    await current;
  };
}
