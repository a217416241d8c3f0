// The HTTP side of Phaxio API v2.1 (contract §1–§3): Basic auth, the JSON envelope, and
// HTTP answers turned into errors a person can act on. Uses the project's one HTTP client,
// Node's fetch, with a timeout on every request.
import { FaxError } from '../../../../shared/errors';
import { NEVER_SENT, networkCode } from '../transportErrors';

export interface PhaxioEnvelope {
  success: boolean;
  message: string;
  data?: unknown;
  paging?: { total?: number; per_page?: number; page?: number };
}

/** A rate-limited request: `retryAfterMs` is how long Phaxio asked us to wait (or our guess). */
export class PhaxioRateLimited extends FaxError {
  constructor(retryAfterMs: number) {
    super(
      'provider_unavailable',
      `Phaxio is limiting how fast Faxbot may send: Faxbot will try again in ${Math.ceil(retryAfterMs / 1000)} seconds.`,
      { retryable: true, retryAfterMs },
    );
  }
}

export interface PhaxioClientOptions {
  baseUrl: string;
  apiKey: string;
  apiSecret: string;
  timeoutMs: number;
}

interface RequestOptions {
  query?: [string, string][];
  body?: FormData;
  /** True when the request may have taken effect even if no answer came (POST /faxes). */
  ambiguous?: boolean;
}

// Without a Retry-After header (Phaxio documents none) wait this long before the next try.
const DEFAULT_RATE_LIMIT_WAIT_MS = 30_000;
const MAX_RATE_LIMIT_WAIT_MS = 15 * 60_000;

export class PhaxioClient {
  private readonly base: string;
  private readonly auth: string;

  constructor(private readonly options: PhaxioClientOptions) {
    this.base = options.baseUrl.replace(/\/+$/, '');
    this.auth = 'Basic ' + Buffer.from(`${options.apiKey}:${options.apiSecret}`, 'utf8').toString('base64');
  }

  async json(method: string, path: string, options: RequestOptions = {}): Promise<PhaxioEnvelope> {
    const response = await this.fetch(method, path, options, 'application/json');
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw this.networkError(error, options.ambiguous === true);
    }
    const envelope = parseEnvelope(text);
    if (response.ok && envelope?.success === true) return envelope;
    if (response.ok && envelope === null && options.ambiguous) {
      // A 2xx we cannot read (a proxy's page, a cut-off body): Phaxio may have queued the fax.
      throw new FaxError(
        'outcome_unknown',
        'Phaxio answered the send with something Faxbot could not read: Faxbot will ask Phaxio whether the fax arrived before trying again.',
        { retryable: true },
      );
    }
    throw errorForAnswer(response.status, envelope?.message ?? null, response.headers.get('retry-after'));
  }

  /** A document download (§2.5): the bytes, or null when Phaxio no longer has it. */
  async file(path: string): Promise<Uint8Array | null> {
    const response = await this.fetch('GET', path, {}, 'application/pdf');
    if (response.status === 404) {
      await response.body?.cancel();
      return null;
    }
    if (!response.ok) {
      const envelope = parseEnvelope(await response.text().catch(() => ''));
      throw errorForAnswer(response.status, envelope?.message ?? null, response.headers.get('retry-after'));
    }
    try {
      return new Uint8Array(await response.arrayBuffer());
    } catch (error) {
      throw this.networkError(error, false);
    }
  }

  private async fetch(method: string, path: string, options: RequestOptions, accept: string): Promise<Response> {
    const url = new URL(this.base + path);
    for (const [name, value] of options.query ?? []) url.searchParams.append(name, value);
    try {
      return await fetch(url, {
        method,
        headers: { authorization: this.auth, accept },
        body: options.body,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (error) {
      throw this.networkError(error, options.ambiguous === true);
    }
  }

  private networkError(error: unknown, ambiguous: boolean): FaxError {
    const code = networkCode(error);
    if (!ambiguous || (code && NEVER_SENT.has(code))) {
      const what = code === 'TimeoutError' ? 'did not answer in time' : `could not be reached (${code ?? 'network error'})`;
      return new FaxError(
        code === 'TimeoutError' ? 'provider_timeout' : 'provider_unavailable',
        `Phaxio ${what}: check the internet connection and PHAXIO_BASE_URL. Faxbot will try again.`,
        { retryable: true, cause: error },
      );
    }
    // The request went out and no answer came back: Phaxio may have queued the fax. Never
    // resend on this; the queue asks Phaxio by tag first.
    return new FaxError(
      'outcome_unknown',
      `The connection to Phaxio broke after the fax was sent (${code ?? 'network error'}): Faxbot will ask Phaxio whether it arrived before trying again.`,
      { retryable: true, cause: error },
    );
  }
}

function parseEnvelope(text: string): PhaxioEnvelope | null {
  try {
    const value = JSON.parse(text) as unknown;
    if (!value || typeof value !== 'object') return null;
    const record = value as Record<string, unknown>;
    if (typeof record.success !== 'boolean') return null;
    return { ...record, success: record.success, message: typeof record.message === 'string' ? record.message : '' } as PhaxioEnvelope;
  } catch {
    return null;
  }
}

/** Retry-After is either seconds or an HTTP date; anything else falls back to our default. */
export function retryAfterMs(header: string | null, now = Date.now()): number {
  if (header) {
    const trimmed = header.trim();
    if (/^\d+$/.test(trimmed)) return Math.min(MAX_RATE_LIMIT_WAIT_MS, Number(trimmed) * 1000);
    const at = Date.parse(trimmed);
    if (!Number.isNaN(at)) return Math.min(MAX_RATE_LIMIT_WAIT_MS, Math.max(0, at - now));
  }
  return DEFAULT_RATE_LIMIT_WAIT_MS;
}

/** §3: what an HTTP answer other than 2xx + success:true means for a person. */
export function errorForAnswer(status: number, message: string | null, retryAfter: string | null): FaxError {
  const said = message ? `Phaxio said: "${message}"` : `HTTP ${status}`;
  const text = (message ?? '').toLowerCase();
  if (status === 401 || status === 403) {
    return new FaxError('provider_auth', 'Phaxio refused the API key and secret: check PHAXIO_API_KEY / PHAXIO_API_SECRET.');
  }
  if (status === 429) return new PhaxioRateLimited(retryAfterMs(retryAfter));
  if (status >= 500) {
    return new FaxError('provider_unavailable', `Phaxio is having trouble right now (${said}). Faxbot will try again.`, {
      retryable: true,
    });
  }
  if (status === 404) return new FaxError('not_found', `Phaxio does not know this fax (${said}).`);
  if (status === 402 || /insufficient|funds|balance|credit/.test(text)) {
    return new FaxError(
      'provider_error',
      `Your Phaxio account has insufficient funds (${said}): add credit in the Phaxio console, then resend.`,
    );
  }
  if (/mime|file|document|content/.test(text)) {
    return new FaxError('unsupported_type', `Phaxio would not take the document (${said}): save it as a PDF and resend.`);
  }
  if (/number|phone|\bto\b/.test(text)) {
    return new FaxError(
      'invalid_number',
      `Phaxio would not dial this number (${said}): check the fax number, including the country code.`,
      { field: 'to' },
    );
  }
  return new FaxError('provider_error', `Phaxio refused the request (${said}).`);
}
