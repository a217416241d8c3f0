// Counts what reached the listener since start, per provider, for the health view. Kept in
// memory: it answers "is it working now", and a restart is a fresh start for that question.
import type { ProviderWebhookHealth, TunnelState, WebhookHealth } from '../../../shared/webhooks';

export class WebhookHealthBoard {
  private readonly providers = new Map<string, ProviderWebhookHealth>();
  tunnel: { state: TunnelState; message: string } = {
    state: 'off',
    message: 'No tunnel: set NGROK_AUTHTOKEN, or paste a tunnel address as the public URL.',
  };
  lastSelfTest: WebhookHealth['lastSelfTest'] = null;

  constructor(private readonly onChange: () => void) {}

  track(providerId: string): void {
    if (!this.providers.has(providerId))
      this.providers.set(providerId, { providerId, lastEventAt: null, lastEventKind: null, events: 0, verificationFailures: 0 });
  }

  eventReceived(providerId: string, kind: 'status' | 'received' | 'ignored'): void {
    const entry = this.entry(providerId);
    entry.events++;
    entry.lastEventAt = new Date().toISOString();
    entry.lastEventKind = kind;
    this.onChange();
  }

  verificationFailed(providerId: string): void {
    this.entry(providerId).verificationFailures++;
    this.onChange();
  }

  setTunnel(state: TunnelState, message: string): void {
    this.tunnel = { state, message };
    this.onChange();
  }

  setSelfTest(ok: boolean, message: string): void {
    this.lastSelfTest = { at: new Date().toISOString(), ok, message };
    this.onChange();
  }

  list(): ProviderWebhookHealth[] {
    return [...this.providers.values()].map((p) => ({ ...p }));
  }

  private entry(providerId: string): ProviderWebhookHealth {
    this.track(providerId);
    return this.providers.get(providerId)!;
  }
}
