// The REST discovery endpoints on a real server: admin keys only, bad bodies refused with
// field messages, unknown ids 404, environment-fixed fields refused with the variable, and
// no secret in any response.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type ApiFixture } from '../api/apiFixture';

const SECRET = 'phaxio-secret-never-returned-4711';
const ENDPOINTS: [string, string][] = [
  ['GET', '/plugins'],
  ['GET', '/plugins/phaxio/config'],
  ['PUT', '/plugins/phaxio/config'],
  ['GET', '/plugin-registry'],
  ['POST', '/plugins/simulator/test'],
  ['POST', '/plugins/simulator/apply'],
];

describe('REST: /plugins', () => {
  let api: ApiFixture;
  let admin: string;
  let sender: string;
  const texts: string[] = [];
  const call = async (method: string, path: string, body?: unknown, key: string | null = admin) => {
    const reply = await api.get(path, key, {
      method,
      headers: { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    texts.push(JSON.stringify(reply.json));
    return reply;
  };

  beforeAll(async () => {
    api = await startApi({ env: { PHAXIO_BASE_URL: 'https://phaxio.test/v2.1' } });
    admin = await api.key(['keys:manage'], 'admin');
    sender = await api.key(['fax:send', 'fax:read', 'inbound:list', 'inbound:read'], 'sender');
  });
  afterAll(async () => {
    // Whatever was asked and answered, a secret never came back.
    expect(texts.join('\n')).not.toContain(SECRET);
    await api?.close();
  });

  it('answers 401 without a key and 403 to a key without keys:manage, on every endpoint', async () => {
    for (const [method, path] of ENDPOINTS) {
      expect((await call(method, path, method === 'GET' ? undefined : {}, null)).status, `${method} ${path}`).toBe(401);
      expect((await call(method, path, method === 'GET' ? undefined : {}, 'fbk_live_000000000000_nope')).status, `${method} ${path}`).toBe(
        401,
      );
      const denied = await call(method, path, method === 'GET' ? undefined : {}, sender);
      expect(denied.status, `${method} ${path}`).toBe(403);
      expect(denied.json.detail).toMatch(/keys:manage/);
    }
  });

  it('lists the plugins, their status and the slots', async () => {
    const reply = await call('GET', '/plugins');
    expect(reply.status).toBe(200);
    expect(reply.json.items.map((p: { id: string }) => p.id)).toEqual(['simulator', 'phaxio', 'sinch', 'sip', 'local', 's3']);
    expect(reply.json.items[0]).toMatchObject({
      id: 'simulator',
      enabled: true,
      status: 'active',
      categories: ['outbound', 'inbound'],
      configurable: false,
    });
    expect(reply.json.slots).toEqual({ outbound: 'simulator', inbound: 'simulator', storage: 'local' });
    expect(reply.json.registry).toMatchObject({ source: 'file', problem: null });
  });

  it("gives the registry with each plugin's schema", async () => {
    const reply = await call('GET', '/plugin-registry');
    expect(reply.status).toBe(200);
    expect(reply.json.plugins.find((p: { id: string }) => p.id === 'phaxio').settingsSchema.properties.apiSecret).toMatchObject({
      'x-secret': true,
      'x-env': 'PHAXIO_API_SECRET',
    });
  });

  it('saves settings and secrets, answering only whether each secret is set', async () => {
    const reply = await call('PUT', '/plugins/phaxio/config', { settings: {}, secrets: { apiKey: 'key-1', apiSecret: SECRET } });
    expect(reply.status).toBe(200);
    expect(reply.json.secrets).toEqual({
      apiKey: { set: true, from: 'keychain' },
      apiSecret: { set: true, from: 'keychain' },
      callbackToken: { set: false, from: 'none' },
    });
    expect(reply.json.locked).toEqual({ baseUrl: 'PHAXIO_BASE_URL' });
    expect(reply.json.settings).toEqual({ baseUrl: 'https://phaxio.test/v2.1' });
    const read = await call('GET', '/plugins/phaxio/config');
    expect(read.json).toMatchObject({ id: 'phaxio', status: 'configured', secrets: { apiSecret: { set: true } } });
    // Only secrets: the saved settings stay as they are.
    await call('PUT', '/plugins/sip/config', { settings: { amiUsername: 'faxbot', amiHost: 'pbx.lan' }, secrets: { amiPassword: 'pw' } });
    expect((await call('PUT', '/plugins/sip/config', { secrets: { amiPassword: 'pw2' } })).json.settings).toMatchObject({
      amiHost: 'pbx.lan',
      amiUsername: 'faxbot',
    });
  });

  it('refuses a field the environment fixes with 409, naming the variable', async () => {
    const reply = await call('PUT', '/plugins/phaxio/config', { settings: { baseUrl: 'https://attacker.test/' } });
    expect(reply.status).toBe(409);
    expect(reply.json.fields.baseUrl).toMatch(/PHAXIO_BASE_URL/);
    expect(api.engine.plugins.view('phaxio', api.engine.plugins.slots()).settings.baseUrl).toBe('https://phaxio.test/v2.1');
  });

  it.each([
    ['not JSON', '{"settings": ', /not JSON/],
    ['an array', '[1, 2]', /must be a JSON object/],
    ['settings not an object', { settings: 'apiKey=1' }, /settings is an object of setting name to value/, 'settings'],
    ['a secret that is a number', { secrets: { apiKey: 42 } }, /each secret is a string/, 'secrets.apiKey'],
    ['a field it does not take', { settings: {}, plugin: 'phaxio' }, /"plugin", which this endpoint does not take/, 'plugin'],
  ])('refuses a body that is %s with 400', async (_what, body, message, field?: string) => {
    const reply = await call('PUT', '/plugins/sip/config', body);
    expect(reply.status).toBe(400);
    expect(reply.json.code).toBe('invalid_input');
    expect(reply.json.detail).toMatch(message);
    if (field) expect(Object.keys(reply.json.fields)).toEqual([field]);
  });

  it('refuses settings that do not fit the schema with 400 and per-field messages', async () => {
    const reply = await call('PUT', '/plugins/sip/config', {
      settings: { amiUsername: 'faxbot', amiPort: 'high', amiAuth: 'sha1', extra: 1 },
    });
    expect(reply.status).toBe(400);
    expect(reply.json.fields).toEqual({
      amiPort: 'AMI port must be a whole number.',
      amiAuth: 'AMI sign-in must be one of: md5, plain.',
      extra: expect.stringMatching(/no setting called "extra"/),
    });
  });

  it('answers 404 for an unknown or malformed plugin id on every per-plugin endpoint', async () => {
    for (const id of ['documo', 'Bad!', 'a/b', '0x']) {
      for (const [method, suffix] of [
        ['GET', 'config'],
        ['PUT', 'config'],
        ['POST', 'test'],
        ['POST', 'apply'],
      ]) {
        const reply = await call(method!, `/plugins/${encodeURIComponent(id)}/${suffix}`, method === 'GET' ? undefined : {});
        expect(reply.status, `${method} ${id}/${suffix}`).toBe(404);
      }
    }
  });

  it('tests a plugin through the engine and refuses a bad test body', async () => {
    const reply = await call('POST', '/plugins/simulator/test', {});
    expect(reply.status).toBe(200);
    expect(reply.json).toMatchObject({ ok: expect.any(Boolean), message: expect.any(String) });
    expect((await call('POST', '/plugins/phaxio/test', { secrets: { apiSecret: 5 } })).status).toBe(400);
  });

  it('refuses an apply body with unknown slots, or a slot the plugin cannot fill, naming the field', async () => {
    const slotsBefore = api.engine.plugins.slots();
    for (const [body, field] of [
      [{ slots: ['fax-machine'] }, 'slots.0'],
      [{ slots: 'outbound' }, 'slots'],
      [{ slots: [] }, 'slots'],
      [{ acknowledge_warnings: 'yes' }, 'acknowledge_warnings'],
      [{ slots: ['outbound'], extra: true }, 'extra'],
    ] as const) {
      const reply = await call('POST', '/plugins/simulator/apply', body);
      expect(reply.status, JSON.stringify(body)).toBe(400);
      expect(reply.json.fields, JSON.stringify(body)).toHaveProperty([field]);
    }
    // The engine's own check, the same answer the window gets over RPC.
    const wrongKind = await call('POST', '/plugins/local/apply', { slots: ['outbound'] });
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.json).toMatchObject({
      code: 'invalid_input',
      fields: { outbound: expect.stringMatching(/cannot fill the outbound slot/) },
    });
    expect(api.engine.plugins.slots()).toEqual(slotsBefore);
  });

  it('lists the endpoints in /openapi.json', async () => {
    const doc = (await call('GET', '/openapi.json', undefined, null)).json;
    expect(Object.keys(doc.paths['/plugins/{id}/config'])).toEqual(['get', 'put']);
    expect(doc.paths['/plugins/{id}/config'].put.security).toEqual([{ ApiKey: ['keys:manage'] }]);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/plugins', '/plugin-registry', '/plugins/{id}/test', '/plugins/{id}/apply']),
    );
  });
});
