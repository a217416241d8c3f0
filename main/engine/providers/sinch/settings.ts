// Sinch settings from the environment (DESIGN.md names). Missing values are refused with the
// variable's name, so an admin knows exactly what to set.
import { FaxError } from '../../../../shared/errors';

export interface SinchSettings {
  projectId: string;
  keyId: string;
  keySecret: string;
  baseUrl: string;
  authUrl: string;
  /** Basic auth is for Sinch test projects only: it is heavily rate limited. */
  authMode: 'oauth' | 'basic';
}

export const SINCH_DEFAULT_BASE_URL = 'https://fax.api.sinch.com/v3';
export const SINCH_DEFAULT_AUTH_URL = 'https://auth.sinch.com/oauth2/token';

export function sinchSettingsFromEnv(env: Readonly<Record<string, string | undefined>>): SinchSettings {
  const required = (name: string, what: string): string => {
    const value = env[name]?.trim();
    if (!value)
      throw new FaxError('invalid_input', `Sinch needs ${what}: set ${name} (from the Sinch dashboard, Access keys).`, { field: name });
    return value;
  };
  const url = (name: string, fallback: string): string => {
    const value = env[name]?.trim() || fallback;
    try {
      const parsed = new URL(value);
      if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error('not http');
    } catch {
      throw new FaxError('invalid_input', `${name} must be an http(s) URL such as ${fallback}; it is "${value}".`, { field: name });
    }
    return value.replace(/\/+$/, '');
  };
  const mode = env.SINCH_AUTH_MODE?.trim().toLowerCase() || 'oauth';
  if (mode !== 'oauth' && mode !== 'basic') {
    throw new FaxError(
      'invalid_input',
      `SINCH_AUTH_MODE must be "oauth" or "basic" (basic only for Sinch test projects); it is "${mode}".`,
      { field: 'SINCH_AUTH_MODE' },
    );
  }
  return {
    projectId: required('SINCH_PROJECT_ID', 'the project id'),
    keyId: required('SINCH_API_KEY', 'the access key id'),
    keySecret: required('SINCH_API_SECRET', 'the access key secret'),
    baseUrl: url('SINCH_BASE_URL', SINCH_DEFAULT_BASE_URL),
    authUrl: url('SINCH_AUTH_URL', SINCH_DEFAULT_AUTH_URL),
    authMode: mode,
  };
}
