// What a provider plugin tells the webhook listener, and what the listener hands it. The
// listener owns the HTTP side (its own 127.0.0.1 server, the per-install path secret, body
// limits, dedupe, answering fast); each provider owns how its requests are verified and read.
import type { ProviderFaxStatus, ReceivedFax } from '../providers/faxReports';

/** One request as it arrived, with the URL the provider called as it was given to it. */
export interface WebhookRequest {
  method: string;
  /**
   * The public URL the provider was told to call (PUBLIC_API_URL + path + query), exactly as
   * registered — what Phaxio signs — not the loopback URL the listener saw.
   */
  publicUrl: string;
  /**
   * The same path and query on public base URLs given to providers earlier, newest first:
   * for a signature over a callback URL registered before the public URL changed.
   */
  earlierPublicUrls?: readonly string[];
  /** Lower-cased header names. */
  headers: Readonly<Record<string, string | undefined>>;
  contentType: string;
  body: Buffer;
  /** The body read as a form (multipart or urlencoded), when it is one. */
  form?: ParsedForm;
}

export interface ParsedForm {
  /** Every non-file field, in arrival order; a repeated name appears more than once. */
  fields: { name: string; value: string }[];
  files: { name: string; fileName: string; contentType: string; data: Buffer }[];
}

/** What a verified request means. The listener dedupes on `dedupeKey` and applies the rest. */
export type WebhookEvent =
  | {
      kind: 'status';
      /** Provider fax id + event + status: a replay of the same key changes nothing. */
      dedupeKey: string;
      status: ProviderFaxStatus;
    }
  | {
      kind: 'received';
      dedupeKey: string;
      fax: ReceivedFax;
    }
  | { kind: 'ignored'; reason: string };

export interface WebhookRoute {
  /** The last path segment under /<secret>/<provider>/, e.g. 'status' or 'inbound'. */
  name: string;
  /** Bodies larger than this are answered 413 without reading further. */
  maxBodyBytes: number;
  /** Parse the body as a form before verify (Phaxio signs form fields and file hashes). */
  parseForm: boolean;
  /** True only for a request the provider really sent. False → 401, nothing stored, counted. */
  verify(request: WebhookRequest): boolean | Promise<boolean>;
  /** What it means. Throwing a FaxError('invalid_input') answers 400. */
  read(request: WebhookRequest): WebhookEvent[] | Promise<WebhookEvent[]>;
}

/** How a provider learns where its webhooks are and builds callback URLs. */
export interface WebhookAddressBook {
  /** The public URL of a route, or null when no public URL is configured (then: poll). */
  urlFor(providerId: string, routeName: string, query?: Record<string, string>): string | null;
}

/** A request to a provider's route that the listener refused, for the audit log (never its body). */
export interface WebhookRejection {
  provider: string;
  route: string;
  reason: 'bad_path_secret' | 'bad_signature' | 'bad_body';
}
