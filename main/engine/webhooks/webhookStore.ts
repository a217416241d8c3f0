// What the listener keeps in SQLite: the path secret and self-test key (made once per
// install), a public URL typed in Settings, and the keys of events already applied. The
// two secrets are kept sealed under the data key (the same envelope as documents), so the
// database file holds no usable secret.
import { randomBytes } from 'node:crypto';
import type { Db } from '../database';
import { isSealed, openBytes, sealBytes } from '../storage/envelope';

const SEALED = 'sealed:';

export class WebhookStore {
  constructor(
    private readonly db: Db,
    /** The data key; without it (older tests) secrets are kept as they are. */
    private readonly dataKey?: Buffer,
  ) {}

  /** The unguessable first path segment: 32 random bytes, base64url. Never logged. */
  pathSecret(): string {
    return this.once('path_secret', () => randomBytes(32).toString('base64url'));
  }

  /** The HMAC-SHA256 key the self-test signs with (ours, not a provider's). */
  selfTestKey(): Buffer {
    return Buffer.from(
      this.once('selftest_key', () => randomBytes(32).toString('base64url')),
      'base64url',
    );
  }

  storedPublicUrl(): string | null {
    return this.get('public_url');
  }

  setStoredPublicUrl(url: string | null): void {
    if (url === null) this.db.prepare('DELETE FROM webhook_settings WHERE key = ?').run('public_url');
    else
      this.db
        .prepare('INSERT INTO webhook_settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
        .run('public_url', url);
  }

  /**
   * Public base URLs providers were given, newest first (at most 5). Phaxio signs over the
   * exact callback URL it was given, so a callback for a fax sent before the tunnel's address
   * changed is checked against the address it was sent with.
   */
  publicBasesGiven(): string[] {
    try {
      const list = JSON.parse(this.get('public_bases_given') ?? '[]') as unknown;
      return Array.isArray(list) ? list.filter((v): v is string => typeof v === 'string') : [];
    } catch {
      return [];
    }
  }

  rememberPublicBaseGiven(base: string): void {
    const list = this.publicBasesGiven();
    if (list[0] === base) return;
    const next = [base, ...list.filter((b) => b !== base)].slice(0, 5);
    this.db
      .prepare('INSERT INTO webhook_settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
      .run('public_bases_given', JSON.stringify(next));
  }

  /** Records the keys; answers those not seen before (in order). One transaction. */
  claimEvents(provider: string, keys: readonly string[]): Set<string> {
    const insert = this.db.prepare('INSERT OR IGNORE INTO webhook_events (provider, dedupe_key, received_at) VALUES (?, ?, ?)');
    const now = new Date().toISOString();
    return this.db.transaction(() => {
      const fresh = new Set<string>();
      for (const key of keys) if (insert.run(provider, key, now).changes === 1) fresh.add(key);
      return fresh;
    })();
  }

  /** An event that could not be applied is forgotten, so the provider's retry is not a "replay". */
  releaseEvent(provider: string, key: string): void {
    this.db.prepare('DELETE FROM webhook_events WHERE provider = ? AND dedupe_key = ?').run(provider, key);
  }

  forgetEventsBefore(cutoff: Date): void {
    this.db.prepare('DELETE FROM webhook_events WHERE received_at < ?').run(cutoff.toISOString());
  }

  private get(key: string): string | null {
    const row = this.db.prepare('SELECT value FROM webhook_settings WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value ?? null;
  }

  /** A secret made once: sealed when stored; one stored in the clear by an earlier version is sealed now. */
  private once(key: string, make: () => string): string {
    this.db.prepare('INSERT OR IGNORE INTO webhook_settings (key, value) VALUES (?, ?)').run(key, this.seal(key, make()));
    const stored = this.get(key)!;
    if (!stored.startsWith(SEALED)) {
      if (this.dataKey) this.db.prepare('UPDATE webhook_settings SET value = ? WHERE key = ?').run(this.seal(key, stored), key);
      return stored;
    }
    const sealed = Buffer.from(stored.slice(SEALED.length), 'base64');
    if (!this.dataKey || !isSealed(sealed)) throw new Error(`The webhook ${key} is sealed, but Faxbot has no data key to open it.`);
    return openBytes(this.dataKey, `webhook-${key}`, sealed).toString('utf8');
  }

  private seal(key: string, value: string): string {
    return this.dataKey ? SEALED + sealBytes(this.dataKey, `webhook-${key}`, Buffer.from(value, 'utf8')).toString('base64') : value;
  }
}
