// API keys as Settings → API keys manages them: shown once, stored hashed, revoked and
// rotated at once; the bootstrap API_KEY; and the append-only audit log.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseApiKey } from '../../main/engine/api';
import { verifySecret } from '../../main/engine/api/keys/keyFormat';
import { dispatch } from '../../main/engine';
import { startApi, type ApiFixture } from './apiFixture';

describe('API keys', () => {
  let api: ApiFixture;
  beforeAll(async () => {
    api = await startApi({ apiKey: 'bootstrap-key-from-the-environment' });
  });
  afterAll(async () => api?.close());

  it('creates a key shaped like the original, shows the secret once, and stores only an scrypt hash', async () => {
    const created = await api.engine.call('createApiKey', { name: 'Practice EHR', scopes: ['fax:send', 'fax:read'] });
    expect(created.secret).toMatch(/^fbk_live_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(parseApiKey(created.secret)?.keyId).toBe(created.key.keyId);
    expect(created.key).toMatchObject({ name: 'Practice EHR', scopes: ['fax:send', 'fax:read'], revokedAt: null, lastUsedAt: null });
    const settings = await api.engine.call('getApiSettings', {});
    expect(settings.keys.find((k) => k.keyId === created.key.keyId)).toEqual(created.key);
    expect(JSON.stringify(settings)).not.toContain(parseApiKey(created.secret)!.secret);

    const db = new Database(join(api.dataDir, 'faxbot.sqlite'), { readonly: true });
    const row = db.prepare('SELECT secret_hash FROM api_keys WHERE key_id = ?').get(created.key.keyId) as { secret_hash: string };
    db.close();
    expect(row.secret_hash).toMatch(/^scrypt\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+\$n=16384,r=8,p=1$/);
    expect(await verifySecret(parseApiKey(created.secret)!.secret, row.secret_hash)).toBe(true);
    expect(await verifySecret('wrong', row.secret_hash)).toBe(false);
    // The secret is nowhere in the database file, its WAL, or the audit log.
    const secret = parseApiKey(created.secret)!.secret;
    for (const file of ['faxbot.sqlite', 'faxbot.sqlite-wal']) {
      let bytes = '';
      try {
        bytes = readFileSync(join(api.dataDir, file)).toString('latin1');
      } catch {
        continue;
      }
      expect(bytes.includes(secret), file).toBe(false);
    }
  });

  it('records the first use as "last used"', async () => {
    const created = await api.engine.call('createApiKey', { name: 'script', scopes: ['fax:read'] });
    expect((await api.get('/fax', created.secret)).status).toBe(200);
    const settings = await api.engine.call('getApiSettings', {});
    expect(settings.keys.find((k) => k.keyId === created.key.keyId)?.lastUsedAt).not.toBeNull();
  });

  it('rotation keeps the key id, and the old secret stops working at once', async () => {
    const created = await api.engine.call('createApiKey', { name: 'rotating', scopes: ['fax:read'] });
    expect((await api.get('/fax', created.secret)).status).toBe(200);
    const rotated = await api.engine.call('rotateApiKey', { keyId: created.key.keyId });
    expect(rotated.key.keyId).toBe(created.key.keyId);
    expect(rotated.secret).not.toBe(created.secret);
    expect(rotated.key.rotatedAt).not.toBeNull();
    expect((await api.get('/fax', created.secret)).status).toBe(401);
    expect((await api.get('/fax', rotated.secret)).status).toBe(200);
  });

  it('a revoked key cannot be rotated back to life', async () => {
    const created = await api.engine.call('createApiKey', { name: 'gone', scopes: ['fax:read'] });
    const revoked = await api.engine.call('revokeApiKey', { keyId: created.key.keyId });
    expect(revoked.revokedAt).not.toBeNull();
    const reply = await dispatch(api.engine, 'rotateApiKey', { keyId: created.key.keyId });
    expect(reply).toMatchObject({ ok: false, error: { code: 'wrong_state' } });
  });

  it('refuses bad key operations with reasons (schema and unknown key)', async () => {
    expect(await dispatch(api.engine, 'createApiKey', { name: '  ', scopes: ['fax:read'] })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await dispatch(api.engine, 'createApiKey', { name: 'x', scopes: [] })).toMatchObject({
      ok: false,
      error: { fields: { scopes: expect.stringMatching(/at least one/) } },
    });
    expect(await dispatch(api.engine, 'createApiKey', { name: 'x', scopes: ['fax:delete'] })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await dispatch(api.engine, 'revokeApiKey', { keyId: '../../etc' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await dispatch(api.engine, 'revokeApiKey', { keyId: '0123456789ab' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });

  it('accepts the API_KEY bootstrap key with every scope, and says the environment turned the API on', async () => {
    const reply = await api.get('/inbound', 'bootstrap-key-from-the-environment');
    expect(reply.status).toBe(200);
    expect((await api.get('/inbound', 'bootstrap-key-from-the-environmenT')).status).toBe(401);
    const settings = await api.engine.call('getApiSettings', {});
    // apiEnabled=true from the fixture (FAXBOT_API_ENABLED) outranks API_KEY.
    expect(settings).toMatchObject({ enabled: true, lockedBy: 'FAXBOT_API_ENABLED', baseUrl: api.url });
  });

  it('keeps an append-only audit log: SQLite refuses to change or delete an entry', async () => {
    const entries = api.engine.api.auditLog.recent(500);
    const actions = new Set(entries.map((e) => e.action));
    for (const action of ['api_key_created', 'api_key_rotated', 'api_key_revoked', 'api_key_used', 'api_key_invalid'])
      expect(actions).toContain(action);
    const db = new Database(join(api.dataDir, 'faxbot.sqlite'));
    try {
      expect(() => db.prepare("UPDATE audit_log SET actor = 'someone else'").run()).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    } finally {
      db.close();
    }
    expect(api.engine.api.auditLog.recent(500)).toHaveLength(entries.length);
  });

  it('masks fax numbers and drops secrets in audit details', () => {
    api.engine.api.audit({
      actor: 'window',
      action: 'fax_sent',
      target: 'job-1',
      details: { to: '+12025550143', secret: 'fbk_live_x', pages: 1 },
    });
    const [entry] = api.engine.api.auditLog.recent(1);
    expect(entry.details).toEqual({ to: '***0143', pages: 1 });
  });
});
