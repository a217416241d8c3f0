// The REST API's one door: the engine-side access object (keys, audit, rate limit, on/off),
// the routes to mount on a local server, and what other API routes (MCP) need to check keys.
import type { ApiEngine } from './types';
import type { AuditEntry } from '../audit';
import type { ApiPrincipal } from './principal';

export type { ApiEngine, ApiHttpRoute, FaxDocumentStream } from './types';
export { ApiAccess, type ApiAccessOptions, type ApiProbes } from './apiAccess';
export { hasScope, type ApiPrincipal } from './principal';
export { createApiRoute, startApiServer, serveApiWhileEnabled, type ApiRouteOptions, type ApiServer } from './server';
export { authorizeApiRequest, API_ENDPOINTS, API_PATH_PREFIXES } from './rest/routes';
export { buildOpenApi, documentedStatuses } from './openapi';
export { COMPAT_STATUS, faxJobJson, inboundFaxJson, type FaxJobJson } from './rest/jobJson';
export { sendProblem, type ApiProblem } from './rest/http';
export { formatApiKey, parseApiKey } from './keys/keyFormat';

/** The caller behind an X-API-Key value (API_KEY or a stored key), or null. Does not count against the rate limit. */
export function authenticateApiKey(engine: ApiEngine, presentedKey: string | undefined): Promise<ApiPrincipal | null> {
  return engine.api.authenticate(presentedKey);
}

/** Appends to the audit log; numbers in details are masked, secret-looking fields dropped. */
export function recordApiAudit(engine: ApiEngine, entry: AuditEntry): void {
  engine.api.audit(entry);
}
