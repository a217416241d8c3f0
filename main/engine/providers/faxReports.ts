// What a provider reports about faxes, by webhook or when polled: a sent fax's status, and a
// received fax. Apart from types.ts because the webhook listener's types carry these too,
// while types.ts names the webhook routes a provider serves: one file would be a cycle.
import type { FaxErrorInfo } from '../../../shared/errors';

export type ProviderFaxState = 'queued' | 'sending' | 'delivered' | 'failed';

export interface ProviderFaxStatus {
  providerFaxId: string;
  idempotencyKey?: string;
  state: ProviderFaxState;
  pagesSent?: number;
  /** For a failure: what went wrong, and whether another attempt could succeed. */
  error?: FaxErrorInfo & { retryable: boolean };
}

export interface ReceivedFax {
  providerFaxId: string;
  from: string;
  fromName?: string;
  to: string;
  pages?: number;
  pdf: Uint8Array;
  receivedAt: Date;
}
