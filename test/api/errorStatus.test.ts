// One code → one HTTP status: the table covers every error code, /openapi.json publishes it,
// and the RPC route and the REST API answer the same error with the same status.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAX_ERROR_CODES, type FaxErrorCode } from '../../shared/errors';
import { httpStatusOf, httpStatusTable } from '../../shared/errorStatus';
import type { FaxJob } from '../../shared/model';
import { DELIVERS, startApi, type ApiFixture } from './apiFixture';

describe('the error status table', () => {
  it('gives every error code exactly one status, and names no code that does not exist', () => {
    const table = new Map(httpStatusTable());
    expect([...table.keys()].sort()).toEqual([...FAX_ERROR_CODES].sort());
    for (const code of FAX_ERROR_CODES) {
      expect(httpStatusOf(code), code).toBe(table.get(code));
      expect(httpStatusOf(code), code).toBeGreaterThanOrEqual(400);
      expect(httpStatusOf(code), code).toBeLessThan(600);
    }
  });

  it('splits the old not_allowed by meaning, and keeps the statuses the REST API always answered', () => {
    expect(FAX_ERROR_CODES).not.toContain('not_allowed');
    expect(
      Object.fromEntries(
        (['not_signed_in', 'no_permission', 'wrong_state', 'locked_by_env', 'feature_off'] as const).map((c) => [c, httpStatusOf(c)]),
      ),
    ).toEqual({ not_signed_in: 401, no_permission: 403, wrong_state: 409, locked_by_env: 409, feature_off: 404 });
    expect(httpStatusOf('invalid_number')).toBe(400);
    expect(httpStatusOf('pdf_encrypted')).toBe(422);
    expect(httpStatusOf('rate_limited')).toBe(429);
    expect(httpStatusOf('method_not_allowed')).toBe(405);
  });

  it('answers 500 for a code it does not know (a newer peer), instead of undefined', () => {
    expect(httpStatusOf('something_new' as FaxErrorCode)).toBe(500);
  });
});

describe('both servers answer one error with one status', () => {
  let api: ApiFixture;
  let admin: string;
  let sender: string;
  let delivered: FaxJob;

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- replies are read field by field
  const rpc = async (name: string, body: unknown, token: string | null = api.server.token): Promise<{ status: number; json: any }> => {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (token) headers.Authorization = `Bearer ${token}`;
    const response = await fetch(`${api.url}/rpc/${name}`, { method: 'POST', headers, body: JSON.stringify(body) });
    return { status: response.status, json: await response.json() };
  };
  const same = (rpcReply: { status: number; json: { error: { code: string } } }, rest: { status: number; json: { code: string } }) => {
    expect(rest.json.code).toBe(rpcReply.json.error.code);
    expect(rest.status).toBe(rpcReply.status);
    expect(rest.status).toBe(httpStatusOf(rest.json.code as FaxErrorCode));
    return rest.json.code;
  };

  beforeAll(async () => {
    api = await startApi({ env: { PHAXIO_BASE_URL: 'https://phaxio.test/v2.1' } });
    admin = await api.key(['keys:manage'], 'admin');
    sender = await api.key(['fax:send', 'fax:read'], 'sender');
    const staged = await api.engine.call('stageDocument', { fileName: 'a.txt', contentBase64: Buffer.from('hello').toString('base64') });
    const job = await api.engine.call('sendFax', { to: DELIVERS, recipientName: '', documentIds: [staged.documentId], cover: null });
    delivered = await new Promise<FaxJob>((resolve) => {
      const stop = api.engine.on((event, payload) => {
        const changed = payload as FaxJob;
        if (event === 'jobChanged' && changed.id === job.id && changed.status === 'delivered') {
          stop();
          resolve(changed);
        }
      });
      void api.engine.call('getJob', { id: job.id }).then((now) => now.status === 'delivered' && (stop(), resolve(now)));
    });
  });
  afterAll(async () => api?.close());

  it('wrong_state: canceling a delivered fax is 409 on both', async () => {
    const code = same(await rpc('cancelJob', { id: delivered.id }), await api.get(`/fax/${delivered.id}`, sender, { method: 'DELETE' }));
    expect(code).toBe('wrong_state');
  });

  it('publishes the same table in /openapi.json', async () => {
    const doc = (await api.get('/openapi.json')).json;
    expect(doc.components.schemas.Error.properties.code['x-http-status']).toEqual(Object.fromEntries(httpStatusTable()));
  });

  it('not_found: an unknown fax is 404 on both', async () => {
    expect(same(await rpc('getJob', { id: 'no-such-job' }), await api.get('/fax/no-such-job', sender))).toBe('not_found');
  });

  it('locked_by_env: a setting PHAXIO_BASE_URL fixes is 409 on both, and nothing is saved', async () => {
    const settings = { baseUrl: 'https://elsewhere.test/' };
    const code = same(
      await rpc('savePluginConfig', { id: 'phaxio', settings }),
      await api.get('/plugins/phaxio/config', admin, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ settings }),
      }),
    );
    expect(code).toBe('locked_by_env');
    expect(api.engine.plugins.view('phaxio', api.engine.plugins.slots()).settings.baseUrl).toBe('https://phaxio.test/v2.1');
  });

  it('invalid_input: a plugin that cannot fill the slot is 400 on both, naming the slot', async () => {
    const rpcReply = await rpc('applyPlugins', { outbound: 'local' });
    const rest = await api.get('/plugins/local/apply', admin, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ slots: ['outbound'] }),
    });
    expect(same(rpcReply, rest)).toBe('invalid_input');
    expect(rpcReply.json.error.field).toBe('outbound');
    expect(rest.json.fields).toEqual({ outbound: rpcReply.json.error.message });
  });

  it('invalid_input: a body that fails the contract schema is 400 on both, with the same field', async () => {
    const rpcReply = await rpc('savePluginConfig', { id: 'sip', settings: {}, secrets: { amiPassword: 42 } });
    const rest = await api.get('/plugins/sip/config', admin, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ settings: {}, secrets: { amiPassword: 42 } }),
    });
    expect(same(rpcReply, rest)).toBe('invalid_input');
    expect(Object.keys(rest.json.fields)).toEqual(Object.keys(rpcReply.json.error.fields));
    expect(rest.json.fields['secrets.amiPassword']).toMatch(/each secret is a string/);
  });

  it('not_signed_in: no token (RPC) and no key (REST) are both 401', async () => {
    const code = same(await rpc('listJobs', {}, null), await api.get('/fax', null));
    expect(code).toBe('not_signed_in');
  });

  it('method_not_allowed: a GET to an operation and a PUT to /fax are both 405', async () => {
    const rpcGet = await fetch(`${api.url}/rpc/listJobs`, { headers: { Authorization: `Bearer ${api.server.token}` } });
    const rpcReply = { status: rpcGet.status, json: await rpcGet.json() };
    expect(same(rpcReply, await api.get('/fax', sender, { method: 'PUT' }))).toBe('method_not_allowed');
  });

  it('feature_off: the API switched off is 404 feature_off, as a feature turned off over RPC is', async () => {
    const rpcReply = await rpc('importPluginManifest', { manifest: { id: 'otherfax' } });
    const off = await startApi({ apiEnabled: null });
    try {
      const rest = await off.get('/fax', null);
      expect(same(rpcReply, rest)).toBe('feature_off');
      expect(rest.json.detail).toMatch(/FAXBOT_API_ENABLED=true/);
    } finally {
      await off.close();
    }
  });
});
