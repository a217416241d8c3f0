// GET /events: engine events as server-sent events. Each browser tab holds one stream;
// its engine listener and ping timer go away the moment the tab disconnects, so a tab
// left open and closed many times leaks nothing.
import type { ServerResponse } from 'node:http';
import type { Engine } from '../engine';
import { presentedToken, tokenMatches } from './auth';
import { sendError } from './responses';
import { underPath, type HeadlessRoute } from './route';

// Proxies and idle timeouts drop silent connections; a comment line every 15 s keeps it open.
const PING_INTERVAL_MS = 15_000;

export interface EventStreams extends HeadlessRoute {
  /** Streams open right now. */
  readonly openStreams: number;
  /** Ends every stream (the server is closing). */
  closeAll(): void;
}

export function createEventsRoute({
  engine,
  token,
  pingIntervalMs,
}: {
  engine: Engine;
  token: string;
  pingIntervalMs?: number;
}): EventStreams {
  const pingEvery = pingIntervalMs ?? PING_INTERVAL_MS;
  const streams = new Set<ServerResponse>();

  return {
    name: 'events',
    matches: underPath('/events'),
    get openStreams() {
      return streams.size;
    },
    closeAll() {
      for (const response of streams) response.end();
      streams.clear();
    },
    handle({ request, response, query }) {
      if (request.method !== 'GET') {
        sendError(response, 'method_not_allowed', 'Listen for events with GET /events.', { Allow: 'GET' });
        return;
      }
      if (!tokenMatches(token, presentedToken(request, query, true))) {
        sendError(
          response,
          'not_signed_in',
          'This Faxbot needs its access token: open the address `faxbot serve` printed, with ?token=… in it.',
        );
        return;
      }
      response.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
        // Tell buffering proxies to pass each event through as it is written.
        'X-Accel-Buffering': 'no',
      });
      // A first line flushes the headers so the browser's EventSource reports "open" now.
      response.write(': connected\n\n');
      streams.add(response);

      const unsubscribe = engine.on((event, payload) => {
        response.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
      });
      const ping = setInterval(() => response.write(': ping\n\n'), pingEvery);
      ping.unref();

      let cleaned = false;
      const cleanUp = () => {
        if (cleaned) return;
        cleaned = true;
        clearInterval(ping);
        unsubscribe();
        streams.delete(response);
      };
      request.once('close', cleanUp);
      response.once('close', cleanUp);
    },
  };
}
