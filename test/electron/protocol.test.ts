// app://faxbot/ serves the built renderer and nothing else: real files in a temp folder,
// real Request/Response objects, crafted URLs that try to climb out.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => await import('./fakeElectron'));
const fake = await import('./fakeElectron');
const { createRendererHandler, registerAppScheme, serveRenderer } = await import('../../main/electron/protocol');
const { CONTENT_SECURITY_POLICY } = await import('../../main/electron/security');

let base: string;
let rendererDir: string;
let serve: (request: Request) => Promise<Response>;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'faxbot-protocol-'));
  rendererDir = join(base, 'renderer');
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Faxbot</title>');
  await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log("faxbot")');
  await writeFile(join(rendererDir, 'assets', 'pdf.worker.mjs'), 'self.onmessage = () => {}');
  await writeFile(join(base, 'secret.txt'), 'patient data');
  await writeFile(join(base, 'renderer-sibling.txt'), 'not served');
  serve = createRendererHandler(rendererDir);
});
afterAll(() => rm(base, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => serve(new Request(url, { method }));

describe('the app:// protocol', () => {
  it('registers app:// as a standard, secure scheme with fetch', () => {
    registerAppScheme();
    expect(fake.protocol.privileged).toContainEqual({
      scheme: 'app',
      privileges: expect.objectContaining({ standard: true, secure: true, supportFetchAPI: true }),
    });
    serveRenderer(rendererDir);
    expect(fake.protocol.handlers.has('app')).toBe(true);
  });

  it('serves the page with the strict CSP and the right types', async () => {
    for (const url of ['app://faxbot/', 'app://faxbot/index.html']) {
      const response = await get(url);
      expect(response.status, url).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await response.text()).toContain('<title>Faxbot</title>');
    }
    const script = await get('app://faxbot/assets/app.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log("faxbot")');
    const worker = await get('app://faxbot/assets/pdf.worker.mjs');
    expect(worker.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const head = await get('app://faxbot/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('never serves a file outside the renderer folder', async () => {
    const attempts = [
      'app://faxbot/../secret.txt',
      'app://faxbot/%2e%2e/secret.txt',
      'app://faxbot/%2E%2E%2Fsecret.txt',
      'app://faxbot/assets/..%2f..%2fsecret.txt',
      'app://faxbot/..%5csecret.txt',
      'app://faxbot/assets%5c..%5c..%5csecret.txt',
      `app://faxbot/${encodeURIComponent(join(base, 'secret.txt'))}`,
      'app://faxbot/%2e%2e/renderer-sibling.txt',
      'app://faxbot/index.html%00.js',
      'app://faxbot/%E0%A4%A',
    ];
    for (const url of attempts) {
      const response = await get(url);
      expect(response.status, url).toBe(404);
      expect(await response.text(), url).not.toContain('patient data');
    }
  });

  it('answers 404 for other hosts, folders and missing files, 405 for writes', async () => {
    expect((await get('app://evil/index.html')).status).toBe(404);
    expect((await get('app://faxbot.evil/index.html')).status).toBe(404);
    expect((await get('app://faxbot/assets')).status).toBe(404);
    expect((await get('app://faxbot/assets/')).status).toBe(404);
    expect((await get('app://faxbot/missing.js')).status).toBe(404);
    expect((await get('https://faxbot/index.html')).status).toBe(404);
    const post = await get('app://faxbot/index.html', 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });
});
