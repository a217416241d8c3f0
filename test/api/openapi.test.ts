// /openapi.json is generated from the route table that dispatches requests; this holds the
// server to the document: every documented operation exists, every implemented one is
// documented, and real answers use documented status codes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_ENDPOINTS, documentedStatuses } from '../../main/engine/api';
import { makeTestPdf } from '../support/pdfs';
import { DELIVERS, startApi, type ApiFixture } from './apiFixture';

type OpenApi = {
  openapi: string;
  paths: Record<string, Record<string, { responses: Record<string, unknown>; security: unknown[] }>>;
  components: { securitySchemes: Record<string, unknown> };
};

describe('OpenAPI document', () => {
  let api: ApiFixture;
  let doc: OpenApi;
  let admin: string;
  beforeAll(async () => {
    api = await startApi();
    admin = await api.key(['fax:send', 'fax:read', 'inbound:list', 'inbound:read', 'keys:manage']);
    doc = (await api.get('/openapi.json')).json;
  });
  afterAll(async () => api?.close());

  const documented = () =>
    Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => ({ path, method: method.toUpperCase() })));

  it('is OpenAPI 3.1 with the X-API-Key scheme', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components.securitySchemes.ApiKey).toEqual({ type: 'apiKey', in: 'header', name: 'X-API-Key' });
  });

  it('documents every implemented endpoint, and nothing else', () => {
    const implemented = API_ENDPOINTS.map((e) => `${e.method} ${e.path}`).sort();
    expect(
      documented()
        .map((d) => `${d.method} ${d.path}`)
        .sort(),
    ).toEqual(implemented);
  });

  it('every documented path and method answers (not 404 for the route, not 405)', async () => {
    for (const { path, method } of documented()) {
      const concrete = path.replace('{id}', 'no-such-id');
      const reply = await api.get(concrete, admin, { method });
      expect(reply.status, `${method} ${path}`).not.toBe(405);
      // A 404 is right only for an unknown id, never for the route itself.
      if (reply.status === 404) {
        expect(path, `${method} ${path} answered 404 for the route`).toContain('{id}');
        expect(reply.json.detail).not.toMatch(/nothing at that address/);
      }
      expect(
        documentedStatuses(API_ENDPOINTS.find((e) => e.path === path && e.method === method)!),
        `${method} ${path} answered ${reply.status}`,
      ).toContain(reply.status);
    }
  });

  it('real answers use the status codes documented for them', async () => {
    const check = (method: string, path: string, status: number) =>
      expect(Object.keys(doc.paths[path][method.toLowerCase()].responses), `${method} ${path} ${status}`).toContain(String(status));
    const form = new FormData();
    form.append('to', DELIVERS);
    form.append('file', new Blob([new Uint8Array(await makeTestPdf(1))]), 'a.pdf');
    check('POST', '/fax', (await api.get('/fax', admin, { method: 'POST', body: form })).status);
    const bad = new FormData();
    bad.append('to', '12');
    bad.append('file', new Blob(['x']), 'a.txt');
    check('POST', '/fax', (await api.get('/fax', admin, { method: 'POST', body: bad })).status);
    check('POST', '/fax', (await api.get('/fax', null, { method: 'POST', body: bad })).status);
    check('GET', '/fax', (await api.get('/fax?limit=500', admin)).status);
    check('GET', '/fax/{id}', (await api.get('/fax/nope', admin)).status);
    check('GET', '/inbound', (await api.get('/inbound', admin)).status);
    check('GET', '/health/ready', (await api.get('/health/ready')).status);
  });

  it('describes the compatibility status mapping beside ours', () => {
    const text = JSON.stringify(doc);
    expect(text).toMatch(/in_progress = preparing or sending/);
    expect(text).toMatch(/FAILED = failed or canceled/);
  });
});
