// Every endpoint with bad input: no key, wrong key, revoked key, missing scope, unknown id,
// path tricks, wrong type, oversize, bad number. A refused request creates nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestPdf } from '../support/pdfs';
import { lockedPdf } from '../imaging/lockedPdf';
import { API_ENDPOINTS } from '../../main/engine/api';
import { DELIVERS, startApi, type ApiFixture } from './apiFixture';
import { multipartBody, rawRequest } from './rawHttp';

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00, 1, 2, 3, 4, 5, 6, 7, 8]);
const UNKNOWN = '00000000-0000-0000-0000-000000000000';
const concrete = (path: string) => path.replace('{id}', UNKNOWN);

describe('REST API: refusals', () => {
  let api: ApiFixture;
  let sender: string;
  let readOnly: string;

  beforeAll(async () => {
    api = await startApi({ maxFileSizeMb: 1 });
    // keys:manage, the contacts and the cover template scopes too: those endpoints' unknown-id refusals are checked with this key.
    sender = await api.key(
      [
        'fax:send',
        'fax:read',
        'inbound:list',
        'inbound:read',
        'contacts:read',
        'contacts:write',
        'covers:read',
        'covers:write',
        'keys:manage',
      ],
      'sender',
    );
    readOnly = await api.key(['fax:read'], 'reader');
  });
  afterAll(async () => api?.close());

  const post = async (parts: Parameters<typeof multipartBody>[0], key: string | null = sender) => {
    const { body, contentType } = multipartBody(parts);
    const headers: Record<string, string> = { 'Content-Type': contentType };
    if (key) headers['X-API-Key'] = key;
    return rawRequest(api.url, { method: 'POST', path: '/fax', headers, body });
  };

  /** Runs a refused request and proves it left jobs and stored documents as they were. */
  const refusedLeavesNothing = async <T>(request: () => Promise<T>): Promise<T> => {
    const before = await api.snapshot();
    const reply = await request();
    expect(await api.snapshot()).toEqual(before);
    return reply;
  };

  const scoped = API_ENDPOINTS.filter((e) => e.scope);

  it.each(scoped.map((e) => [e.method, e.path] as const))(
    '%s %s: 401 without a key, with a wrong key, and with a malformed key',
    async (method, path) => {
      for (const key of [null, 'fbk_live_0123456789ab_' + 'x'.repeat(43), 'not-a-key', `${readOnly}x`]) {
        const reply = await refusedLeavesNothing(() => api.get(concrete(path), key, { method }));
        expect(reply.status).toBe(401);
        expect(reply.json.code).toBe('not_signed_in');
        expect(reply.json.detail).toMatch(/X-API-Key|API key/);
      }
    },
  );

  it.each(scoped.filter((e) => e.scope !== 'fax:read').map((e) => [e.method, e.path, e.scope] as const))(
    '%s %s: 403 for a key without %s',
    async (method, path, scope) => {
      const reply = await refusedLeavesNothing(() => api.get(concrete(path), readOnly, { method }));
      expect(reply.status).toBe(403);
      expect(reply.json.detail).toContain(scope);
      const denied = api.engine.api.auditLog.recent(200, 'api_key_denied_scope');
      expect(denied.some((a) => a.target === `${method} ${path}`)).toBe(true);
    },
  );

  it('a revoked key is refused at once, even just after a successful (cached) check', async () => {
    const created = await api.engine.call('createApiKey', { name: 'to revoke', scopes: ['fax:read'] });
    expect((await api.get('/fax', created.secret)).status).toBe(200);
    await api.engine.call('revokeApiKey', { keyId: created.key.keyId });
    expect((await api.get('/fax', created.secret)).status).toBe(401);
  });

  it.each(scoped.filter((e) => e.path.includes('{id}')).map((e) => [e.method, e.path] as const))(
    '%s %s: 404 for an unknown id and for path tricks',
    async (method, path) => {
      for (const id of [UNKNOWN, '..%2F..%2Fetc%2Fpasswd', '%2e%2e', 'a%00b', '%E0%A4%A']) {
        const reply = await refusedLeavesNothing(() =>
          rawRequest(api.url, { method, path: path.replace('{id}', id), headers: { 'X-API-Key': sender } }),
        );
        expect(reply.status, `${method} ${path} with ${id}`).toBe(404);
        expect(reply.json.code).toBe('not_found');
      }
    },
  );

  it('refuses a file type that cannot be faxed with 415 and says what it looks like', async () => {
    const reply = await refusedLeavesNothing(() =>
      post([
        { name: 'to', value: DELIVERS },
        { name: 'file', fileName: 'letter.docx', content: ZIP },
      ]),
    );
    expect(reply.status).toBe(415);
    expect(reply.json).toMatchObject({ code: 'unsupported_type' });
    expect(reply.json.detail).toMatch(/ZIP archive/);
  });

  it('refuses an SVG drawing with 415 rather than faxing its XML source, and keeps nothing', async () => {
    const svg = Buffer.from(
      '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>\n',
    );
    const reply = await refusedLeavesNothing(() =>
      post([
        { name: 'to', value: DELIVERS },
        { name: 'file', fileName: 'logo.svg', content: svg, type: 'image/svg+xml' },
      ]),
    );
    expect(reply.status).toBe(415);
    expect(reply.json).toMatchObject({ code: 'unsupported_type' });
    expect(reply.json.detail).toMatch(/logo\.svg is an SVG drawing: Faxbot would fax its source code/);
  });

  it('refuses a body that is not multipart with 415', async () => {
    const reply = await refusedLeavesNothing(() =>
      api.get('/fax', sender, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ to: DELIVERS }) }),
    );
    expect(reply.status).toBe(415);
    expect(reply.json.detail).toMatch(/multipart\/form-data/);
  });

  it('refuses an oversize file from its Content-Length with 413', async () => {
    const form = new FormData();
    form.append('to', DELIVERS);
    form.append('file', new Blob([Buffer.alloc(1024 * 1024 + 200 * 1024, 0x41)]), 'big.txt');
    const reply = await refusedLeavesNothing(() => api.get('/fax', sender, { method: 'POST', body: form }));
    expect(reply.status).toBe(413);
    expect(reply.json).toMatchObject({ code: 'file_too_large' });
  });

  it('refuses an oversize file streamed without a Content-Length with 413, and keeps serving', async () => {
    const { body, contentType } = multipartBody([
      { name: 'to', value: DELIVERS },
      { name: 'file', fileName: 'big.txt', content: Buffer.alloc(3 * 1024 * 1024, 0x41) },
    ]);
    const pieces = Array.from({ length: Math.ceil(body.length / 65536) }, (_, i) => body.subarray(i * 65536, (i + 1) * 65536));
    const reply = await refusedLeavesNothing(() =>
      rawRequest(api.url, {
        method: 'POST',
        path: '/fax',
        headers: { 'Content-Type': contentType, 'X-API-Key': sender },
        body: pieces,
        chunked: true,
      }),
    );
    expect(reply.status).toBe(413);
    expect(reply.json.detail).toMatch(/larger than 1 MB/);
    expect((await api.get('/health')).status).toBe(200);
  });

  it.each([
    ['12', /too short/],
    ['call me', /letters/],
    ['+999 1234 5678', /No country/],
    ['', /Enter a fax number/],
  ])('refuses the number "%s" with 400 and the reason', async (to, reason) => {
    const reply = await refusedLeavesNothing(async () =>
      post([
        { name: 'to', value: to },
        { name: 'file', fileName: 'a.pdf', content: Buffer.from(await makeTestPdf(1)) },
      ]),
    );
    expect(reply.status).toBe(400);
    expect(reply.json.code).toBe('invalid_number');
    expect(reply.json.detail).toMatch(reason);
    expect(reply.json.fields.to).toMatch(reason);
  });

  it.each([
    ['no "to" field', [{ name: 'file', fileName: 'a.txt', content: Buffer.from('hello') }], /no "to" field/],
    ['no file', [{ name: 'to', value: DELIVERS }], /no "file" part/],
    [
      'an empty file',
      [
        { name: 'to', value: DELIVERS },
        { name: 'file', fileName: 'a.txt', content: Buffer.alloc(0) },
      ],
      /empty/,
    ],
    [
      'two files',
      [
        { name: 'to', value: DELIVERS },
        { name: 'file', fileName: 'a.txt', content: Buffer.from('a') },
        { name: 'file', fileName: 'b.txt', content: Buffer.from('b') },
      ],
      /more than one file/,
    ],
    [
      'a file under another name',
      [
        { name: 'to', value: DELIVERS },
        { name: 'document', fileName: 'a.txt', content: Buffer.from('a') },
      ],
      /name it "file"/,
    ],
    [
      'two times to send',
      [
        { name: 'to', value: DELIVERS },
        { name: 'send_at', value: '2099-01-01T08:00:00Z' },
        { name: 'send_at', value: '2099-01-02T08:00:00Z' },
        { name: 'file', fileName: 'a.txt', content: Buffer.from('a') },
      ],
      /more than one "send_at"/,
    ],
  ] as const)('refuses a form with %s (400)', async (_what, parts, detail) => {
    const reply = await refusedLeavesNothing(() => post([...parts]));
    expect(reply.status).toBe(400);
    expect(reply.json.detail).toMatch(detail);
  });

  it('refuses a password-protected PDF with 422 pdf_encrypted', async () => {
    const locked = Buffer.from(lockedPdf('secret', { user: 'open-me', owner: 'owner' }));
    const reply = await refusedLeavesNothing(() =>
      post([
        { name: 'to', value: DELIVERS },
        { name: 'file', fileName: 'locked.pdf', content: locked },
      ]),
    );
    expect(reply.status).toBe(422);
    expect(reply.json.code).toBe('pdf_encrypted');
  });

  it('uses an uploaded file name only as a label: paths and control characters are stripped', async () => {
    for (const [name, label] of [
      ['../../etc/passwd', 'passwd'],
      ['..\\..\\Windows\\win.ini', 'win.ini'],
      ['re\u0007port\u0001.txt', 'report.txt'],
      ['..', 'upload'],
    ]) {
      const reply = await post([
        { name: 'to', value: DELIVERS },
        { name: 'file', fileName: name, content: Buffer.from('Call the clinic.') },
      ]);
      expect(reply.status, name).toBe(202);
      const job = await api.engine.call('getJob', { id: reply.json.id });
      expect(job.fileNames).toEqual([label]);
    }
  });

  it('answers 405 with Allow for a method an endpoint does not take, and 404 JSON for unknown API paths', async () => {
    const put = await api.get('/fax', sender, { method: 'PUT' });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('POST, GET');
    const deep = await api.get('/fax/a/b/c', sender);
    expect(deep.status).toBe(404);
    expect(deep.json.detail).toMatch(/openapi\.json/);
  });

  it.each([
    ['/fax?limit=0', 'limit'],
    ['/fax?limit=101', 'limit'],
    ['/fax?limit=ten', 'limit'],
    ['/fax?cursor=garbage', 'cursor'],
    ['/fax?status=DONE', 'status'],
    ['/fax?to=pizza', 'to'],
    ['/inbound?status=deleted', 'status'],
    ['/inbound?from=12', 'from'],
  ])('refuses the list query %s with 400 naming %s', async (path, field) => {
    const reply = await api.get(path, sender);
    expect(reply.status).toBe(400);
    expect(Object.keys(reply.json.fields ?? {})).toContain(field);
  });
});
