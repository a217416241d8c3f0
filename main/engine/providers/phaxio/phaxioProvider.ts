// Phaxio API v2.1 as a provider plugin (contracts/phaxio.md). Each attempt is tagged with its
// idempotency key so an attempt whose answer was lost can be found again (§2.8, §3): Phaxio
// has no idempotency key of its own, and the original Faxbot sent twice by retrying blindly.
import { FaxError } from '../../../../shared/errors';
import type { Logger } from '../../log';
import type { WebhookAddressBook, WebhookRoute } from '../../webhooks/types';
import type { OutboundFax, ProviderFaxStatus, ProviderPlugin, ProviderSink } from '../types';
import { isPhaxioFax, JOB_TAG, KEY_TAG, statusOfFax } from './faxObject';
import { PhaxioClient } from './phaxioClient';
import { phaxioWebhookRoutes } from './webhookRoutes';

export interface PhaxioProviderOptions {
  baseUrl: string;
  apiKey: string;
  apiSecret: string;
  callbackToken?: string;
  addressBook: WebhookAddressBook;
  station: () => { number: string; name: string; headerText: string };
  logger: Logger;
  timeoutMs?: number;
}

const HEADER_TEXT_MAX = 50;

export class PhaxioProvider implements ProviderPlugin {
  readonly id = 'phaxio';
  readonly label = 'Phaxio';
  readonly webhookRoutes: readonly WebhookRoute[];
  private readonly client: PhaxioClient;

  constructor(private readonly options: PhaxioProviderOptions) {
    this.client = new PhaxioClient({
      baseUrl: options.baseUrl,
      apiKey: options.apiKey,
      apiSecret: options.apiSecret,
      timeoutMs: options.timeoutMs ?? 60_000,
    });
    this.webhookRoutes = phaxioWebhookRoutes({
      callbackToken: () => this.options.callbackToken,
      downloadFax: (faxId) => this.client.file(`/faxes/${faxId}/file`),
    });
  }

  /** Webhooks carry status when they reach us; polling is then only a safety net. */
  statusPollMs(webhooksReachable: boolean): number {
    return webhooksReachable ? 5 * 60_000 : 20_000;
  }

  async testConnection(): Promise<void> {
    await this.client.json('GET', '/account/status');
  }

  async start(_sink: ProviderSink): Promise<void> {
    // Phaxio reports through the webhook listener and the queue's polling; nothing to run here.
  }

  async stop(): Promise<void> {}

  async send(fax: OutboundFax): Promise<{ providerFaxId: string }> {
    const station = fax.from ?? this.options.station();
    const form = new FormData();
    form.append('to', fax.to);
    form.append('file', new Blob([Buffer.from(fax.pdf)], { type: 'application/pdf' }), `fax-${fax.jobId}.pdf`);
    if (station.number) form.append('caller_id', station.number);
    const header = Array.from(station.headerText.trim()).slice(0, HEADER_TEXT_MAX).join('').trim();
    if (header) form.append('header_text', header);
    form.append(`tag[${KEY_TAG}]`, fax.idempotencyKey);
    form.append(`tag[${JOB_TAG}]`, fax.jobId);
    // Phaxio signs callbacks over this exact string, so it goes out unchanged.
    const callbackUrl = this.options.addressBook.urlFor(this.id, 'status');
    if (callbackUrl) form.append('callback_url', callbackUrl);
    const envelope = await this.client.json('POST', '/faxes', { body: form, ambiguous: true });
    const id = (envelope.data as { id?: unknown } | undefined)?.id;
    if (typeof id !== 'number' || !Number.isSafeInteger(id)) {
      // Accepted, but we cannot tell which fax it is: reconcile by tag rather than resend.
      throw new FaxError('outcome_unknown', 'Phaxio accepted the fax but did not say its id: Faxbot will look it up before trying again.', {
        retryable: true,
      });
    }
    this.options.logger.info('Phaxio accepted a fax', { jobId: fax.jobId, providerFaxId: id, callback: callbackUrl !== null });
    return { providerFaxId: String(id) };
  }

  async lookup(idempotencyKey: string): Promise<ProviderFaxStatus | null> {
    const envelope = await this.client.json('GET', '/faxes', {
      query: [
        [`tag[${KEY_TAG}]`, idempotencyKey],
        ['direction', 'sent'],
      ],
    });
    const list = Array.isArray(envelope.data) ? envelope.data : [];
    // Trust the tag on the fax itself, not only the server-side filter.
    const found = list.filter(isPhaxioFax).filter((f) => f.tags?.[KEY_TAG] === idempotencyKey);
    if (found.length === 0) return null;
    if (found.length > 1) this.options.logger.warn('Phaxio holds more than one fax for one attempt', { count: found.length });
    found.sort((a, b) => a.id - b.id);
    return statusOfFax(found[0]!);
  }

  async getStatus(providerFaxId: string): Promise<ProviderFaxStatus> {
    if (!/^\d{1,18}$/.test(providerFaxId)) throw new FaxError('not_found', `"${providerFaxId}" is not a Phaxio fax id.`);
    const envelope = await this.client.json('GET', `/faxes/${providerFaxId}`);
    if (!isPhaxioFax(envelope.data))
      throw new FaxError('provider_error', `Phaxio answered about fax ${providerFaxId} without the fax.`, { retryable: true });
    return statusOfFax(envelope.data);
  }
}
