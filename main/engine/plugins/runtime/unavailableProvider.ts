// What fills a slot whose plugin, chosen in Settings → Plugins, cannot be built at start
// (its secrets were lost with the keychain, its settings no longer validate…). Refusing to
// start would lock the person out of the very tab that fixes it; pretending with the
// simulator would make faxes look sent. This stand-in keeps Faxbot open, refuses every send
// as retryable with the reason and the fix, and answers Test connection with the same.
import { FaxError } from '../../../../shared/errors';
import type { ProviderFaxStatus, ProviderPlugin } from '../../providers';

export class UnavailableProvider implements ProviderPlugin {
  readonly label: string;

  constructor(
    readonly id: string,
    label: string,
    /** Why it could not start, in words (readiness and Test connection say it). */
    readonly reason: string,
  ) {
    this.label = `${label} (not working)`;
  }

  private refusal(): FaxError {
    return new FaxError(
      'provider_unavailable',
      `${this.id} could not start: ${this.reason} Fix its settings in Settings → Plugins, test them and apply; faxes wait and are tried again.`,
      { retryable: true },
    );
  }

  async start(): Promise<void> {}
  async stop(): Promise<void> {}

  async testConnection(): Promise<void> {
    throw this.refusal();
  }

  async send(): Promise<{ providerFaxId: string }> {
    throw this.refusal();
  }

  async lookup(): Promise<ProviderFaxStatus | null> {
    throw this.refusal();
  }

  async getStatus(): Promise<ProviderFaxStatus> {
    throw this.refusal();
  }
}
