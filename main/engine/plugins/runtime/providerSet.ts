// The providers the engine runs: the outbound one (new attempts go there), the inbound one
// (receives; its webhook routes or AMI connection run even when it does not send), and every
// earlier instance that still has an attempt in flight. A swapped-out provider keeps serving
// its jobs' status, reconcile and callbacks, and is stopped once none is left.
import type { Logger } from '../../log';
import type { ProviderPlugin, ProviderSink } from '../../providers';
import type { ProviderRoster } from '../../jobs/faxQueue';
import type { WebhookProvider } from '../../webhooks/webhookListener';

export interface ProviderSetOptions {
  /** The webhook listener: every running provider's routes are served. */
  webhooks: { addProvider(provider: WebhookProvider): void; removeProvider(providerId: string): void };
  /** Where a provider's reports go; each provider gets its own so reports carry who sent them. */
  sinkFor: (providerId: string) => ProviderSink;
  /** Providers with an attempt still under way (fax_attempts). */
  inFlight: () => string[];
  logger: Logger;
}

interface Running {
  provider: ProviderPlugin;
  /** The settings it was built from (envFingerprint): applying the same again keeps it. */
  fingerprint: string;
}

export class ProviderSet implements ProviderRoster {
  private readonly running = new Map<string, Running>();
  private outboundId = '';
  private inboundId = '';
  private retiring: Promise<void> = Promise.resolve();

  constructor(private readonly options: ProviderSetOptions) {}

  outbound(): ProviderPlugin {
    return this.running.get(this.outboundId)!.provider;
  }

  inbound(): ProviderPlugin {
    return this.running.get(this.inboundId)!.provider;
  }

  byId(providerId: string): ProviderPlugin | null {
    return this.running.get(providerId)?.provider ?? null;
  }

  /** The ids running now (slots first), for status and tests. */
  runningIds(): string[] {
    return [...this.running.keys()];
  }

  /** Whether the provider with this id runs now, built from these settings. */
  runs(providerId: string, fingerprint: string): boolean {
    return this.running.get(providerId)?.fingerprint === fingerprint;
  }

  /** Starts a provider and serves its routes (start-up, and apply once nothing can fail any more). */
  async run(provider: ProviderPlugin, fingerprint: string): Promise<void> {
    await this.start(provider);
    this.adopt(provider, fingerprint);
  }

  /** Starts a provider without serving it yet: applying starts every new one before it changes anything. */
  async start(provider: ProviderPlugin): Promise<void> {
    await provider.start(this.options.sinkFor(provider.id));
  }

  /**
   * Serves a started provider's jobs and routes. One with the same id already running is
   * replaced: the new instance (same service, new settings) takes over that id's jobs too.
   */
  adopt(provider: ProviderPlugin, fingerprint: string): void {
    const earlier = this.running.get(provider.id);
    this.running.set(provider.id, { provider, fingerprint });
    this.options.webhooks.addProvider({ id: provider.id, routes: provider.webhookRoutes ?? [], sink: this.options.sinkFor(provider.id) });
    if (earlier && earlier.provider !== provider) this.retiring = this.retiring.then(() => this.stopQuietly(earlier.provider));
  }

  /** Points the slots at running providers, then stops whatever nothing uses any more. */
  assign(slots: { outbound: string; inbound: string }): void {
    for (const id of [slots.outbound, slots.inbound]) {
      if (!this.running.has(id)) throw new Error(`provider ${id} is not running`);
    }
    this.outboundId = slots.outbound;
    this.inboundId = slots.inbound;
    this.retireIdle();
  }

  /** From the queue: an attempt ended, so a swapped-out provider may be done. */
  attemptEnded(providerId: string): void {
    if (providerId !== this.outboundId && providerId !== this.inboundId) this.retireIdle();
  }

  /** Resolves once stops begun so far have finished (tests, shutdown). */
  settled(): Promise<void> {
    return this.retiring;
  }

  private retireIdle(): void {
    const candidates = [...this.running.keys()].filter((id) => id !== this.outboundId && id !== this.inboundId);
    if (candidates.length === 0) return;
    const busy = new Set(this.options.inFlight());
    for (const id of candidates) {
      if (busy.has(id)) continue;
      const { provider } = this.running.get(id)!;
      this.running.delete(id);
      this.options.webhooks.removeProvider(id);
      this.options.logger.info('stopped a swapped-out provider: nothing in flight uses it any more', { provider: id });
      this.retiring = this.retiring.then(() => this.stopQuietly(provider));
    }
  }

  async stopAll(): Promise<void> {
    await this.retiring;
    const all = [...this.running.values()];
    this.running.clear();
    await Promise.all(all.map(({ provider }) => this.stopQuietly(provider)));
  }

  private async stopQuietly(provider: ProviderPlugin): Promise<void> {
    try {
      await provider.stop();
    } catch (error) {
      this.options.logger.warn('a provider did not stop cleanly', { provider: provider.id, error });
    }
  }
}
