// A real engine on a temporary data folder with the REST API mounted on a real headless
// server on 127.0.0.1, plus keys made the way Settings → API keys makes them.
import { readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine, createLogger, loadConfig, type Engine, type EngineConfig } from '../../main/engine';
import { createApiRoute } from '../../main/engine/api';
import type { TunnelStarter } from '../../main/engine/webhooks';
import { startHeadlessServer, type HeadlessServer } from '../../main/headless';
import type { ApiScope } from '../../shared/apiKeys';
import { keepLogLine } from '../support/testLog';

export const DELIVERS = '+12025550143';
/** The simulator's loopback line: a fax sent here arrives back in the Inbox. */
export const LOOPBACK = '+12025550100';

export interface ApiFixture {
  engine: Engine;
  server: HeadlessServer;
  url: string;
  dataDir: string;
  key(scopes: ApiScope[], name?: string): Promise<string>;
  /** fetch against the server with an optional X-API-Key. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- bodies are read field by field in assertions
  get(path: string, apiKey?: string | null, init?: RequestInit): Promise<{ status: number; json: any; headers: Headers }>;
  /** What a refused request must leave untouched: jobs, documents on disk, staged rows. */
  snapshot(): Promise<{ jobs: number; files: string[] }>;
  close(): Promise<void>;
}

/** `logLines` collects what the engine logs at error level (to prove a case logged nothing). */
/** `tunnelStarter`: a stand-in for ngrok, the outside service the webhook tunnel would reach. */
export async function startApi(
  overrides: Partial<EngineConfig> = {},
  options: { logLines?: string[]; tunnelStarter?: TunnelStarter } = {},
): Promise<ApiFixture> {
  const base = await mkdtemp(join(tmpdir(), 'faxbot-api-'));
  const dataDir = join(base, 'data');
  const config = loadConfig(
    { dataDir, simulatorTimeScale: 0.01, retryBaseMs: 20, retryMaxMs: 100, apiEnabled: true, webhookPort: 0, ...overrides },
    {},
  );
  const write = options.logLines ? (line: string) => void options.logLines!.push(line) : keepLogLine;
  const engine = await createEngine({
    config,
    logger: createLogger({ level: 'error', write }),
    headless: true,
    tunnelStarter: options.tunnelStarter,
  });
  const server = await startHeadlessServer({
    engine,
    port: 0,
    host: '127.0.0.1',
    rendererDir: join(base, 'no-renderer'),
    routes: [createApiRoute({ engine })],
  });
  engine.api.setBaseUrl(server.url); // as `faxbot serve` does
  return {
    engine,
    server,
    url: server.url,
    dataDir,
    async key(scopes, name = 'test client') {
      return (await engine.call('createApiKey', { name, scopes })).secret;
    },
    async get(path, apiKey = null, init = {}) {
      const headers = new Headers(init.headers);
      if (apiKey) headers.set('X-API-Key', apiKey);
      const response = await fetch(server.url + path, { ...init, headers });
      const type = response.headers.get('content-type') ?? '';
      const json = type.includes('json') ? await response.json() : await response.arrayBuffer();
      return { status: response.status, json, headers: response.headers };
    },
    async snapshot() {
      const page = await engine.call('listJobs', { limit: 1 });
      return { jobs: page.total, files: readdirSync(join(dataDir, 'documents')).sort() };
    },
    async close() {
      await server.close();
      await engine.close();
      await rm(base, { recursive: true, force: true });
    },
  };
}
