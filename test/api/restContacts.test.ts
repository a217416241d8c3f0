// /contacts on a real headless server: list and search, add, change, delete, import a file
// (multipart), scopes, every bad body refused with a sentence and nothing saved, a cut
// upload answered without bringing the engine down; and MCP's find_contact over HTTP.
import { afterEach, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { startApi, type ApiFixture } from './apiFixture';
import { connect } from 'node:net';
import { multipartBody, rawRequest } from './rawHttp';

let api: ApiFixture | null = null;
afterEach(async () => {
  await api?.close();
  api = null;
});

const json = (body: unknown, method = 'POST'): RequestInit => ({
  method,
  body: JSON.stringify(body),
  headers: { 'Content-Type': 'application/json' },
});
const csvForm = (text: string, fields: Record<string, string> = {}) => {
  const form = new FormData();
  form.set('file', new Blob([text], { type: 'text/csv' }), 'contacts.csv');
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  return { method: 'POST', body: form };
};
const total = async (a: ApiFixture) => (await a.engine.call('listContacts', { limit: 1 })).total;

describe('REST /contacts', () => {
  it('adds, finds, reads, changes and deletes a contact, each audited under the key with the number masked', async () => {
    api = await startApi();
    const key = await api.key(['contacts:read', 'contacts:write'], 'EHR');
    const created = await api.get(
      '/contacts',
      key,
      json({ name: 'Dr. Amy Lee', organization: 'Capitol Cardiology', fax: '(202) 555-0143' }),
    );
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      name: 'Dr. Amy Lee',
      organization: 'Capitol Cardiology',
      fax: '+12025550143',
      fax_national: '(202) 555-0143',
      group_ids: [],
    });
    const { id } = created.json;
    const found = await api.get('/contacts?search=lee', key);
    expect(found).toMatchObject({ status: 200, json: { total: 1, next_cursor: null, items: [{ id }] } });
    expect((await api.get('/contacts?search=555014', key)).json.items).toHaveLength(1);
    expect((await api.get(`/contacts/${id}`, key)).json.name).toBe('Dr. Amy Lee');
    const changed = await api.get(`/contacts/${id}`, key, json({ notes: 'Referrals only' }, 'PUT'));
    expect(changed).toMatchObject({ status: 200, json: { name: 'Dr. Amy Lee', fax: '+12025550143', notes: 'Referrals only' } });
    const deleted = await api.get(`/contacts/${id}`, key, { method: 'DELETE' });
    expect(deleted).toMatchObject({ status: 200, json: { id, undo_until: expect.any(String) } });
    expect((await api.get(`/contacts/${id}`, key)).status).toBe(404);
    const entries = api.engine.audit.recent(50).filter((e) => e.target === id);
    expect(entries.map((e) => e.action)).toEqual(['contact_deleted', 'contact_changed', 'contact_created']);
    expect(entries.every((e) => /^[0-9a-f]{12}$/.test(e.actor) && e.details.fax === '***0143')).toBe(true);
  });

  it.each([
    [{ name: 'Dr. Lee', fax: '555' }, 400, 'invalid_number', /too short/],
    [{ name: 'Dr. Lee' }, 400, 'invalid_number', /Enter the fax number/],
    [{ fax: '2025550143' }, 400, 'invalid_input', /name or an organization/],
    [{ name: 'Dr. Lee', fax: '2025550143', email: 'nope' }, 400, 'invalid_input', /not an email address/],
    [{ name: 'Dr. Lee', fax: '2025550143', favourite: true }, 400, 'invalid_input', /"favourite", which this endpoint does not take/],
    [{ name: ['x'], fax: '2025550143' }, 400, 'invalid_input', /name/],
  ])('refuses body %# with a sentence and saves nothing', async (body, status, code, detail) => {
    api ??= await startApi();
    const key = await api.key(['contacts:write']);
    const reply = await api.get('/contacts', key, json(body));
    expect(reply.status).toBe(status);
    expect(reply.json.code).toBe(code);
    expect(reply.json.detail).toMatch(detail);
    expect(await total(api)).toBe(0);
  });

  it('refuses a body that is not JSON, a bad limit, cursor and id, and answers 404 for an unknown contact', async () => {
    api = await startApi();
    const key = await api.key(['contacts:read', 'contacts:write']);
    const notJson = await api.get('/contacts', key, { method: 'POST', body: '{name:', headers: { 'Content-Type': 'application/json' } });
    expect(notJson).toMatchObject({ status: 400, json: { code: 'invalid_input' } });
    expect((await api.get('/contacts?limit=0', key)).status).toBe(400);
    expect((await api.get('/contacts?cursor=zzz', key)).json).toMatchObject({ code: 'invalid_input' });
    expect((await api.get('/contacts/does-not-exist', key)).status).toBe(404);
    expect((await api.get('/contacts/does-not-exist', key, json({ name: 'X' }, 'PUT'))).status).toBe(404);
    expect((await api.get('/contacts/bad%20id', key, { method: 'DELETE' })).status).toBe(404);
    expect(await total(api)).toBe(0);
  });

  it('needs contacts:read to look and contacts:write to change', async () => {
    api = await startApi();
    const faxOnly = await api.key(['fax:send']);
    const reader = await api.key(['contacts:read']);
    expect((await api.get('/contacts', null)).status).toBe(401);
    const denied = await api.get('/contacts', faxOnly);
    expect(denied).toMatchObject({ status: 403, json: { code: 'no_permission' } });
    expect(denied.json.detail).toMatch(/contacts:read/);
    expect((await api.get('/contacts', reader)).status).toBe(200);
    const write = await api.get('/contacts', reader, json({ name: 'X', fax: '2025550143' }));
    expect(write.status).toBe(403);
    expect((await api.get('/contacts/import', reader, csvForm('Name,Fax\nA,2025550143\n'))).status).toBe(403);
    expect(await total(api)).toBe(0);
  });

  it('imports a CSV file, previews one, and refuses bad rows unless told to skip them', async () => {
    api = await startApi();
    const key = await api.key(['contacts:read', 'contacts:write']);
    const csv = 'Name,Fax\nCapitol Cardiology,202-555-0143\nBroken,555\nNorthside,202-555-0150\n';
    const preview = await api.get('/contacts/import', key, csvForm(csv, { preview: 'true' }));
    expect(preview).toMatchObject({ status: 200, json: { total: 3, valid: 2, problem_count: 1, layout: 'plain' } });
    const refused = await api.get('/contacts/import', key, csvForm(csv));
    expect(refused).toMatchObject({ status: 400, json: { code: 'invalid_input' } });
    expect(refused.json.detail).toMatch(/^1 row of 3 rows cannot be imported, so nothing was imported\. Row 3: 555 is too short/);
    expect(await total(api)).toBe(0);
    const done = await api.get('/contacts/import', key, csvForm(csv, { skip_invalid: 'true' }));
    expect(done).toMatchObject({ status: 200, json: { imported: 2, skipped: 1, problems: [{ line: 3 }] } });
    expect(await total(api)).toBe(2);
    expect(api.engine.audit.recent(5, 'contacts_imported')[0].actor).toMatch(/^[0-9a-f]{12}$/);
  });

  it('refuses an import form that is not multipart, has no file, bad options or an oversize file', async () => {
    api = await startApi({ maxFileSizeMb: 1 });
    const key = await api.key(['contacts:write']);
    const plain = await api.get('/contacts/import', key, { method: 'POST', body: 'Name,Fax', headers: { 'Content-Type': 'text/csv' } });
    expect(plain).toMatchObject({ status: 415, json: { code: 'unsupported_type' } });
    const noFile = new FormData();
    noFile.set('skip_invalid', 'true');
    expect((await api.get('/contacts/import', key, { method: 'POST', body: noFile })).json.detail).toMatch(/no "file" part/);
    const badFlag = await api.get('/contacts/import', key, csvForm('Name,Fax\nA,2025550143\n', { skip_invalid: 'yes' }));
    expect(badFlag).toMatchObject({ status: 400, json: { code: 'invalid_input', fields: { skip_invalid: expect.any(String) } } });
    const badChoice = await api.get('/contacts/import', key, csvForm('Name,Fax\nA,2025550143\n', { duplicates: 'overwrite' }));
    expect(badChoice.json.detail).toMatch(/duplicates is skip, merge, add/);
    const big = await api.get('/contacts/import', key, csvForm('Name,Fax\n' + 'x'.repeat(1_100_000)));
    expect(big).toMatchObject({ status: 413, json: { code: 'file_too_large' } });
    const vcf = new FormData();
    vcf.set('file', new Blob(['BEGIN:VCARD\r\nVERSION:4.0\r\nFN:X\r\nTEL;TYPE=fax:+12025550143\r\nEND:VCARD\r\n']), 'x.vcf');
    expect((await api.get('/contacts/import', key, { method: 'POST', body: vcf })).json).toMatchObject({ imported: 1 });
    expect(await total(api)).toBe(1);
  });

  it('answers an upload cut off inside the file with a sentence, keeps nothing, and stays up', async () => {
    api = await startApi();
    const key = await api.key(['contacts:write', 'contacts:read']);
    const { body, contentType } = multipartBody([
      { name: 'file', fileName: 'contacts.csv', content: Buffer.from('Name,Fax\n' + 'Clinic,2025550143\n'.repeat(2000)) },
    ]);
    const cut = body.subarray(0, body.length - 200);
    const reply = await rawRequest(api.url, {
      method: 'POST',
      path: '/contacts/import',
      headers: { 'X-API-Key': key, 'Content-Type': contentType, 'Content-Length': String(cut.length) },
      body: cut,
    });
    expect(reply.status).toBe(400);
    expect(reply.json.detail).toBe('The upload ended before the contacts file was complete: send it again.');
    expect(await total(api)).toBe(0);
    expect((await api.get('/health', null)).status).toBe(200);
  });

  it('refuses a malformed form, and survives a client that hangs up mid-upload', async () => {
    api = await startApi();
    const key = await api.key(['contacts:write', 'contacts:read']);
    const junk = Buffer.from('--xyz\r\nContent-Disposition: form\r\n\r\n\r\n');
    const garbage = await rawRequest(api.url, {
      method: 'POST',
      path: '/contacts/import',
      headers: { 'X-API-Key': key, 'Content-Type': 'multipart/form-data; boundary=xyz', 'Content-Length': String(junk.length) },
      body: junk,
    });
    expect(garbage.status).toBe(400);
    expect(garbage.json.code).toBe('invalid_input');
    // Half a body, then the socket is destroyed: nothing is kept, the server answers the next request.
    const { body, contentType } = multipartBody([{ name: 'file', fileName: 'big.csv', content: Buffer.alloc(512 * 1024, 'a') }]);
    await new Promise<void>((done) => {
      const socket = connect(Number(new URL(api!.url).port), '127.0.0.1', () => {
        socket.write(
          `POST /contacts/import HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: ${key}\r\nContent-Type: ${contentType}\r\nContent-Length: ${body.length}\r\n\r\n`,
        );
        socket.write(body.subarray(0, 100_000), () => {
          socket.destroy();
          done();
        });
      });
    });
    expect((await api.get('/contacts', key)).json.total).toBe(0);
    expect((await api.get('/health', null)).status).toBe(200);
  });

  it('is in /openapi.json with its scopes', async () => {
    api = await startApi();
    const doc = (await api.get('/openapi.json', null)).json;
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/contacts', '/contacts/{id}', '/contacts/import']));
    expect(doc.paths['/contacts'].get.security).toEqual([{ ApiKey: ['contacts:read'] }]);
    expect(doc.paths['/contacts/{id}'].put.security).toEqual([{ ApiKey: ['contacts:write'] }]);
    expect(doc.components.schemas.Contact.required).toEqual(['id', 'name', 'organization', 'fax']);
  });
});

describe("MCP's find_contact", () => {
  it('finds a contact by name for a key with contacts:read, and refuses a key without it', async () => {
    api = await startApi();
    await api.engine.call('saveContact', {
      name: 'Dr. Amy Lee',
      organization: 'Capitol Cardiology',
      fax: '2025550143',
      phone: '',
      email: '',
      notes: '',
      coverTemplateId: null,
    });
    const connect = async (key: string) => {
      const client = new Client({ name: 'contacts-test', version: '1.0.0' });
      await client.connect(
        new StreamableHTTPClientTransport(new URL(`${api!.url}/mcp`), { requestInit: { headers: { 'X-API-Key': key } } }),
      );
      return client;
    };
    const reader = await connect(await api.key(['contacts:read']));
    const found = (await reader.callTool({ name: 'find_contact', arguments: { query: 'lee' } })) as CallToolResult;
    expect(found.isError).toBeFalsy();
    expect(found.structuredContent).toMatchObject({ total: 1, items: [{ name: 'Dr. Amy Lee', fax: '+12025550143' }] });
    expect((found.content[0] as { text: string }).text).toMatch(
      /^1 contact matches "lee", best first:\n- Dr\. Amy Lee, Capitol Cardiology: fax \+12025550143/,
    );
    const none = (await reader.callTool({ name: 'find_contact', arguments: { query: 'nobody' } })) as CallToolResult;
    expect((none.content[0] as { text: string }).text).toMatch(/^No contact matches "nobody"/);
    await reader.close();
    const sender = await connect(await api.key(['fax:send']));
    const refused = (await sender.callTool({ name: 'find_contact', arguments: { query: 'lee' } })) as CallToolResult;
    expect(refused.isError).toBe(true);
    expect((refused.content[0] as { text: string }).text).toMatch(/needs the contacts:read permission/);
    await sender.close();
  });
});
