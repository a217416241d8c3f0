// The long-lived AMI connection the sip provider uses: keeps one session logged in, pings it
// (§4: TCP keepalive alone notices a dead peer only after hours), reconnects with jittered
// exponential back-off, and tells listeners after each (re)login so they can reconcile (§7.6).
//
// Why not the npm package `asterisk-manager` (contract §11): it swallows login failures and
// retries bad credentials forever, has no action timeouts, replays actions queued while
// disconnected (a stale Originate could dial minutes later: a second fax), has no Ping, and
// sends `Event:` where Asterisk reads `Events:`. This client is small and does those right;
// actions while disconnected fail at once instead of queueing.
import type { FaxError } from '../../../shared/errors';
import type { Logger } from '../log';
import type { AmiActionFields, AmiPacket } from './amiPacket';
import { amiDisconnected } from './amiErrors';
import { AmiSession, type AmiLogin, type AmiReply, type AmiTimeouts } from './amiSession';

export interface AmiClientOptions {
  login: AmiLogin;
  timeouts?: Partial<AmiTimeouts>;
  /** Ping when this long has passed (contract: 15–30 s). */
  pingIntervalMs?: number;
  /** No Pong within this: the connection is dead (contract: 10 s). */
  pingTimeoutMs?: number;
  /** Reconnect back-off: from baseMs doubling to maxMs, each wait jittered to 50–100 %. */
  backoff?: { baseMs: number; maxMs: number };
  /** After "Authentication failed": no tight loop (§3.1); try again this much later. */
  authRetryMs?: number;
  logger: Logger;
  random?: () => number;
}

export const DEFAULT_AMI_TIMEOUTS: AmiTimeouts = { connectMs: 10_000, actionMs: 10_000 };

export class AmiClient {
  private session: AmiSession | null = null;
  private stopped = true;
  private wakeUp: (() => void) | null = null;
  private pingTimer: NodeJS.Timeout | null = null;
  private loop: Promise<void> | null = null;
  private connectedOnce = false;
  private aborter = new AbortController();
  private readonly eventListeners = new Set<(event: AmiPacket) => void>();
  private readonly readyListeners = new Set<(info: { reconnected: boolean }) => void>();
  private readonly downListeners = new Set<(error: Error) => void>();
  /** Why the last connection attempt failed (null while connected). */
  lastError: FaxError | Error | null = null;
  private readonly timeouts: AmiTimeouts;

  constructor(private readonly options: AmiClientOptions) {
    this.timeouts = { ...DEFAULT_AMI_TIMEOUTS, ...options.timeouts };
  }

  get ready(): boolean {
    return this.session?.isOpen ?? false;
  }

  get address(): string {
    return `${this.options.login.host}:${this.options.login.port}`;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.aborter = new AbortController();
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.aborter.abort();
    this.wakeUp?.();
    if (this.pingTimer) clearInterval(this.pingTimer);
    const session = this.session;
    this.session = null;
    await session?.logoff();
    await this.loop;
  }

  onEvent(listener: (event: AmiPacket) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  /** After every successful login; `reconnected` is false the first time. */
  onReady(listener: (info: { reconnected: boolean }) => void): () => void {
    this.readyListeners.add(listener);
    return () => this.readyListeners.delete(listener);
  }

  onDown(listener: (error: Error) => void): () => void {
    this.downListeners.add(listener);
    return () => this.downListeners.delete(listener);
  }

  /** Sends now or fails now: nothing is queued for a later connection (§11 weakness 4). */
  action(
    action: string,
    fields: AmiActionFields = [],
    options: { list?: boolean; timeoutMs?: number; actionId?: string } = {},
  ): Promise<AmiReply> {
    const session = this.session;
    if (!session?.isOpen) return Promise.reject(amiDisconnected(this.options.login));
    return session.action(action, fields, options);
  }

  /** Resolves once logged in; rejects with the last connection error after timeoutMs. */
  waitUntilReady(timeoutMs: number): Promise<void> {
    if (this.ready) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(this.lastError ?? amiDisconnected(this.options.login));
      }, timeoutMs);
      const off = this.onReady(() => {
        clearTimeout(timer);
        off();
        resolve();
      });
    });
  }

  private async run(): Promise<void> {
    const { logger } = this.options;
    const backoff = this.options.backoff ?? { baseMs: 1000, maxMs: 30_000 };
    const random = this.options.random ?? Math.random;
    let failures = 0;
    while (!this.stopped) {
      let waitMs: number;
      try {
        const session = await AmiSession.open(this.options.login, this.timeouts, logger, this.aborter.signal);
        if (this.stopped) {
          await session.logoff();
          break;
        }
        failures = 0;
        this.lastError = null;
        const closed = this.adopt(session);
        logger.info('connected to Asterisk AMI', { address: this.address, amiVersion: session.amiVersion });
        const reconnected = this.connectedOnce;
        this.connectedOnce = true;
        for (const listener of this.readyListeners) safely(logger, () => listener({ reconnected }));
        const error = await closed;
        if (this.stopped) break;
        logger.warn('lost the connection to Asterisk AMI; reconnecting', { address: this.address, reason: error.message });
        for (const listener of this.downListeners) safely(logger, () => listener(error));
        waitMs = backoff.baseMs * (0.5 + random() * 0.5);
      } catch (error) {
        if (this.stopped) break;
        this.lastError = error as Error;
        const auth = (error as FaxError).code === 'provider_auth';
        const capMs = Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.min(failures++, 20));
        waitMs = auth ? (this.options.authRetryMs ?? 5 * 60_000) : capMs * (0.5 + random() * 0.5);
        logger.warn('could not connect to Asterisk AMI', {
          address: this.address,
          reason: (error as Error).message,
          retryInMs: Math.round(waitMs),
        });
      }
      await this.sleep(waitMs);
    }
  }

  /** Makes the session current, starts its pings; resolves when it ends. */
  private adopt(session: AmiSession): Promise<Error> {
    this.session = session;
    session.onEvent((event) => {
      for (const listener of this.eventListeners) safely(this.options.logger, () => listener(event));
    });
    const pingTimeoutMs = this.options.pingTimeoutMs ?? 10_000;
    this.pingTimer = setInterval(() => {
      session.action('Ping', [], { timeoutMs: pingTimeoutMs }).catch((error: Error) => session.destroy(error));
    }, this.options.pingIntervalMs ?? 20_000);
    return new Promise<Error>((resolve) =>
      session.onClose((error) => {
        if (this.pingTimer) clearInterval(this.pingTimer);
        this.pingTimer = null;
        if (this.session === session) this.session = null;
        resolve(error);
      }),
    );
  }

  private sleep(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = () => {
        this.wakeUp = null;
        done();
      };
    });
  }
}

function safely(logger: Logger, run: () => void): void {
  try {
    run();
  } catch (error) {
    logger.warn('an AMI listener failed', { error });
  }
}

/** One-shot check for "Test connection": connect, log in, Ping, log off. */
export async function probeAmi(login: AmiLogin, logger: Logger, timeouts: Partial<AmiTimeouts> = {}): Promise<{ amiVersion: string }> {
  const session = await AmiSession.open(login, { ...DEFAULT_AMI_TIMEOUTS, ...timeouts }, logger);
  try {
    await session.action('Ping');
    return { amiVersion: session.amiVersion };
  } finally {
    await session.logoff();
  }
}
