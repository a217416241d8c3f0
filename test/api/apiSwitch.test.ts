// The API is off until turned on (Settings, FAXBOT_API_ENABLED or API_KEY); the per-key
// rate limit; and the app's own API server that follows the switch.
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../main/engine';
import { serveApiWhileEnabled, startApiServer } from '../../main/engine/api';
import { dispatch } from '../../main/engine';
import { startApi, type ApiFixture } from './apiFixture';
import { rawRequest } from './rawHttp';
import { startEngine, type Harness } from '../support/engineHarness';

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  while (open.length) await open.pop()!.close();
});
const track = <T extends { close(): Promise<void> }>(thing: T) => (open.push(thing), thing);

describe('REST API on/off', () => {
  it('answers every API path with 404 and how to turn it on while off, then serves once turned on in Settings', async () => {
    const api: ApiFixture = track(await startApi({ apiEnabled: null }));
    const key = await api.key(['fax:read']);
    for (const path of ['/health', '/health/ready', '/fax', '/fax/abc', '/inbound', '/openapi.json']) {
      const reply = await api.get(path, key);
      expect(reply.status, path).toBe(404);
      expect(reply.json.detail).toMatch(/Settings → API keys.*FAXBOT_API_ENABLED=true/);
    }
    expect(await api.engine.call('getApiSettings', {})).toMatchObject({ enabled: false, lockedBy: null });
    await api.engine.call('setApiEnabled', { enabled: true });
    expect((await api.get('/fax', key)).status).toBe(200);
    await api.engine.call('setApiEnabled', { enabled: false });
    expect((await api.get('/fax', key)).status).toBe(404);
    const actions = api.engine.api.auditLog.recent(10).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['api_enabled', 'api_disabled']));
  });

  it('while FAXBOT_API_ENABLED=false turns it off, the 404 names that variable as the cause and the fix, API_KEY or not', async () => {
    const withKey = track(await startApi({ apiEnabled: false, apiKey: 'k'.repeat(32) }));
    const refused = await withKey.get('/fax', 'k'.repeat(32));
    expect(refused.status).toBe(404);
    expect(refused.json.detail).toBe(
      "The Faxbot REST API is turned off. FAXBOT_API_ENABLED=false in Faxbot's environment turns it off, and wins over API_KEY: remove FAXBOT_API_ENABLED (API_KEY then turns the API on) or set it to true, and restart Faxbot.",
    );
    const withoutKey = track(await startApi({ apiEnabled: false }));
    const detail = (await withoutKey.get('/health')).json.detail as string;
    expect(detail).toContain('FAXBOT_API_ENABLED=false');
    expect(detail).toContain('Settings cannot change that: set FAXBOT_API_ENABLED=true');
    expect(detail).not.toContain('API_KEY');
  });

  it('remembers the switch across a restart', async () => {
    const first: Harness = await startEngine();
    await first.engine.call('setApiEnabled', { enabled: true });
    await first.close();
    const again = track(await startEngine({}, first.dataDir));
    expect((await again.engine.call('getApiSettings', {})).enabled).toBe(true);
  });

  it('is locked by the environment: API_KEY turns it on, FAXBOT_API_ENABLED=false keeps it off', async () => {
    const byKey = track(await startEngine({ apiKey: 'k'.repeat(32) }));
    expect(await byKey.engine.call('getApiSettings', {})).toMatchObject({ enabled: true, lockedBy: 'API_KEY' });
    const refused = await dispatch(byKey.engine, 'setApiEnabled', { enabled: false });
    expect(refused).toMatchObject({ ok: false, error: { code: 'locked_by_env', message: expect.stringMatching(/API_KEY/) } });
    const off = track(await startEngine({ apiKey: 'k'.repeat(32), apiEnabled: false }));
    expect(await off.engine.call('getApiSettings', {})).toMatchObject({ enabled: false, lockedBy: 'FAXBOT_API_ENABLED' });
  });

  it('reads API_KEY, FAXBOT_API_ENABLED and MAX_REQUESTS_PER_MINUTE from the environment, refusing bad values', () => {
    expect(loadConfig({}, {})).toMatchObject({ apiKey: '', apiEnabled: null, maxRequestsPerMinute: 300 });
    expect(loadConfig({}, { API_KEY: ' abc ', FAXBOT_API_ENABLED: 'TRUE', MAX_REQUESTS_PER_MINUTE: '0' })).toMatchObject({
      apiKey: 'abc',
      apiEnabled: true,
      maxRequestsPerMinute: 0,
    });
    expect(loadConfig({}, { FAXBOT_API_ENABLED: 'no' }).apiEnabled).toBe(false);
    expect(() => loadConfig({}, { FAXBOT_API_ENABLED: 'maybe' })).toThrow(ConfigError);
    expect(() => loadConfig({}, { MAX_REQUESTS_PER_MINUTE: '-1' })).toThrow(/MAX_REQUESTS_PER_MINUTE/);
    expect(() => loadConfig({}, { MAX_REQUESTS_PER_MINUTE: 'lots' })).toThrow(/MAX_REQUESTS_PER_MINUTE/);
  });
});

describe('REST API rate limit', () => {
  it('answers 429 with Retry-After past the per-key limit, records it, and leaves other keys alone', async () => {
    const api = track(await startApi({ maxRequestsPerMinute: 3 }));
    const busy = await api.key(['fax:read'], 'busy');
    const calm = await api.key(['fax:read'], 'calm');
    for (let i = 0; i < 3; i++) expect((await api.get('/fax', busy)).status).toBe(200);
    const limited = await api.get('/fax', busy);
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited.json.detail).toMatch(/more than 3 requests this minute/);
    expect((await api.get('/fax', calm)).status).toBe(200);
    // Requests without a valid key are not counted against anyone: they are simply 401.
    for (let i = 0; i < 5; i++) expect((await api.get('/fax', 'fbk_live_000000000000_' + 'y'.repeat(43))).status).toBe(401);
    expect((await api.get('/fax', calm)).status).toBe(200);
    expect(api.engine.api.auditLog.recent(50, 'rate_limited')).toHaveLength(1);
  });
});

describe("the app's own API server (Electron)", () => {
  it('listens on 127.0.0.1 only while the API is on, following the Settings switch', async () => {
    const h = track(await startEngine());
    const key = (await h.engine.call('createApiKey', { name: 'app', scopes: ['fax:read'] })).secret;
    // A fixed free port: find one by letting a throwaway server pick it.
    const probe = await startApiServer({ engine: h.engine, port: 0 });
    const port = probe.port;
    await probe.close();
    const stop = serveApiWhileEnabled({ engine: h.engine, port });
    const reach = () =>
      fetch(`http://127.0.0.1:${port}/fax`, { headers: { 'X-API-Key': key } }).then(
        (r) => r.status,
        () => 'refused',
      );
    try {
      expect(await reach()).toBe('refused');
      await h.engine.call('setApiEnabled', { enabled: true });
      await expect.poll(reach).toBe(200);
      expect((await h.engine.call('getApiSettings', {})).baseUrl).toBe(`http://127.0.0.1:${port}`);
      // DNS rebinding: a page elsewhere re-pointed at 127.0.0.1 still sends its own Host.
      expect((await rawRequest(`http://127.0.0.1:${port}`, { path: '/health', headers: { Host: 'evil.example' } })).status).toBe(403);
      expect((await rawRequest(`http://127.0.0.1:${port}`, { path: '/health' })).status).toBe(200);
      await h.engine.call('setApiEnabled', { enabled: false });
      await expect.poll(reach).toBe('refused');
    } finally {
      await stop();
    }
  });
});
