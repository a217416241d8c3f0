// The webhook side of the engine in one object: the path secret, the public address
// (environment > tunnel > Settings), the listener, the optional tunnel, health and self-test.
import { FaxError } from '../../../shared/errors';
import { publicBaseUrl, type WebhookHealth, type WebhookSelfTestResult } from '../../../shared/webhooks';
import type { Db } from '../database';
import type { Logger } from '../log';
import { WebhookSelfTest } from './selfTest';
import { ngrokTunnelStarter, tunnelFailureInWords, type Tunnel, type TunnelStarter } from './tunnel';
import type { WebhookAddressBook, WebhookRejection } from './types';
import { WebhookHealthBoard } from './webhookHealth';
import { WebhookListener, type WebhookProvider } from './webhookListener';
import { WebhookStore } from './webhookStore';

export interface WebhookServiceOptions {
  db: Db;
  /** Seals the listener's own secrets in the database (see webhookStore.ts). */
  dataKey?: Buffer;
  /** FAXBOT_WEBHOOK_PORT; 0 picks a free port (tests). */
  port: number;
  env: Readonly<Record<string, string | undefined>>;
  logger: Logger;
  tunnelStarter?: TunnelStarter;
  selfTestTimeoutMs?: number;
  /** Called (coalesced) when anything the health view shows has changed. */
  onHealthChanged?: (health: WebhookHealth) => void;
  /** Hears each refused request to a known provider route (the audit log records it). */
  onRejected?: (rejection: WebhookRejection) => void;
}

// Many callbacks in a burst make one health event, not one each.
const HEALTH_COALESCE_MS = 250;
const EVENT_MEMORY_MS = 30 * 24 * 60 * 60 * 1000;

export class WebhookService {
  readonly store: WebhookStore;
  readonly listener: WebhookListener;
  readonly addressBook: WebhookAddressBook;
  private readonly health: WebhookHealthBoard;
  private readonly selfTest: WebhookSelfTest;
  private readonly secret: string;
  private tunnel: Tunnel | null = null;
  private healthTimer: NodeJS.Timeout | null = null;
  private closed = false;
  private startProblem: string | null = null;

  constructor(private readonly options: WebhookServiceOptions) {
    this.store = new WebhookStore(options.db, options.dataKey);
    this.secret = this.store.pathSecret();
    this.health = new WebhookHealthBoard(() => this.healthChanged());
    const publicBase = () => this.publicBase();
    this.selfTest = new WebhookSelfTest({
      key: this.store.selfTestKey(),
      secret: this.secret,
      publicBase,
      timeoutMs: options.selfTestTimeoutMs,
    });
    this.listener = new WebhookListener({
      port: options.port,
      store: this.store,
      health: this.health,
      logger: options.logger,
      publicBase,
      selfTest: this.selfTest,
      onRejected: options.onRejected,
    });
    this.addressBook = {
      urlFor: (providerId, routeName, query) => {
        const base = this.publicBase();
        if (!base) return null;
        this.store.rememberPublicBaseGiven(base);
        const search = query && Object.keys(query).length ? `?${new URLSearchParams(query).toString()}` : '';
        return `${base}/${this.secret}/${encodeURIComponent(providerId)}/${encodeURIComponent(routeName)}${search}`;
      },
    };
  }

  addProvider(provider: WebhookProvider): void {
    this.listener.addProvider(provider);
  }

  /** Routes follow the running providers: added when one starts, removed when it stops (main/engine/plugins/runtime). */
  removeProvider(providerId: string): void {
    this.listener.removeProvider(providerId);
  }

  /** Starts listening, then the tunnel if one is wanted. Neither failure stops the engine: status is polled then. */
  async start(): Promise<void> {
    // Providers retry a callback for hours, not weeks: older dedupe rows only take space.
    this.store.forgetEventsBefore(new Date(Date.now() - EVENT_MEMORY_MS));
    try {
      await this.listener.start();
      this.options.logger.info('webhook listener started', { address: this.listener.address() });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      this.startProblem =
        code === 'EADDRINUSE'
          ? `port ${this.options.port} is in use: set FAXBOT_WEBHOOK_PORT to a free port and restart Faxbot`
          : code === 'EACCES'
            ? `port ${this.options.port} needs administrator rights: set FAXBOT_WEBHOOK_PORT to a port above 1023 and restart Faxbot`
            : `${error instanceof Error ? error.message : String(error)}: set FAXBOT_WEBHOOK_PORT to a free port and restart Faxbot`;
      this.options.logger.warn(`the webhook listener could not start: ${this.startProblem}; fax status will be polled`, {});
      return;
    }
    const authtoken = this.options.env.NGROK_AUTHTOKEN?.trim();
    if (authtoken && !this.envPublicUrl()) await this.startTunnel(authtoken);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.healthTimer) clearTimeout(this.healthTimer);
    await this.tunnel?.close().catch(() => undefined);
    this.tunnel = null;
    await this.listener.close();
  }

  /** Why the listener is not listening, with the fix; null while it listens (or before start). */
  listenProblem(): string | null {
    return this.listener.listening ? null : this.startProblem;
  }

  /**
   * Whether providers can call us at all (listening, with a public URL). For a provider's
   * statusPollMs(webhooksReachable): it polls often without callbacks, rarely with them.
   */
  reachable(): boolean {
    return this.listener.listening && this.publicBase() !== null;
  }

  /** The public base URL providers are given (no trailing slash), or null. */
  publicBase(): string | null {
    const url = this.envPublicUrl() ?? this.tunnel?.url() ?? this.store.storedPublicUrl();
    return url ? url.replace(/\/+$/, '') : null;
  }

  /** Set (or clear, with null) the public URL typed in Settings. */
  setPublicUrl(url: string | null): WebhookHealth {
    if (this.envPublicUrl())
      throw new FaxError('locked_by_env', 'PUBLIC_API_URL sets the public URL: change or unset that variable to change it here.');
    if (url !== null) {
      const check = publicBaseUrl.safeParse(url);
      if (!check.success)
        throw new FaxError('invalid_input', `The public URL "${url.slice(0, 100)}" is not usable: ${check.error.issues[0].message}.`, {
          field: 'publicUrl',
        });
      url = check.data.replace(/\/+$/, '');
    }
    this.store.setStoredPublicUrl(url);
    this.healthChanged();
    return this.getHealth();
  }

  getHealth(): WebhookHealth {
    const env = this.envPublicUrl();
    const tunnelUrl = this.tunnel?.url() ?? null;
    const source = env ? 'environment' : tunnelUrl ? 'tunnel' : this.store.storedPublicUrl() ? 'setting' : 'none';
    return {
      listening: this.listener.listening,
      listenAddress: this.listener.address(),
      publicUrl: this.publicBase(),
      publicUrlLockedBy: env ? 'PUBLIC_API_URL' : null,
      publicUrlSource: source,
      tunnel: { ...this.health.tunnel },
      providers: this.health.list(),
      lastSelfTest: this.health.lastSelfTest,
    };
  }

  async testWebhook(): Promise<WebhookSelfTestResult> {
    const result = this.listener.listening
      ? await this.selfTest.run()
      : {
          ok: false,
          message: `The webhook listener is not running: ${this.startProblem ?? `port ${this.options.port} may be in use: set FAXBOT_WEBHOOK_PORT to a free port and restart Faxbot`}.`,
        };
    this.health.setSelfTest(result.ok, result.message);
    return result;
  }

  private envPublicUrl(): string | null {
    return this.options.env.PUBLIC_API_URL?.trim() || null;
  }

  private async startTunnel(authtoken: string): Promise<void> {
    const address = this.listener.address();
    if (!address) return;
    this.health.setTunnel('starting', 'Starting the ngrok tunnel…');
    try {
      const starter = this.options.tunnelStarter ?? ngrokTunnelStarter;
      const tunnel = await starter({ addr: Number(new URL(address).port), authtoken });
      if (this.closed) {
        await tunnel.close();
        return;
      }
      this.tunnel = tunnel;
      this.health.setTunnel('up', `ngrok tunnel up at ${tunnel.url() ?? 'an address ngrok has not told yet'}.`);
    } catch (error) {
      const message = tunnelFailureInWords(error, authtoken);
      this.options.logger.warn('the ngrok tunnel did not start; fax status will be polled', { reason: message });
      this.health.setTunnel('failed', message);
    }
  }

  private healthChanged(): void {
    if (!this.options.onHealthChanged || this.healthTimer || this.closed) return;
    this.healthTimer = setTimeout(() => {
      this.healthTimer = null;
      if (!this.closed) this.options.onHealthChanged?.(this.getHealth());
    }, HEALTH_COALESCE_MS);
    this.healthTimer.unref();
  }
}
