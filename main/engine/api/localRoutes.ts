// The routes that ride beside the REST API on the local server: MCP over streamable HTTP at
// /mcp, with the same keys, rate limit and audit log as the REST API.
import type { ApiEngine, ApiHttpRoute } from './types';
import { createMcpHttpRoute, engineFaxTools } from './mcp';

export function defaultExtraRoutes(engine: ApiEngine): ApiHttpRoute[] {
  const mcp = createMcpHttpRoute({
    tools: engineFaxTools(engine),
    authenticate: async (key) => {
      const principal = await engine.api.authenticate(key);
      engine.api.audit({ actor: principal?.keyId ?? 'anonymous', action: principal ? 'mcp_request' : 'mcp_denied', target: '/mcp' });
      return principal;
    },
    admit: (caller) => {
      const decision = engine.api.admit({ keyId: caller.keyId ?? 'unknown', name: '', scopes: caller.scopes });
      if (!decision.ok) engine.api.audit({ actor: caller.keyId ?? 'unknown', action: 'rate_limited', target: '/mcp' });
      return decision;
    },
    maxFileSizeMb: engine.config.maxFileSizeMb,
    logger: engine.logger.child('mcp'),
  });
  return [mcp];
}
