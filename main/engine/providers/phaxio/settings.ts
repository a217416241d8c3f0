// Phaxio settings from the environment (DESIGN.md names). The callback token is optional:
// without it callbacks cannot be verified, so they are refused and the queue polls instead.
import { FaxError } from '../../../../shared/errors';

export interface PhaxioSettings {
  baseUrl: string;
  apiKey: string;
  apiSecret: string;
  callbackToken?: string;
}

export const PHAXIO_DEFAULT_BASE_URL = 'https://api.phaxio.com/v2.1';

export function phaxioSettingsFromEnv(env: Readonly<Record<string, string | undefined>>): PhaxioSettings {
  const apiKey = env.PHAXIO_API_KEY?.trim();
  const apiSecret = env.PHAXIO_API_SECRET?.trim();
  const missing = [!apiKey && 'PHAXIO_API_KEY', !apiSecret && 'PHAXIO_API_SECRET'].filter(Boolean);
  if (missing.length > 0) {
    throw new FaxError(
      'provider_auth',
      `Phaxio needs its API credentials: set ${missing.join(' and ')} (from the Phaxio console, API Keys page).`,
    );
  }
  const baseUrl = env.PHAXIO_BASE_URL?.trim() || PHAXIO_DEFAULT_BASE_URL;
  let parsed: URL;
  try {
    parsed = new URL(baseUrl);
  } catch {
    throw new FaxError('invalid_input', `PHAXIO_BASE_URL=${baseUrl} is not a URL: use ${PHAXIO_DEFAULT_BASE_URL} or unset it.`, {
      field: 'PHAXIO_BASE_URL',
    });
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new FaxError(
      'invalid_input',
      `PHAXIO_BASE_URL=${baseUrl} must start with https://: use ${PHAXIO_DEFAULT_BASE_URL} or unset it.`,
      { field: 'PHAXIO_BASE_URL' },
    );
  }
  const callbackToken = env.PHAXIO_CALLBACK_TOKEN?.trim() || undefined;
  return { baseUrl, apiKey: apiKey!, apiSecret: apiSecret!, callbackToken };
}
