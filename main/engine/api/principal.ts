// Who is calling the API, and what they may do.
import type { ApiScope } from '../../../shared/apiKeys';

export interface ApiPrincipal {
  /** The key's public id, or 'env' for the API_KEY bootstrap key. */
  keyId: string;
  name: string;
  /** Granted scopes; '*' grants all (the API_KEY bootstrap key). */
  scopes: ReadonlySet<string>;
}

export function hasScope(principal: ApiPrincipal, scope: ApiScope): boolean {
  return principal.scopes.has('*') || principal.scopes.has(scope);
}
