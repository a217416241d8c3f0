// What every provider plugin (simulator, phaxio, sinch, sip) offers the engine. A new
// provider is a new folder under providers/ implementing this; nothing else changes.
import type { WebhookRoute } from '../webhooks/types';
import type { ProviderFaxStatus, ReceivedFax } from './faxReports';

export type { ProviderFaxState, ProviderFaxStatus, ReceivedFax } from './faxReports';

export interface OutboundFax {
  /** Stable for one attempt: a provider that sees it twice must not send twice. */
  idempotencyKey: string;
  jobId: string;
  to: string; // E.164
  pdf: Uint8Array;
  pages: number;
  from: { number: string; name: string; headerText: string };
}

/** How a provider reports back: status changes of sent faxes, and received faxes. */
export interface ProviderSink {
  statusChanged(status: ProviderFaxStatus): void;
  /** Resolves once the fax is stored; the provider may forget it only after that. */
  faxReceived(fax: ReceivedFax): Promise<void>;
}

export interface ProviderPlugin {
  readonly id: string;
  readonly label: string;
  /** Routes this provider serves on the webhook listener (none for the simulator). */
  readonly webhookRoutes?: readonly WebhookRoute[];
  /**
   * How often a job in `sending` should be polled with getStatus, given whether webhooks
   * reach us. Omitted: the engine's default.
   */
  statusPollMs?(webhooksReachable: boolean): number;
  /** Checks credentials and reachability; a FaxError saying what is wrong when not. */
  testConnection?(): Promise<void>;
  start(sink: ProviderSink): Promise<void>;
  stop(): Promise<void>;
  /** Hand a fax to the provider. Resolves when it has accepted it. */
  send(fax: OutboundFax): Promise<{ providerFaxId: string }>;
  /** After a crash: did the provider accept this attempt? null = never seen, safe to send. */
  lookup(idempotencyKey: string): Promise<ProviderFaxStatus | null>;
  getStatus(providerFaxId: string): Promise<ProviderFaxStatus>;
}
