// A real engine on a temporary data folder and a real headless server on 127.0.0.1, for
// the headless tests. The simulator is sped up and retries are short so faxes finish fast.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine, createLogger, loadConfig, type Engine } from '../../main/engine';
import { startHeadlessServer, type HeadlessServer, type HeadlessServerOptions } from '../../main/headless';
import { keepLogLine } from '../support/testLog';

export const FAST_SIMULATOR_ENV = {
  FAX_BACKEND: 'simulator',
  FAXBOT_SIMULATOR_TIME_SCALE: '0.02',
  FAXBOT_RETRY_BASE_MS: '50',
  FAXBOT_RETRY_MAX_MS: '200',
  FAXBOT_LOG_LEVEL: 'error',
  FAXBOT_WEBHOOK_PORT: '0',
};

export const DELIVERS = '+1 202 555 0143';
export const FAILS_PERMANENTLY = '+1 202 555 0133';

export async function makeTempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `faxbot-${prefix}-`));
}

/** A built-looking renderer folder, with a secret file beside it that must never be served. */
export async function makeRendererDir(base: string): Promise<{ rendererDir: string; secret: string }> {
  const rendererDir = join(base, 'renderer');
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Faxbot</title><div id="root"></div>');
  await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log("faxbot window");');
  const secret = 'SECRET-BESIDE-THE-WINDOW';
  await writeFile(join(base, 'secret.txt'), secret);
  return { rendererDir, secret };
}

export interface TestServer {
  engine: Engine;
  server: HeadlessServer;
  base: string;
  secret: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- replies are read field by field in assertions
  rpc(name: string, body: unknown, token?: string | null): Promise<{ status: number; json: any; headers: Headers }>;
  close(): Promise<void>;
}

export async function startTestServer(
  options: {
    env?: Record<string, string>;
    server?: Partial<HeadlessServerOptions>;
    wrapEngine?: (engine: Engine) => Engine;
    /** Collects what the engine logs at error level (to prove a case logged nothing). */
    logLines?: string[];
  } = {},
): Promise<TestServer> {
  const base = await makeTempDir('headless');
  const { rendererDir, secret } = await makeRendererDir(base);
  const config = loadConfig({}, { ...FAST_SIMULATOR_ENV, ...options.env, FAX_DATA_DIR: join(base, 'data') });
  const write = options.logLines ? (line: string) => void options.logLines!.push(line) : keepLogLine;
  const engine = await createEngine({ config, logger: createLogger({ level: 'error', write }), headless: true });
  const served = options.wrapEngine ? options.wrapEngine(engine) : engine;
  const server = await startHeadlessServer({ engine: served, port: 0, host: '127.0.0.1', rendererDir, ...options.server });
  return {
    engine,
    server,
    base,
    secret,
    async rpc(name, body, token = server.token) {
      const headers: Record<string, string> = { 'Content-Type': 'application/json' };
      if (token !== null) headers.Authorization = `Bearer ${token}`;
      const response = await fetch(`${server.url}/rpc/${name}`, {
        method: 'POST',
        headers,
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      return { status: response.status, json: await response.json(), headers: response.headers };
    },
    async close() {
      await server.close();
      await engine.close();
      await rm(base, { recursive: true, force: true });
    },
  };
}

/** A text file as the renderer would stage it. */
export function textDocument(text = 'Referral for Amy Lee.\nPlease call back.'): { fileName: string; contentBase64: string } {
  return { fileName: 'referral.txt', contentBase64: Buffer.from(text).toString('base64') };
}

/**
 * A raw HTTP request, byte for byte: fetch normalizes paths ("/../x" becomes "/x") and
 * will not send a forged Host header, and those are exactly what some tests need.
 */
export function rawRequest(
  port: number,
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method, headers: { Host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}
