import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, rpcBodyLimit } from '../../main/headless';
import { DELIVERS, startTestServer, textDocument, type TestServer } from './fixtures';

describe('headless RPC: POST /rpc/<operation>', () => {
  let t: TestServer;
  beforeAll(async () => {
    // 1 MB files keep the oversize bodies of these tests small.
    t = await startTestServer({ env: { MAX_FILE_SIZE_MB: '1' } });
  });
  afterAll(async () => t?.close());

  it('answers an operation with the token, as { ok: true, result } and no-store', async () => {
    const reply = await t.rpc('getStatus', {});
    expect(reply.status).toBe(200);
    expect(reply.json.ok).toBe(true);
    expect(reply.json.result.provider).toBe('simulator');
    expect(reply.json.result.headless).toBe(true);
    expect(reply.headers.get('cache-control')).toBe('no-store');
    expect(reply.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('treats an empty body as {}', async () => {
    const reply = await t.rpc('listJobs', '');
    expect(reply.status).toBe(200);
    expect(reply.json.result.items).toEqual([]);
  });

  it('refuses a call without a token or with a wrong one, and nothing is created', async () => {
    const staged = await t.rpc('stageDocument', textDocument());
    expect(staged.status).toBe(200);
    const send = { to: DELIVERS, documentIds: [staged.json.result.documentId] };

    const without = await t.rpc('sendFax', send, null);
    expect(without.status).toBe(401);
    expect(without.json).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });

    const wrong = await t.rpc('sendFax', send, t.server.token.slice(0, -1) + (t.server.token.endsWith('A') ? 'B' : 'A'));
    expect(wrong.status).toBe(401);
    const shorter = await t.rpc('sendFax', send, 'short');
    expect(shorter.status).toBe(401);

    const basic = await fetch(`${t.server.url}/rpc/sendFax`, {
      method: 'POST',
      headers: { Authorization: `Basic ${Buffer.from(`x:${t.server.token}`).toString('base64')}` },
      body: JSON.stringify(send),
    });
    expect(basic.status).toBe(401);

    // The token in the query is for EventSource only, never for operations.
    const inQuery = await fetch(`${t.server.url}/rpc/sendFax?token=${t.server.token}`, { method: 'POST', body: JSON.stringify(send) });
    expect(inQuery.status).toBe(401);

    const jobs = await t.rpc('listJobs', {});
    expect(jobs.json.result.total).toBe(0);
  });

  it('answers 400 with field errors for a payload that fails its schema', async () => {
    const empty = await t.rpc('sendFax', { to: DELIVERS, documentIds: [] });
    expect(empty.status).toBe(400);
    expect(empty.json.ok).toBe(false);
    expect(empty.json.error.code).toBe('invalid_input');
    expect(empty.json.error.fields.documentIds).toMatch(/at least one document/);

    const wrongTypes = await t.rpc('sendFax', { to: 5, documentIds: ['../etc'] });
    expect(wrongTypes.status).toBe(400);
    expect(Object.keys(wrongTypes.json.error.fields)).toEqual(expect.arrayContaining(['to', 'documentIds.0']));

    const notAnObject = await t.rpc('listJobs', '[1,2]');
    expect(notAnObject.status).toBe(400);
    expect(notAnObject.json.error.code).toBe('invalid_input');
  });

  it('answers 400 for a body that is not JSON', async () => {
    for (const body of ['{"to":', 'to=+12025550143', '\u0000\u0001']) {
      const reply = await t.rpc('sendFax', body);
      expect(reply.status).toBe(400);
      expect(reply.json.error.code).toBe('invalid_input');
      expect(reply.json.error.fields).toBeDefined();
    }
  });

  it('answers 404 for an operation that does not exist', async () => {
    for (const name of ['deleteEverything', 'constructor', '__proto__', '', 'getStatus/extra', '%E0%A4%A']) {
      const reply = await t.rpc(name, {});
      expect(reply.status, name).toBe(404);
      expect(reply.json.error.code).toBe('not_found');
    }
  });

  it('answers 405 to anything but POST', async () => {
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const response = await fetch(`${t.server.url}/rpc/listJobs`, { method, headers: { Authorization: `Bearer ${t.server.token}` } });
      expect(response.status, method).toBe(405);
      expect(response.headers.get('allow')).toBe('POST');
      expect((await response.json()).ok).toBe(false);
    }
  });

  it('maps engine errors to statuses: 400 for a bad number (as REST), 404 for a missing job, 415 for an unsupported file', async () => {
    const staged = await t.rpc('stageDocument', textDocument());
    const badNumber = await t.rpc('sendFax', { to: '12', documentIds: [staged.json.result.documentId] });
    expect(badNumber.status).toBe(400);
    expect(badNumber.json.error.code).toBe('invalid_number');
    expect(badNumber.json.error.message).toMatch(/too short/);

    const missing = await t.rpc('getJob', { id: 'no-such-job' });
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe('not_found');

    const exe = await t.rpc('stageDocument', {
      fileName: 'setup.exe',
      contentBase64: Buffer.from('MZ\u0090\u0000binary program').toString('base64'),
    });
    expect(exe.status).toBe(415);
    expect(exe.json.error.code).toBe('unsupported_type');
  });

  it('refuses a body over the limit with 413, declared or streamed', async () => {
    const limit = rpcBodyLimit(1);
    const oversize = JSON.stringify({ fileName: 'big.txt', contentBase64: 'A'.repeat(limit) });
    const declared = await t.rpc('stageDocument', oversize);
    expect(declared.status).toBe(413);
    expect(declared.json.error.code).toBe('file_too_large');

    const chunk = new TextEncoder().encode('A'.repeat(256 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > limit + chunk.length) return controller.close();
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const streamed = await fetch(`${t.server.url}/rpc/stageDocument`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${t.server.token}`, 'Content-Type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect((await streamed.json()).error.code).toBe('file_too_large');

    // The server still answers afterwards.
    expect((await t.rpc('getStatus', {})).status).toBe(200);
  });

  it('reads a body just under the limit (a base64 file of MAX_FILE_SIZE_MB fits)', async () => {
    const limit = rpcBodyLimit(1);
    expect(limit).toBeGreaterThan(Math.ceil((1024 * 1024 * 4) / 3) + 1024);
    // getStatus ignores fields it does not know, so the body's size is all that is tested.
    const body = JSON.stringify({ padding: 'A'.repeat(limit - 100) });
    const reply = await t.rpc('getStatus', body);
    expect(reply.status).toBe(200);
  });
});
