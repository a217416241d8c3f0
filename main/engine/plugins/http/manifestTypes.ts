// The shape of a declarative HTTP provider manifest, as config/schemas/http-provider-manifest
// .schema.json fixes it. A manifest is data only: nothing in it is ever run as code.
import type { ProviderFaxState } from '../../providers/types';
import type { SettingsSchema } from '../../../../shared/plugins';

export type AuthScheme = 'none' | 'basic' | 'bearer' | 'api_key_header' | 'api_key_query';
export type BodyKind = 'json' | 'form' | 'multipart' | 'none';
export type ActionName = 'send_fax' | 'get_status' | 'cancel_fax' | 'lookup';

export type MappedStatus = ProviderFaxState | { state: ProviderFaxState; retryable?: boolean };

export interface ActionResponse {
  /** For lookup: the path to a list of faxes; the first one is the match. */
  items?: string;
  job_id?: string;
  status?: string;
  error?: string;
  pages?: string;
  status_map?: Record<string, MappedStatus>;
}

export interface HttpAction {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: { kind: BodyKind; template?: unknown };
  response?: ActionResponse;
}

export interface HttpProviderManifest {
  id: string;
  name: string;
  version: string;
  description?: string;
  helpUrl?: string;
  settingsSchema: SettingsSchema;
  auth: { scheme: AuthScheme; username?: string; password?: string; token?: string; header_name?: string; query_name?: string };
  allowed_domains: string[];
  timeout_ms?: number;
  max_response_bytes?: number;
  status_poll_ms?: number;
  /** service_dedupes: the service itself refuses a second fax with the same idempotency key. */
  idempotency?: { service_dedupes?: boolean };
  actions: { send_fax: HttpAction; get_status: HttpAction; cancel_fax?: HttpAction; lookup?: HttpAction };
}

export const DEFAULT_TIMEOUT_MS = 15_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;
export const MAX_MANIFEST_BYTES = 64 * 1024;
export const MAX_TEMPLATE_BYTES = 16 * 1024;
