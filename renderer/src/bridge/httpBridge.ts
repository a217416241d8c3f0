// window.faxbot over the headless HTTP protocol (DESIGN.md, "The one contract, two
// transports"): POST /rpc/<operation> with the access token, and server-sent events.
import { EVENT_NAMES, OPERATION_NAMES, type EventName, type EventPayload, type FaxbotApi, type RpcReply } from '../../../shared/contract';
import { FaxError, FAX_ERROR_CODES, type FaxErrorCode } from '../../../shared/errors';

export const TOKEN_STORAGE_KEY = 'faxbot.token';

interface PageLocation {
  href: string;
}
interface PageHistory {
  state: unknown;
  replaceState(data: unknown, unused: string, url?: string | URL | null): void;
}
interface TokenStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/**
 * Takes the access token from the page address once, keeps it for this tab, and removes it
 * from the address bar so it does not end up in bookmarks, history or screenshots.
 */
export function readAccessToken(location: PageLocation, storage: TokenStorage, history: PageHistory): string | null {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    storage.setItem(TOKEN_STORAGE_KEY, fromUrl);
    url.searchParams.delete('token');
    history.replaceState(history.state, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return storage.getItem(TOKEN_STORAGE_KEY);
}

export interface HttpBridgeOptions {
  token: string;
  /** Origin (and path prefix) of the headless server; '' means this page's own origin. */
  baseUrl?: string;
  fetch?: typeof fetch;
  EventSource?: typeof EventSource;
}

function errorCode(value: unknown): FaxErrorCode {
  return (FAX_ERROR_CODES as readonly string[]).includes(value as string) ? (value as FaxErrorCode) : 'internal';
}

/** A reply that is not the protocol's JSON (a proxy page, a dropped connection) still becomes an error a person can read. */
async function readReply(response: Response): Promise<RpcReply<unknown>> {
  try {
    const body = (await response.json()) as RpcReply<unknown>;
    if (body && typeof body === 'object' && 'ok' in body) return body;
  } catch {
    // fall through to the generic reply below
  }
  const code = response.status === 401 ? 'not_signed_in' : 'internal';
  const message =
    response.status === 401
      ? 'This page is not signed in to Faxbot. Open the link Faxbot printed when it started (it ends in ?token=…).'
      : `Faxbot answered with an unexpected reply (HTTP ${response.status}). Check that Faxbot is still running.`;
  return { ok: false, error: { code, message } };
}

/** The HTTP bridge also says when its event stream came back after a break, so the desk can reload what it may have missed. */
export type HttpFaxbotApi = FaxbotApi & { onReconnect(listener: () => void): () => void };

export function createHttpBridge(options: HttpBridgeOptions): HttpFaxbotApi {
  const baseUrl = (options.baseUrl ?? '').replace(/\/$/, '');
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const EventSourceImpl = options.EventSource ?? globalThis.EventSource;
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const reconnectListeners = new Set<() => void>();
  let source: EventSource | null = null;
  let broken = false;

  async function call(operation: string, input: unknown): Promise<unknown> {
    let response: Response;
    try {
      response = await doFetch(`${baseUrl}/rpc/${operation}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${options.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(input ?? {}),
      });
    } catch (cause) {
      throw new FaxError('internal', 'Faxbot is not answering. Check that it is still running, then try again.', { cause });
    }
    const reply = await readReply(response);
    if (reply.ok) return reply.result;
    throw new FaxError(errorCode(reply.error.code), reply.error.message, {
      retryable: reply.error.retryable,
      field: reply.error.field,
      fields: reply.error.fields,
    });
  }

  // One stream for every event, opened when the first listener arrives. EventSource
  // reconnects by itself after a dropped connection.
  function ensureStream(): void {
    if (source || !EventSourceImpl) return;
    source = new EventSourceImpl(`${baseUrl}/events?token=${encodeURIComponent(options.token)}`);
    source.addEventListener('error', () => {
      broken = true;
    });
    source.addEventListener('open', () => {
      if (!broken) return;
      broken = false;
      for (const listener of reconnectListeners) listener();
    });
    for (const name of EVENT_NAMES) {
      source.addEventListener(name, (message) => {
        let payload: unknown;
        try {
          payload = JSON.parse((message as MessageEvent<string>).data);
        } catch {
          return; // a malformed event is dropped rather than breaking the page
        }
        for (const listener of listeners.get(name) ?? []) listener(payload);
      });
    }
  }

  const api: Record<string, unknown> = {};
  for (const name of OPERATION_NAMES) api[name] = (input: unknown) => call(name, input);
  api.on = <N extends EventName>(event: N, listener: (payload: EventPayload<N>) => void) => {
    const set = listeners.get(event) ?? new Set();
    listeners.set(event, set);
    const wrapped = listener as (payload: unknown) => void;
    set.add(wrapped);
    ensureStream();
    return () => {
      set.delete(wrapped);
    };
  };
  api.onReconnect = (listener: () => void) => {
    reconnectListeners.add(listener);
    return () => {
      reconnectListeners.delete(listener);
    };
  };
  return api as HttpFaxbotApi;
}
