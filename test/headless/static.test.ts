import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, startHeadlessServer } from '../../main/headless';
import { rawRequest, startTestServer, type TestServer } from './fixtures';

describe('headless window: static files, headers, Host guard', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => t?.close());

  it('serves index.html at / with the CSP and no-store', async () => {
    const response = await fetch(`${t.server.url}/?token=${t.server.token}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.text()).toContain('<div id="root">');
  });

  it('serves assets with their type, index.html for window paths, 404 for missing assets', async () => {
    const script = await fetch(`${t.server.url}/assets/app.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(script.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);

    const page = await fetch(`${t.server.url}/outbox/details`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');

    const missing = await fetch(`${t.server.url}/assets/missing.js`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('answers HEAD without a body and refuses other methods on the window', async () => {
    const head = await fetch(`${t.server.url}/`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const post = await fetch(`${t.server.url}/`, { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
  });

  it('never serves a file outside the window folder', async () => {
    const attempts = [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E/secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/assets/../../secret.txt',
      '/..%5csecret.txt',
      '/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
      '/../package.json',
      '/index.html%00.js',
      '/%',
    ];
    for (const path of attempts) {
      const response = await rawRequest(t.server.port, path);
      expect([400, 403, 404], path).toContain(response.status);
      expect(response.body, path).not.toContain(t.secret);
      expect(response.headers['content-security-policy'], path).toBe(CONTENT_SECURITY_POLICY);
    }
  });

  it('refuses a request whose Host is not this server (DNS rebinding)', async () => {
    const port = t.server.port;
    for (const host of [
      'evil.example',
      `evil.example:${port}`,
      '127.0.0.1',
      `127.0.0.1:${port + 1}`,
      `localhost.evil.example:${port}`,
      `[::1]:${port}`,
    ]) {
      const page = await rawRequest(port, '/', { Host: host });
      expect(page.status, host).toBe(403);
      const rpc = await rawRequest(port, '/rpc/getStatus', { Host: host, Authorization: `Bearer ${t.server.token}` }, 'POST');
      expect(rpc.status, host).toBe(403);
      expect(rpc.body).not.toContain('simulator');
    }
    expect((await rawRequest(port, '/', { Host: `localhost:${port}` })).status).toBe(200);
    expect((await rawRequest(port, '/', { Host: `LOCALHOST:${port}` })).status).toBe(200);
  });

  it('refuses absolute-form request targets', async () => {
    const response = await rawRequest(t.server.port, `http://evil.example/rpc/getStatus`);
    expect(response.status).toBe(400);
  });

  it('says how to build the window when out/renderer is missing, and still answers RPC', async () => {
    const emptyDir = join(t.base, 'not-built');
    await mkdir(emptyDir);
    const server = await startHeadlessServer({ engine: t.engine, port: 0, rendererDir: join(emptyDir, 'renderer') });
    try {
      const page = await fetch(`${server.url}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('Run <code>npm run build</code> to build the window');
      const status = await fetch(`${server.url}/rpc/getStatus`, { method: 'POST', headers: { Authorization: `Bearer ${server.token}` } });
      expect(status.status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('gives each server its own random token, and refuses a short one', async () => {
    const other = await startHeadlessServer({ engine: t.engine, port: 0, rendererDir: t.base });
    try {
      expect(other.token).not.toBe(t.server.token);
      expect(Buffer.from(other.token, 'base64url')).toHaveLength(32);
      expect(other.uiUrl).toBe(`${other.url}/?token=${other.token}`);
    } finally {
      await other.close();
    }
    await expect(startHeadlessServer({ engine: t.engine, port: 0, rendererDir: t.base, token: 'abc' })).rejects.toThrow(/16 characters/);
  });
});
