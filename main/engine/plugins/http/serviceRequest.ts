// Turning one manifest action into an HTTP request (templates filled, auth applied), and an
// answer other than 2xx into an error a person can act on.
import { FaxError } from '../../../../shared/errors';
import { readText } from './responsePath';
import { fillHeader, fillJson, fillUrl, fill, isOnly, type PlaceholderValues } from './template';
import type { HttpAction, HttpProviderManifest } from './manifestTypes';
import type { ServiceAnswer, ServiceRequest } from './serviceClient';

export interface RequestParts {
  values: PlaceholderValues;
  /** A secret by field name; null when it is not set anywhere. */
  secret: (field: string) => string | null;
  /** The document, for a multipart {{file}} field. */
  file?: { bytes: Uint8Array; fileName: string };
}

export function buildRequest(manifest: HttpProviderManifest, action: HttpAction, parts: RequestParts): ServiceRequest {
  const url = new URL(fillUrl(action.url, parts.values));
  const headers: Record<string, string> = { accept: 'application/json' };
  for (const [name, text] of Object.entries(action.headers ?? {})) headers[name] = fillHeader(name, text, parts.values);
  applyAuth(manifest, url, headers, parts);
  const kind = action.body?.kind ?? 'none';
  const template = action.body?.template;
  if (kind === 'json') {
    headers['content-type'] = 'application/json';
    return { method: action.method, url, headers, body: JSON.stringify(fillJson(template, parts.values)) };
  }
  if (kind === 'form') {
    const form = new URLSearchParams();
    for (const [name, text] of Object.entries(template as Record<string, string>)) form.append(name, fill(text, parts.values));
    return { method: action.method, url, headers, body: form };
  }
  if (kind === 'multipart') {
    const form = new FormData();
    for (const [name, text] of Object.entries(template as Record<string, string>)) {
      if (isOnly(text, 'file') && parts.file)
        form.append(name, new Blob([Buffer.from(parts.file.bytes)], { type: 'application/pdf' }), parts.file.fileName);
      else form.append(name, fill(text, parts.values));
    }
    return { method: action.method, url, headers, body: form };
  }
  return { method: action.method, url, headers };
}

function applyAuth(manifest: HttpProviderManifest, url: URL, headers: Record<string, string>, parts: RequestParts): void {
  const { auth } = manifest;
  const secret = parts.secret;
  const need = (field: string | undefined) => {
    const value = field ? secret(field) : null;
    if (!value) throw missingCredential(manifest, field ?? '');
    return value;
  };
  switch (auth.scheme) {
    case 'bearer':
      headers.authorization = `Bearer ${need(auth.token)}`;
      break;
    case 'basic': {
      // The user name may be a plain setting or a secret, as the manifest declares it.
      const user = secret(auth.username ?? '') ?? parts.values(`settings.${auth.username ?? ''}`);
      headers.authorization = 'Basic ' + Buffer.from(`${user}:${need(auth.password)}`, 'utf8').toString('base64');
      break;
    }
    case 'api_key_header':
      headers[auth.header_name ?? 'X-API-Key'] = need(auth.token);
      break;
    case 'api_key_query':
      url.searchParams.set(auth.query_name ?? 'api_key', need(auth.token));
      break;
    case 'none':
      break;
  }
}

export function fieldTitle(manifest: HttpProviderManifest, field: string): string {
  const title = manifest.settingsSchema.properties[field]?.title;
  return typeof title === 'string' && title ? title : field;
}

function missingCredential(manifest: HttpProviderManifest, field: string): FaxError {
  return new FaxError(
    'provider_auth',
    `${manifest.name} needs its ${fieldTitle(manifest, field)}: enter it in Settings → Plugins → ${manifest.name}.`,
  );
}

function credentialNames(manifest: HttpProviderManifest): string {
  const { auth } = manifest;
  const fields = [auth.username, auth.password, auth.token].filter((f): f is string => Boolean(f));
  return fields.length ? fields.map((f) => fieldTitle(manifest, f)).join(' and ') : 'credentials';
}

/** The service's own words about a failure, when the manifest says where they are. */
export function serviceSaid(action: HttpAction, answer: ServiceAnswer): string | null {
  const text = readText(answer.json, action.response?.error);
  return text ? text.slice(0, 300) : null;
}

/** What a non-2xx answer means for a person, and whether trying again could help. */
export function errorForAnswer(manifest: HttpProviderManifest, action: HttpAction, answer: ServiceAnswer): FaxError {
  const said = serviceSaid(action, answer);
  const quoted = said ? `${manifest.name} said: "${said}"` : `HTTP ${answer.status}`;
  const { status } = answer;
  if (status === 401 || status === 403) {
    return new FaxError(
      'provider_auth',
      `${manifest.name} refused the credentials (${quoted}): check the ${credentialNames(manifest)} in Settings → Plugins → ${manifest.name}.`,
    );
  }
  if (status === 429) {
    const wait = Number(answer.headers.get('retry-after'));
    const retryAfterMs = Number.isFinite(wait) && wait > 0 ? Math.min(wait * 1000, 15 * 60_000) : 30_000;
    return new FaxError(
      'provider_unavailable',
      `${manifest.name} is limiting how fast Faxbot may send: Faxbot will try again in ${Math.ceil(retryAfterMs / 1000)} seconds.`,
      { retryable: true, retryAfterMs },
    );
  }
  if (status >= 500)
    return new FaxError('provider_unavailable', `${manifest.name} is having trouble right now (${quoted}). Faxbot will try again.`, {
      retryable: true,
    });
  if (status === 404) return new FaxError('not_found', `${manifest.name} does not know this fax (${quoted}).`);
  return new FaxError('provider_error', `${manifest.name} refused the request (${quoted}).`);
}
