// The engine's side of the REST API: whether it is on, its keys, its audit entries and the
// per-key rate limit. The engine builds one; the HTTP routes (here and MCP's) ask it who a
// caller is, and the Settings → API keys operations change it.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Db } from '../database';
import type { Logger } from '../log';
import type { ApiScope, ApiSettings } from '../../../shared/apiKeys';
import type { WebhookHealth } from '../../../shared/webhooks';
import { FaxError } from '../../../shared/errors';
import type { AuditEntry, AuditLog } from '../audit';
import { ApiKeyStore, type NewKey } from './keys/keyStore';
import type { ApiPrincipal } from './principal';
import { RateLimiter, type RateDecision } from './rateLimit';

export interface ApiAccessOptions {
  db: Db;
  logger: Logger;
  /** API_KEY: a bootstrap key with every scope; compared, never stored. '' when unset. */
  envApiKey: string;
  /** FAXBOT_API_ENABLED when set (true/false), else null. */
  envEnabled: boolean | null;
  maxRequestsPerMinute: number;
  /** Where the local server answers until the server says otherwise. */
  defaultBaseUrl: string;
  /** Readiness probes for GET /health/ready; each throws (with a readable message) when not ready. */
  probes: ApiProbes;
  /** The engine's audit log (main/engine/audit): API calls, refusals and key changes go in it. */
  auditLog: AuditLog;
}

export interface ApiProbes {
  database(): void;
  storage(): Promise<void>;
  /** The outbound provider; `problem` says why it could not start (null when it runs). */
  provider(): { id: string; label: string; problem: string | null };
  /** The listener as it stands, why it is not listening, and the active providers that call back. */
  webhooks(): { health: WebhookHealth; listenProblem: string | null; callers: string[] };
}

const ENV_PRINCIPAL: ApiPrincipal = { keyId: 'env', name: 'API_KEY (environment)', scopes: new Set(['*']) };
const sha256 = (text: string) => createHash('sha256').update(text).digest();

export class ApiAccess {
  readonly keys: ApiKeyStore;
  readonly auditLog: AuditLog;
  readonly probes: ApiProbes;
  private readonly limiter: RateLimiter;
  private readonly listeners = new Set<(enabled: boolean) => void>();
  private readonly envKeyDigest: Buffer | null;
  private base: string;

  constructor(private readonly options: ApiAccessOptions) {
    this.keys = new ApiKeyStore(options.db);
    this.auditLog = options.auditLog;
    this.limiter = new RateLimiter(options.maxRequestsPerMinute);
    this.envKeyDigest = options.envApiKey ? sha256(options.envApiKey) : null;
    this.probes = options.probes;
    this.base = options.defaultBaseUrl;
  }

  /** On when FAXBOT_API_ENABLED says so; else when API_KEY is set; else as Settings last said. */
  isEnabled(): boolean {
    if (this.options.envEnabled !== null) return this.options.envEnabled;
    if (this.envKeyDigest) return true;
    const row = this.options.db.prepare("SELECT value FROM api_settings WHERE key = 'enabled'").get() as { value: string } | undefined;
    return row?.value === 'true';
  }

  /**
   * How to turn the API on, true for what turned it off (one or two sentences): with
   * FAXBOT_API_ENABLED=false neither Settings nor API_KEY can, so the fix is that variable.
   */
  offReason(): string {
    if (this.options.envEnabled === false) {
      return this.envKeyDigest
        ? "FAXBOT_API_ENABLED=false in Faxbot's environment turns it off, and wins over API_KEY: remove FAXBOT_API_ENABLED (API_KEY then turns the API on) or set it to true, and restart Faxbot."
        : "FAXBOT_API_ENABLED=false in Faxbot's environment turns it off, and Settings cannot change that: set FAXBOT_API_ENABLED=true, or remove it and turn the API on in Settings → API keys; then restart Faxbot.";
    }
    return 'Turn it on in Settings → API keys, or start Faxbot with FAXBOT_API_ENABLED=true or with API_KEY set.';
  }

  lockedBy(): string | null {
    if (this.options.envEnabled !== null) return 'FAXBOT_API_ENABLED';
    return this.envKeyDigest ? 'API_KEY' : null;
  }

  settings(): ApiSettings {
    return { enabled: this.isEnabled(), lockedBy: this.lockedBy(), baseUrl: this.base, keys: this.keys.list() };
  }

  /** The server that carries the API calls this once it knows its real address. */
  setBaseUrl(url: string): void {
    this.base = url;
  }

  setEnabled(enabled: boolean, actor = 'window'): ApiSettings {
    const locked = this.lockedBy();
    if (locked) {
      // The environment wins (DESIGN.md precedence); say so instead of silently ignoring.
      if (enabled !== this.isEnabled())
        throw new FaxError(
          'locked_by_env',
          `The REST API is turned ${this.isEnabled() ? 'on' : 'off'} by ${locked} in Faxbot's environment: change or unset ${locked} and restart Faxbot.`,
        );
      return this.settings();
    }
    const was = this.isEnabled();
    this.options.db
      .prepare("INSERT INTO api_settings (key, value) VALUES ('enabled', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
      .run(String(enabled));
    if (was !== enabled) {
      this.audit({ actor, action: enabled ? 'api_enabled' : 'api_disabled' });
      for (const listener of this.listeners) listener(enabled);
    }
    return this.settings();
  }

  /** Called when the API is switched on or off from Settings. */
  onEnabledChanged(listener: (enabled: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The caller behind an X-API-Key value, or null for a missing, malformed, wrong or revoked key. */
  async authenticate(presented: string | undefined | null): Promise<ApiPrincipal | null> {
    if (typeof presented !== 'string' || presented.length === 0 || presented.length > 512) return null;
    if (this.envKeyDigest && timingSafeEqual(this.envKeyDigest, sha256(presented))) return ENV_PRINCIPAL;
    const principal = await this.keys.verify(presented);
    if (principal) this.keys.touch(principal.keyId);
    return principal;
  }

  admit(principal: ApiPrincipal): RateDecision {
    return this.limiter.admit(principal.keyId);
  }

  /** Never throws: the log reports its own failures. */
  audit(entry: AuditEntry): void {
    this.auditLog.record(entry);
  }

  async createKey(name: string, scopes: readonly ApiScope[], actor = 'window'): Promise<NewKey> {
    const created = await this.keys.create(name, scopes);
    this.audit({
      actor,
      action: 'api_key_created',
      target: created.key.keyId,
      details: { name: created.key.name, scopes: created.key.scopes },
    });
    return created;
  }

  revokeKey(keyId: string, actor = 'window') {
    const key = this.keys.revoke(keyId);
    this.audit({ actor, action: 'api_key_revoked', target: keyId });
    return key;
  }

  async rotateKey(keyId: string, actor = 'window'): Promise<NewKey> {
    const rotated = await this.keys.rotate(keyId);
    this.audit({ actor, action: 'api_key_rotated', target: keyId });
    return rotated;
  }
}
