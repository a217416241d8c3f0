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
  // Each open stream and what closes it: its engine listener and ping timer.
  const streams = new Map<ServerResponse, () => void>();

  return {
    name: 'events',
    matches: underPath('/events'),
    get openStreams() {
      return streams.size;
    },
    closeAll() {
      // Stop the stream's writers before ending it: a write after end() raises an error.
      for (const [response, cleanUp] of streams) {
        cleanUp();
        response.end();
      }
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
      // Writes stop the moment the stream ends or the tab goes: an event or a ping that comes
      // after would be a write after end, an 'error' on the response that nothing hears.
      const send = (text: string) => {
        if (!response.writableEnded && !response.destroyed) response.write(text);
      };
      // A first line flushes the headers so the browser's EventSource reports "open" now.
      send(': connected\n\n');

      const unsubscribe = engine.on((event, payload) => send(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`));
      const ping = setInterval(() => send(': ping\n\n'), pingEvery);
      ping.unref();

      let cleaned = false;
      const cleanUp = () => {
        if (cleaned) return;
        cleaned = true;
        clearInterval(ping);
        unsubscribe();
        streams.delete(response);
      };
      streams.set(response, cleanUp);
      // A socket error on a stream ends that stream, and only it.
      response.on('error', cleanUp);
      request.once('close', cleanUp);
      response.once('close', cleanUp);
    },
  };
}
