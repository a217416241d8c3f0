// The Sinch Fax API v3 provider plugin (contracts/sinch-fax-v3.md). Status arrives by
// FAX_COMPLETED callbacks when a public URL exists, and by polling GET /faxes/{id} always
// (whether failures are called back is unconfirmed). Ambiguous sends are found by label.
import type { Logger } from '../../log';
import type { WebhookAddressBook, WebhookRoute } from '../../webhooks/types';
import type { OutboundFax, ProviderFaxStatus, ProviderPlugin, ProviderSink } from '../types';
import { LABEL_KEY, statusFromSinchFax } from './faxStatus';
import { SinchApi } from './sinchApi';
import { SinchAuth } from './sinchAuth';
import { sinchWebhookRoutes, type CallbackCredentials } from './sinchWebhooks';

export interface SinchProviderOptions {
  baseUrl: string;
  authUrl: string;
  projectId: string;
  keyId: string;
  keySecret: string;
  authMode: 'oauth' | 'basic';
  addressBook: WebhookAddressBook;
  /** Per-install Basic credentials put in callback URLs; Sinch sends them back. */
  callbackCredentials: CallbackCredentials;
  /** The station's caller number, read at each send ('' = the service's default). */
  station?: () => { number: string };
  logger: Logger;
  timeoutMs?: number;
  /** The clock for token expiry; tests move it. */
  now?: () => number;
}

const POLL_WITH_WEBHOOKS_MS = 5 * 60_000;
const POLL_WITHOUT_WEBHOOKS_MS = 20_000;

export class SinchProvider implements ProviderPlugin {
  readonly id = 'sinch';
  readonly label = 'Sinch Fax';
  readonly webhookRoutes: readonly WebhookRoute[];
  /** Exposed for tests and the health view: how tokens were fetched. */
  readonly auth: SinchAuth;
  private readonly api: SinchApi;

  constructor(private readonly options: SinchProviderOptions) {
    const timeoutMs = options.timeoutMs ?? 60_000;
    this.auth = new SinchAuth({
      authUrl: options.authUrl,
      keyId: options.keyId,
      keySecret: options.keySecret,
      mode: options.authMode,
      timeoutMs,
      now: options.now ?? Date.now,
    });
    const projectUrl = `${options.baseUrl.replace(/\/+$/, '')}/projects/${encodeURIComponent(options.projectId)}`;
    this.api = new SinchApi(projectUrl, this.auth, timeoutMs);
    this.webhookRoutes = sinchWebhookRoutes({ credentials: options.callbackCredentials, downloadFile: (id) => this.api.downloadFile(id) });
  }

  statusPollMs(webhooksReachable: boolean): number {
    return webhooksReachable ? POLL_WITH_WEBHOOKS_MS : POLL_WITHOUT_WEBHOOKS_MS;
  }

  async testConnection(): Promise<void> {
    await this.api.listServices();
  }

  async start(_sink: ProviderSink): Promise<void> {
    // Nothing runs in the background: callbacks come through the webhook listener.
  }

  async stop(): Promise<void> {}

  /** The status callback URL with our Basic credentials embedded (contract §6.4), or none. */
  private callbackUrl(): string | undefined {
    const url = this.options.addressBook.urlFor('sinch', 'status');
    if (!url) return undefined;
    const withCredentials = new URL(url);
    withCredentials.username = encodeURIComponent(this.options.callbackCredentials.user);
    withCredentials.password = encodeURIComponent(this.options.callbackCredentials.password);
    return withCredentials.toString();
  }

  async send(fax: OutboundFax): Promise<{ providerFaxId: string }> {
    const from = this.options.station?.().number || fax.from.number;
    const sent = await this.api.send({
      to: fax.to,
      from: from || undefined,
      headerText: fax.from.headerText || undefined,
      pdf: fax.pdf,
      fileName: `${fax.jobId}.pdf`,
      labels: { [LABEL_KEY]: fax.idempotencyKey },
      callbackUrl: this.callbackUrl(),
    });
    this.options.logger.info('Sinch accepted the fax', { jobId: fax.jobId, providerFaxId: sent.id });
    return { providerFaxId: sent.id };
  }

  async lookup(idempotencyKey: string): Promise<ProviderFaxStatus | null> {
    const fax = await this.api.findByLabel(idempotencyKey);
    return fax ? { ...statusFromSinchFax(fax), idempotencyKey } : null;
  }

  async getStatus(providerFaxId: string): Promise<ProviderFaxStatus> {
    return statusFromSinchFax(await this.api.getFax(providerFaxId));
  }
}
