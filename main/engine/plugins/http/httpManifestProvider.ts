// A cloud fax service that has no built-in plugin, driven entirely by its imported manifest.
// It calls only the manifest's allowed domains and takes its credentials from the secret store.
import { FaxError } from '../../../../shared/errors';
import type { Logger } from '../../log';
import type { OutboundFax, ProviderFaxState, ProviderFaxStatus, ProviderPlugin, ProviderSink } from '../../providers/types';
import { readPath, readText } from './responsePath';
import { callService, type ServiceAnswer, type ServiceLimits } from './serviceClient';
import { buildRequest, errorForAnswer, serviceSaid, type RequestParts } from './serviceRequest';
import {
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_TIMEOUT_MS,
  type ActionResponse,
  type HttpAction,
  type HttpProviderManifest,
} from './manifestTypes';

export interface HttpManifestProviderOptions {
  manifest: HttpProviderManifest;
  /** Effective non-secret settings (environment > config store > schema defaults). */
  settings: Record<string, unknown>;
  /** A secret by field name, from the sealed secret store or the environment; null when unset. */
  secret: (field: string) => string | null;
  logger: Logger;
}

// No webhooks reach a manifest provider, so polling is how a fax is tracked.
const DEFAULT_STATUS_POLL_MS = 15_000;

export class HttpManifestProvider implements ProviderPlugin {
  readonly id: string;
  readonly label: string;
  private readonly limits: ServiceLimits;
  // Unknown statuses are logged once per fax and status, not on every poll.
  private readonly unknownSeen = new Set<string>();

  constructor(private readonly options: HttpManifestProviderOptions) {
    const { manifest } = options;
    this.id = manifest.id;
    this.label = manifest.name;
    this.limits = {
      name: manifest.name,
      allowedDomains: manifest.allowed_domains,
      timeoutMs: manifest.timeout_ms ?? DEFAULT_TIMEOUT_MS,
      maxResponseBytes: manifest.max_response_bytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    };
  }

  statusPollMs(): number {
    return this.options.manifest.status_poll_ms ?? DEFAULT_STATUS_POLL_MS;
  }

  /** True when the manifest says how to cancel a fax at the service. */
  get canCancel(): boolean {
    return this.options.manifest.actions.cancel_fax !== undefined;
  }

  /**
   * Manifests have no test action: ask about a fax that does not exist. Any answer but 401/403,
   * a server error or a misbehaving answer (a 404 most likely) means the service took the credentials.
   */
  async testConnection(): Promise<void> {
    const action = this.options.manifest.actions.get_status;
    const request = buildRequest(this.options.manifest, action, this.parts(undefined, 'faxbot-connection-test'));
    const answer = await callService(this.limits, request, false);
    if (answer.status === 401 || answer.status === 403 || answer.status === 429 || answer.status >= 500)
      throw errorForAnswer(this.options.manifest, action, answer);
  }

  async start(_sink: ProviderSink): Promise<void> {
    // Status comes from the queue's polling (getStatus); nothing runs in the background.
  }

  async stop(): Promise<void> {}

  async send(fax: OutboundFax): Promise<{ providerFaxId: string }> {
    const action = this.options.manifest.actions.send_fax;
    const answer = await this.call(action, this.parts(fax), true);
    const id = readText(answer.json, action.response?.job_id);
    if (!id) {
      // Taken, but we cannot tell which fax it is: reconcile rather than resend.
      throw new FaxError(
        'outcome_unknown',
        `${this.label} accepted the fax but its answer has no fax id at ${action.response?.job_id}: Faxbot will check before trying again.`,
        { retryable: true },
      );
    }
    this.options.logger.info('manifest provider accepted a fax', { provider: this.id, jobId: fax.jobId, providerFaxId: id });
    return { providerFaxId: id };
  }

  async getStatus(providerFaxId: string): Promise<ProviderFaxStatus> {
    const action = this.options.manifest.actions.get_status;
    const answer = await this.call(action, this.parts(undefined, providerFaxId), false);
    return this.statusFrom(action, answer.json, providerFaxId);
  }

  /**
   * After a crash or a lost answer: did the service take this attempt? With a lookup action
   * we ask it by key. Without one, a service that drops repeated idempotency keys makes a
   * resend safe (null). Otherwise there is no way to find a fax sent just before a crash, so
   * the attempt ends as failed with outcome_unknown, not retried: sending twice is worse.
   */
  async lookup(idempotencyKey: string): Promise<ProviderFaxStatus | null> {
    const { manifest } = this.options;
    const action = manifest.actions.lookup;
    if (!action) {
      if (manifest.idempotency?.service_dedupes) return null;
      return {
        providerFaxId: `unknown-${idempotencyKey}`,
        idempotencyKey,
        state: 'failed',
        error: {
          code: 'outcome_unknown',
          message: `Faxbot cannot tell whether ${this.label} sent this fax: the connection was lost while it was being handed over, and ${this.label} offers no way to look it up. Check with ${this.label} before sending it again.`,
          retryable: false,
        },
      };
    }
    let answer: ServiceAnswer;
    try {
      answer = await this.call(action, this.parts(undefined, undefined, idempotencyKey), false);
    } catch (error) {
      if (error instanceof FaxError && error.code === 'not_found') return null;
      throw error;
    }
    const response = action.response ?? {};
    const item = response.items ? firstOf(readPath(answer.json, response.items)) : answer.json;
    if (item === undefined || item === null) return null;
    const id = readText(item, response.job_id);
    if (!id) return null;
    return { ...this.statusFrom(action, item, id), idempotencyKey };
  }

  /** Cancels a fax at the service, when the manifest has a cancel_fax action. */
  async cancel(providerFaxId: string): Promise<void> {
    const action = this.options.manifest.actions.cancel_fax;
    if (!action) throw new FaxError('wrong_state', `${this.label} has no way to cancel a fax it has taken.`);
    await this.call(action, this.parts(undefined, providerFaxId), false);
  }

  private async call(action: HttpAction, parts: RequestParts, ambiguous: boolean): Promise<ServiceAnswer> {
    const request = buildRequest(this.options.manifest, action, parts);
    const answer = await callService(this.limits, request, ambiguous);
    if (answer.status < 200 || answer.status >= 300) throw errorForAnswer(this.options.manifest, action, answer);
    return answer;
  }

  private parts(fax?: OutboundFax, faxId?: string, key?: string): RequestParts {
    const { settings, secret } = this.options;
    let base64: string | undefined;
    const values = (name: string): string => {
      if (name.startsWith('settings.')) return scalar(settings[name.slice(9)]);
      if (name.startsWith('creds.')) {
        const value = secret(name.slice(6));
        if (value === null)
          throw new FaxError('provider_auth', `${this.label} needs its ${name.slice(6)}: enter it in Settings → Plugins → ${this.label}.`);
        return value;
      }
      switch (name) {
        case 'to':
          return fax?.to ?? '';
        case 'file_base64':
          return (base64 ??= fax ? Buffer.from(fax.pdf).toString('base64') : '');
        case 'idempotency_key':
          return fax?.idempotencyKey ?? key ?? '';
        case 'job_id':
          return fax?.jobId ?? '';
        case 'pages':
          return fax ? String(fax.pages) : '';
        case 'from_number':
          return fax?.from.number ?? '';
        case 'from_name':
          return fax?.from.name ?? '';
        case 'header_text':
          return fax?.from.headerText ?? '';
        case 'fax_id':
          return faxId ?? '';
        default:
          return '';
      }
    };
    return { values, secret, file: fax ? { bytes: fax.pdf, fileName: `fax-${fax.jobId}.pdf` } : undefined };
  }

  private statusFrom(action: HttpAction, json: unknown, providerFaxId: string): ProviderFaxStatus {
    const response: ActionResponse = action.response ?? {};
    const raw = readText(json, response.status);
    const mapped = raw === null ? undefined : response.status_map?.[raw];
    const pagesRaw = response.pages ? Number(readPath(json, response.pages)) : NaN;
    const pagesSent = Number.isInteger(pagesRaw) && pagesRaw >= 0 ? pagesRaw : undefined;
    if (mapped === undefined) {
      // A status the manifest does not map: keep waiting rather than guess, and say so once.
      const seen = `${providerFaxId}:${raw}`;
      if (!this.unknownSeen.has(seen)) {
        this.unknownSeen.add(seen);
        this.options.logger.warn('manifest provider reported a status its manifest does not map; the fax stays sending', {
          provider: this.id,
          providerFaxId,
          status: raw,
        });
      }
      return { providerFaxId, state: 'sending', pagesSent };
    }
    const state: ProviderFaxState = typeof mapped === 'string' ? mapped : mapped.state;
    if (state !== 'failed') return { providerFaxId, state, pagesSent };
    const retryable = typeof mapped === 'string' ? false : mapped.retryable === true;
    const said = serviceSaid(action, { status: 200, headers: new Headers(), json });
    return {
      providerFaxId,
      state,
      pagesSent,
      error: {
        code: 'provider_error',
        message: said ? `${this.label} could not send the fax: "${said}".` : `${this.label} could not send the fax (status ${raw}).`,
        retryable,
      },
    };
  }
}

function firstOf(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}

function scalar(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
