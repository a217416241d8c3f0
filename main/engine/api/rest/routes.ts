// The API's route table and its dispatcher: find the endpoint, check the key (401), the
// per-key rate limit (429) and the scope (403), record the use, run the handler.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiScope } from '../../../../shared/apiKeys';
import type { ApiEngine } from '../types';
import { runAsAuditCaller } from '../../audit';
import { droppedForGoneClient } from '../../streams';
import { version } from '../../../../package.json';
import { buildOpenApi } from '../openapi';
import { hasScope, type ApiPrincipal } from '../principal';
import type { ApiEndpoint } from './endpoint';
import { faxEndpoints } from './faxRoutes';
import { healthEndpoints } from './health';
import { sendError, sendJson, sendProblem } from './http';
import { inboundEndpoints } from './inboundRoutes';
import { contactEndpoints } from './contactRoutes';
import { coverTemplateEndpoints } from './coverTemplateRoutes';
import { PLUGIN_PATH_PREFIXES, pluginEndpoints } from './pluginRoutes';

const openApiEndpoint: ApiEndpoint = {
  method: 'GET',
  path: '/openapi.json',
  operationId: 'openapi',
  summary: 'This document',
  scope: null,
  responses: { 200: { description: 'The OpenAPI 3.1 document.' } },
  async handle(call) {
    sendJson(call.response, 200, OPENAPI);
  },
};

export const API_ENDPOINTS: readonly ApiEndpoint[] = [
  ...healthEndpoints,
  ...faxEndpoints,
  ...inboundEndpoints,
  ...contactEndpoints,
  ...coverTemplateEndpoints,
  ...pluginEndpoints,
  openApiEndpoint,
];
const OPENAPI = buildOpenApi(API_ENDPOINTS, version);

/** The first path segments the API owns on the local server. */
export const API_PATH_PREFIXES = [
  '/health',
  '/fax',
  '/inbound',
  '/contacts',
  '/cover-templates',
  ...PLUGIN_PATH_PREFIXES,
  '/openapi.json',
] as const;

const compiled = API_ENDPOINTS.map((endpoint) => ({
  endpoint,
  names: [...endpoint.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]),
  pattern: new RegExp(`^${endpoint.path.replace(/\{\w+\}/g, '([^/]+)')}$`),
}));

export interface RawApiRequest {
  engine: ApiEngine;
  request: IncomingMessage;
  response: ServerResponse;
  pathname: string;
  query: URLSearchParams;
}

/**
 * Checks the X-API-Key of a request for `scope`. Answers 401, 429 or 403 itself (and
 * records it) and returns null; returns the caller when the request may go on.
 */
export async function authorizeApiRequest(
  engine: ApiEngine,
  request: IncomingMessage,
  response: ServerResponse,
  scope: ApiScope,
  target: string,
): Promise<ApiPrincipal | null> {
  const header = request.headers['x-api-key'];
  const presented = Array.isArray(header) ? header[0] : header;
  const principal = await engine.api.authenticate(presented);
  if (!principal) {
    if (presented)
      engine.api.audit({
        actor: 'anonymous',
        action: 'api_key_invalid',
        target,
        details: { keyId: /^fbk_live_([0-9a-f]{12})_/.exec(presented)?.[1] ?? null },
      });
    sendProblem(response, {
      code: 'not_signed_in',
      detail: presented
        ? 'That API key is not valid (wrong, or revoked): check the X-API-Key header, or create a key in Settings → API keys.'
        : 'This needs an API key in the X-API-Key header: create one in Settings → API keys.',
    });
    return null;
  }
  const rate = engine.api.admit(principal);
  if (!rate.ok) {
    engine.api.audit({ actor: principal.keyId, action: 'rate_limited', target, details: { limit: rate.limit } });
    sendProblem(
      response,
      {
        code: 'rate_limited',
        detail: `This key has made more than ${rate.limit} requests this minute: wait ${rate.retryAfterSeconds} s and try again, or raise MAX_REQUESTS_PER_MINUTE.`,
      },
      { 'Retry-After': String(rate.retryAfterSeconds) },
    );
    return null;
  }
  if (!hasScope(principal, scope)) {
    engine.api.audit({ actor: principal.keyId, action: 'api_key_denied_scope', target, details: { scope } });
    sendProblem(response, {
      code: 'no_permission',
      detail: `The key "${principal.name}" may not do this: it needs the ${scope} permission. Edit or create a key in Settings → API keys.`,
    });
    return null;
  }
  engine.api.audit({ actor: principal.keyId, action: 'api_key_used', target, details: { scope } });
  return principal;
}

export async function dispatchApiRequest({ engine, request, response, pathname, query }: RawApiRequest): Promise<void> {
  const found = compiled.map((c) => ({ ...c, match: c.pattern.exec(pathname) })).filter((c) => c.match);
  if (found.length === 0) {
    sendProblem(response, {
      code: 'not_found',
      detail: 'The Faxbot API has nothing at that address: the endpoints are listed at /openapi.json.',
    });
    return;
  }
  const chosen = found.find((c) => c.endpoint.method === request.method);
  if (!chosen) {
    const allow = found.map((c) => c.endpoint.method).join(', ');
    sendProblem(
      response,
      { code: 'method_not_allowed', detail: `${pathname.slice(0, 80)} answers ${allow}, not ${String(request.method).slice(0, 10)}.` },
      { Allow: allow },
    );
    return;
  }
  const params: Record<string, string> = {};
  try {
    chosen.names.forEach((name, i) => (params[name] = decodeURIComponent(chosen.match![i + 1])));
  } catch {
    sendProblem(response, { code: 'not_found', detail: 'That address is not valid: use an id the API gave you.' });
    return;
  }
  const { endpoint } = chosen;
  const target = `${endpoint.method} ${endpoint.path}`;
  let principal: ApiPrincipal | null = null;
  if (endpoint.scope) {
    principal = await authorizeApiRequest(engine, request, response, endpoint.scope, target);
    if (!principal) return;
  }
  try {
    // The routes write their own audit entries (fax_sent, pdf_served…): the operations they call add none.
    await runAsAuditCaller({ actor: principal?.keyId ?? 'anonymous', selfRecorded: true }, () =>
      endpoint.handle({ engine, request, response, params, query, principal }),
    );
  } catch (error) {
    if (droppedForGoneClient(request, response)) return;
    if (!response.headersSent) sendError({ engine, response }, error);
    else response.destroy();
  }
}
