// OAuth2 client credentials for the Sinch Fax API (contract §1): one cached bearer token,
// refreshed ahead of expiry, one refresh in flight at a time. Basic is for test projects.
import { FaxError } from '../../../../shared/errors';
import { transportError } from './sinchErrors';

export interface SinchAuthOptions {
  authUrl: string;
  keyId: string;
  keySecret: string;
  mode: 'oauth' | 'basic';
  timeoutMs: number;
  now: () => number;
}

/** Refresh this long before expiry (the SDK uses 60 s; short test tokens use half their life). */
const MAX_EARLY_MS = 60_000;

export class SinchAuth {
  private token: { value: string; refreshAt: number } | null = null;
  private inFlight: Promise<string> | null = null;
  /** How many tokens were fetched: lets tests and health views see refresh behaviour. */
  fetched = 0;

  constructor(private readonly options: SinchAuthOptions) {}

  private basic(): string {
    return 'Basic ' + Buffer.from(`${this.options.keyId}:${this.options.keySecret}`).toString('base64');
  }

  async header(): Promise<string> {
    if (this.options.mode === 'basic') return this.basic();
    if (this.token && this.options.now() < this.token.refreshAt) return `Bearer ${this.token.value}`;
    return `Bearer ${await this.refresh()}`;
  }

  /** Forget the token (the API said it expired); the next header() fetches a new one. */
  invalidate(used: string): void {
    if (this.token && `Bearer ${this.token.value}` === used) this.token = null;
  }

  private refresh(): Promise<string> {
    this.inFlight ??= this.fetchToken().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async fetchToken(): Promise<string> {
    let response: Response;
    try {
      response = await fetch(this.options.authUrl, {
        method: 'POST',
        headers: { authorization: this.basic(), 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: 'grant_type=client_credentials',
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (error) {
      throw transportError(error, 'sign in to Sinch', true);
    }
    if (response.status === 401 || response.status === 403) {
      throw new FaxError(
        'provider_auth',
        'Sinch refused the access key: check SINCH_API_KEY and SINCH_API_SECRET (Sinch dashboard → Access keys).',
      );
    }
    if (response.status === 429)
      throw new FaxError('provider_unavailable', 'Sinch is limiting sign-in requests; trying again shortly.', { retryable: true });
    if (!response.ok)
      throw new FaxError('provider_unavailable', `Sinch sign-in answered HTTP ${response.status}; trying again later.`, {
        retryable: true,
      });
    const body = (await response.json().catch(() => null)) as { access_token?: unknown; expires_in?: unknown } | null;
    const value = body?.access_token;
    const expiresIn = Number(body?.expires_in);
    if (typeof value !== 'string' || value === '' || !Number.isFinite(expiresIn) || expiresIn <= 0) {
      throw new FaxError('provider_error', 'Sinch sign-in answered without a usable access token; check SINCH_AUTH_URL.', {
        retryable: true,
      });
    }
    const lifeMs = expiresIn * 1000;
    this.token = { value, refreshAt: this.options.now() + lifeMs - Math.min(MAX_EARLY_MS, lifeMs / 2) };
    this.fetched += 1;
    return value;
  }
}
