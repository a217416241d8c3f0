// API keys in SQLite: created, listed, revoked and rotated from Settings → API keys, and
// checked on every API request. Secrets are stored as scrypt hashes only. Because scrypt is
// deliberately slow, a successful check is remembered for a short time under a SHA-256 of
// the presented key (never the key itself), and forgotten at once on revoke or rotate.
import { createHash } from 'node:crypto';
import type { Db } from '../../database';
import { FaxError } from '../../../../shared/errors';
import { API_SCOPES, type ApiKeyInfo, type ApiScope } from '../../../../shared/apiKeys';
import type { ApiPrincipal } from '../principal';
import { formatApiKey, hashSecret, newKeyId, newSecret, parseApiKey, verifySecret } from './keyFormat';

interface KeyRow {
  key_id: string;
  name: string;
  scopes: string;
  secret_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  rotated_at: string | null;
}

const VERIFIED_TTL_MS = 60_000;
// Writing "last used" on every request would add a disk write to each read; once a minute is enough to show in Settings.
const LAST_USED_EVERY_MS = 60_000;

export interface NewKey {
  key: ApiKeyInfo;
  /** The whole key, shown once. */
  secret: string;
}

export class ApiKeyStore {
  private readonly verified = new Map<string, { principal: ApiPrincipal; until: number }>();
  private readonly checking = new Map<string, Promise<ApiPrincipal | null>>();
  private readonly lastUsedWritten = new Map<string, number>();

  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  list(): ApiKeyInfo[] {
    const rows = this.db.prepare('SELECT * FROM api_keys ORDER BY created_at DESC, key_id').all() as KeyRow[];
    return rows.map(toInfo);
  }

  get(keyId: string): ApiKeyInfo | null {
    const row = this.row(keyId);
    return row ? toInfo(row) : null;
  }

  async create(name: string, scopes: readonly ApiScope[]): Promise<NewKey> {
    const keyId = newKeyId();
    const secret = newSecret();
    const at = new Date(this.now()).toISOString();
    const unique = API_SCOPES.filter((s) => scopes.includes(s));
    this.db
      .prepare('INSERT INTO api_keys (key_id, name, scopes, secret_hash, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(keyId, name.trim(), unique.join(','), await hashSecret(secret), at);
    return { key: this.get(keyId)!, secret: formatApiKey(keyId, secret) };
  }

  revoke(keyId: string): ApiKeyInfo {
    const row = this.requireRow(keyId);
    if (!row.revoked_at)
      this.db.prepare('UPDATE api_keys SET revoked_at = ? WHERE key_id = ?').run(new Date(this.now()).toISOString(), keyId);
    this.forget(keyId);
    return this.get(keyId)!;
  }

  /** Same key id, new secret: the old key stops working at once. */
  async rotate(keyId: string): Promise<NewKey> {
    const row = this.requireRow(keyId);
    if (row.revoked_at)
      throw new FaxError('wrong_state', `The key "${row.name}" is revoked, so it cannot be rotated: create a new key instead.`);
    const secret = newSecret();
    const hash = await hashSecret(secret);
    this.db
      .prepare('UPDATE api_keys SET secret_hash = ?, rotated_at = ? WHERE key_id = ?')
      .run(hash, new Date(this.now()).toISOString(), keyId);
    this.forget(keyId);
    return { key: this.get(keyId)!, secret: formatApiKey(keyId, secret) };
  }

  /** The principal of a presented key, or null for a malformed, unknown, wrong or revoked key. */
  async verify(presented: string): Promise<ApiPrincipal | null> {
    const digest = createHash('sha256').update(presented).digest('hex');
    const cached = this.verified.get(digest);
    if (cached && cached.until > this.now()) return cached.principal;
    if (cached) this.verified.delete(digest);
    // Many requests arriving together with one key share one scrypt check.
    let pending = this.checking.get(digest);
    if (!pending) {
      pending = this.check(presented, digest).finally(() => this.checking.delete(digest));
      this.checking.set(digest, pending);
    }
    return pending;
  }

  /** Notes that a key was used (at most once a minute per key, to spare the disk). */
  touch(keyId: string): void {
    const at = this.now();
    if (at - (this.lastUsedWritten.get(keyId) ?? 0) < LAST_USED_EVERY_MS) return;
    this.lastUsedWritten.set(keyId, at);
    this.db.prepare('UPDATE api_keys SET last_used_at = ? WHERE key_id = ?').run(new Date(at).toISOString(), keyId);
  }

  private async check(presented: string, digest: string): Promise<ApiPrincipal | null> {
    const parsed = parseApiKey(presented);
    if (!parsed) return null;
    const row = this.row(parsed.keyId);
    if (!row || row.revoked_at) return null;
    const generation = row.secret_hash;
    if (!(await verifySecret(parsed.secret, row.secret_hash))) return null;
    // Revoked or rotated while scrypt ran: the answer is already stale.
    const after = this.row(parsed.keyId);
    if (!after || after.revoked_at || after.secret_hash !== generation) return null;
    const principal: ApiPrincipal = { keyId: row.key_id, name: row.name, scopes: new Set(row.scopes.split(',').filter(Boolean)) };
    this.verified.set(digest, { principal, until: this.now() + VERIFIED_TTL_MS });
    return principal;
  }

  private forget(keyId: string): void {
    for (const [digest, entry] of this.verified) if (entry.principal.keyId === keyId) this.verified.delete(digest);
  }

  private row(keyId: string): KeyRow | undefined {
    return this.db.prepare('SELECT * FROM api_keys WHERE key_id = ?').get(keyId) as KeyRow | undefined;
  }

  private requireRow(keyId: string): KeyRow {
    const row = this.row(keyId);
    if (!row)
      throw new FaxError('not_found', `There is no API key ${keyId}. It may have been removed; refresh Settings → API keys.`, {
        field: 'keyId',
      });
    return row;
  }
}

function toInfo(row: KeyRow): ApiKeyInfo {
  return {
    keyId: row.key_id,
    name: row.name,
    scopes: row.scopes.split(',').filter((s): s is ApiScope => (API_SCOPES as readonly string[]).includes(s)),
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
    rotatedAt: row.rotated_at,
  };
}
