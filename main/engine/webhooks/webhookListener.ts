// The webhook listener: its own HTTP server on 127.0.0.1, separate from the UI/API server.
// It serves only POST /<path secret>/<provider>/<route> for routes providers register (and
// the self-test); everything else is a bare 404. It answers as soon as a request is verified
// and recorded, and applies the events after answering, so a slow sink never delays a provider.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { FaxError } from '../../../shared/errors';
import type { Logger } from '../log';
import type { ProviderSink } from '../providers/types';
import { droppedForGoneClient, readRequestBody } from '../streams';
import { isFormContentType, parseFormBody } from './formBody';
import type { WebhookEvent, WebhookRejection, WebhookRequest, WebhookRoute } from './types';
import type { WebhookStore } from './webhookStore';
import type { WebhookHealthBoard } from './webhookHealth';

export interface WebhookProvider {
  id: string;
  routes: readonly WebhookRoute[];
  sink: ProviderSink;
}

/** The self-test's own route: /<secret>/selftest/<nonce>. */
export interface SelfTestReceiver {
  maxBodyBytes: number;
  /** Answers the body to send back, or null when the request is not a genuine self-test. */
  receive(nonce: string, headers: WebhookRequest['headers'], body: Buffer): string | null;
}

export interface WebhookListenerOptions {
  port: number;
  store: WebhookStore;
  health: WebhookHealthBoard;
  logger: Logger;
  /** The public base URL, e.g. https://abc.ngrok.app (no trailing slash), or null. */
  publicBase: () => string | null;
  selfTest?: SelfTestReceiver;
  /** Hears each refused request to a known provider route (the audit log records it). */
  onRejected?: (rejection: WebhookRejection) => void;
}

// Headers beyond this are refused by Node itself (431); keeps a flood of headers cheap.
const MAX_HEADER_BYTES = 16 * 1024;
// Bytes of a refused body we drain so the client can read our answer; past this we hang up.
const MAX_DRAIN_BYTES = 1024 * 1024;

export class WebhookListener {
  private server: Server | null = null;
  private readonly providers = new Map<string, WebhookProvider>();
  private readonly secret: Buffer;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly options: WebhookListenerOptions) {
    this.secret = Buffer.from(options.store.pathSecret());
  }

  /** Registers (or replaces) a provider's routes and the sink its events go to. */
  addProvider(provider: WebhookProvider): void {
    this.providers.set(provider.id, provider);
    this.options.health.track(provider.id);
  }

  /** Stops serving a provider's routes (it was swapped out and has nothing in flight): its paths answer 404 from now on. */
  removeProvider(providerId: string): void {
    this.providers.delete(providerId);
  }

  async start(): Promise<void> {
    const server = createServer({ maxHeaderSize: MAX_HEADER_BYTES, requestTimeout: 30_000, headersTimeout: 10_000 }, (req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        // A sender that hangs up mid-body is not our failure.
        if (droppedForGoneClient(req, res)) return;
        this.options.logger.error('a webhook request failed', { error });
        if (!res.headersSent) this.refuse(req, res, 500);
      });
    });
    // Requests Node cannot parse are refused in bare words, as Node would, but never logged.
    server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
      const line =
        error.code === 'HPE_HEADER_OVERFLOW'
          ? '431 Request Header Fields Too Large'
          : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
            ? '408 Request Timeout'
            : '400 Bad Request';
      if (socket.writable) socket.end(`HTTP/1.1 ${line}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      else socket.destroy();
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    // Once listening, a server error (out of file handles, say) is logged; unheard it would end the process.
    server.on('error', (error) => this.options.logger.error('the webhook listener hit a server error', { error }));
    this.server = server;
  }

  get listening(): boolean {
    return this.server?.listening ?? false;
  }

  /** The loopback base URL (no secret), e.g. http://127.0.0.1:8081; null when not listening. */
  address(): string | null {
    const address = this.server?.address();
    return address && typeof address === 'object' ? `http://127.0.0.1:${address.port}` : null;
  }

  /** Resolves when every event answered so far has been applied (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.inFlight.size) await Promise.all([...this.inFlight]);
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    await this.settled();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const target = this.match(req);
    if (!target) return this.refuse(req, res, 404);
    const declared = req.headers['content-length'];
    if (declared !== undefined && !(Number(declared) <= target.maxBodyBytes)) return this.refuse(req, res, 413);
    const body = await readRequestBody(req, target.maxBodyBytes);
    if (body === null) return this.refuse(req, res, 413);

    if (target.kind === 'selftest') {
      const answer = target.receiver.receive(target.nonce, lowerHeaders(req), body);
      if (answer === null) return this.answer(res, 401);
      return this.answer(res, 200, answer);
    }

    const { provider, route } = target;
    const contentType = String(req.headers['content-type'] ?? '');
    const request: WebhookRequest = {
      method: 'POST',
      publicUrl: `${this.options.publicBase() ?? this.address()}${target.pathAndQuery}`,
      earlierPublicUrls: this.options.store
        .publicBasesGiven()
        .filter((base) => base !== this.options.publicBase())
        .map((base) => `${base}${target.pathAndQuery}`),
      headers: lowerHeaders(req),
      contentType,
      body,
    };
    if (route.parseForm && isFormContentType(contentType)) {
      try {
        request.form = await parseFormBody(contentType, body);
      } catch (error) {
        if (error instanceof FaxError && error.code === 'invalid_input') {
          this.rejected({ provider: provider.id, route: route.name, reason: 'bad_body' });
          return this.answer(res, 400);
        }
        throw error;
      }
    }
    let verified = false;
    try {
      verified = await route.verify(request);
    } catch (error) {
      this.options.logger.warn('a webhook signature check failed to run', { provider: provider.id, route: route.name, error });
    }
    if (!verified) {
      this.options.logger.warn('a webhook request failed verification and was refused', { provider: provider.id, route: route.name });
      this.options.health.verificationFailed(provider.id);
      this.rejected({ provider: provider.id, route: route.name, reason: 'bad_signature' });
      return this.answer(res, 401);
    }
    let events: WebhookEvent[];
    try {
      events = await route.read(request);
    } catch (error) {
      if (error instanceof FaxError && error.code === 'invalid_input') {
        this.options.logger.warn('a verified webhook could not be read', { provider: provider.id, route: route.name, error });
        this.rejected({ provider: provider.id, route: route.name, reason: 'bad_body' });
        return this.answer(res, 400);
      }
      throw error;
    }
    const keyed = events.filter((e): e is Exclude<WebhookEvent, { kind: 'ignored' }> => e.kind !== 'ignored');
    const fresh = this.options.store.claimEvents(
      provider.id,
      keyed.map((e) => e.dedupeKey),
    );
    for (const event of events) this.options.health.eventReceived(provider.id, event.kind);
    this.answer(res, 200);
    const toApply = keyed.filter((e) => fresh.has(e.dedupeKey));
    if (toApply.length) this.track(this.apply(provider, toApply));
  }

  private async apply(provider: WebhookProvider, events: Exclude<WebhookEvent, { kind: 'ignored' }>[]): Promise<void> {
    for (const event of events) {
      try {
        if (event.kind === 'status') provider.sink.statusChanged(event.status);
        else await provider.sink.faxReceived(event.fax);
      } catch (error) {
        // Not a replay next time: the provider's retry (or the poll) gets another chance.
        this.options.store.releaseEvent(provider.id, event.dedupeKey);
        this.options.logger.error('a webhook event could not be applied', { provider: provider.id, kind: event.kind, error });
      }
    }
  }

  private track(work: Promise<void>): void {
    const tracked = work.finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
  }

  private match(
    req: IncomingMessage,
  ):
    | { kind: 'provider'; provider: WebhookProvider; route: WebhookRoute; maxBodyBytes: number; pathAndQuery: string }
    | { kind: 'selftest'; receiver: SelfTestReceiver; nonce: string; maxBodyBytes: number }
    | null {
    if (req.method !== 'POST' || !req.url?.startsWith('/')) return null;
    // A public URL with a path (https://host/faxbot) may be forwarded with that path kept.
    const prefix = basePath(this.options.publicBase());
    const url = prefix && req.url.startsWith(prefix + '/') ? req.url.slice(prefix.length) : req.url;
    const queryAt = url.indexOf('?');
    const path = queryAt === -1 ? url : url.slice(0, queryAt);
    const parts = path.split('/');
    if (parts.length !== 4) return null;
    const [, , providerId, routeName] = parts;
    if (!this.secretMatches(parts[1])) {
      // Only a known provider's route is worth recording: scanners probing random paths are not.
      if (this.providers.get(providerId)?.routes.some((r) => r.name === routeName))
        this.rejected({ provider: providerId, route: routeName, reason: 'bad_path_secret' });
      return null;
    }
    if (providerId === 'selftest') {
      const receiver = this.options.selfTest;
      return receiver && /^[A-Za-z0-9_-]{8,64}$/.test(routeName)
        ? { kind: 'selftest', receiver, nonce: routeName, maxBodyBytes: receiver.maxBodyBytes }
        : null;
    }
    const provider = this.providers.get(providerId);
    const route = provider?.routes.find((r) => r.name === routeName);
    if (!provider || !route) return null;
    return { kind: 'provider', provider, route, maxBodyBytes: route.maxBodyBytes, pathAndQuery: url };
  }

  private rejected(rejection: WebhookRejection): void {
    try {
      this.options.onRejected?.(rejection);
    } catch (error) {
      this.options.logger.warn('a refused webhook could not be recorded', { error });
    }
  }

  private secretMatches(candidate: string): boolean {
    const given = Buffer.from(candidate);
    return given.length === this.secret.length && timingSafeEqual(given, this.secret);
  }

  private answer(res: ServerResponse, status: number, body = ''): void {
    res.writeHead(status, {
      'content-type': 'text/plain; charset=utf-8',
      'content-length': Buffer.byteLength(body),
      'cache-control': 'no-store',
    });
    res.end(body);
  }

  /** A bare refusal that reveals nothing; a body still arriving is drained a little, then cut off. */
  private refuse(req: IncomingMessage, res: ServerResponse, status: number): void {
    res.shouldKeepAlive = false;
    res.writeHead(status, { 'content-length': 0, connection: 'close', 'cache-control': 'no-store' });
    res.end();
    if (req.complete) return;
    let drained = 0;
    req.on('data', (chunk: Buffer) => {
      drained += chunk.length;
      if (drained > MAX_DRAIN_BYTES) req.socket.destroy();
    });
    req.resume();
  }
}

function lowerHeaders(req: IncomingMessage): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  return headers;
}

function basePath(publicBase: string | null): string {
  if (!publicBase) return '';
  try {
    return new URL(publicBase).pathname.replace(/\/+$/, '');
  } catch {
    return '';
  }
}
