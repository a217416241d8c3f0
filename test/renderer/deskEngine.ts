// The desk's stores need a FaxbotApi: here it is the renderer's own HTTP bridge talking to
// the real headless server and a real engine on a fresh data folder. Node has no
// EventSource, so events come straight from the engine (the e2e test covers the SSE path).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine, createLogger, loadConfig, type Engine, type EngineConfig } from '../../main/engine';
import { startHeadlessServer, type HeadlessServer } from '../../main/headless';
import type { EventName, EventPayload, FaxbotApi } from '../../shared/contract';
import { createHttpBridge } from '../../renderer/src/bridge/httpBridge';

export interface DeskEngine {
  api: FaxbotApi;
  engine: Engine;
  server: HeadlessServer;
  close(): Promise<void>;
}

export interface DeskEngineOptions {
  /** Engine settings over the fast simulator defaults. */
  config?: Partial<EngineConfig>;
  /** Writes into the fresh data folder before the engine opens it (a seeded Inbox). */
  prepare?: (dataDir: string) => Promise<unknown>;
  folderPrefix?: string;
}

/** A fresh data folder, with the webhook listener on a free port. */
export function startDeskEngine(): Promise<DeskEngine> {
  return startEngineOverHttp({ config: { webhookPort: 0 } });
}

export async function startEngineOverHttp(options: DeskEngineOptions = {}): Promise<DeskEngine> {
  const dataDir = mkdtempSync(join(tmpdir(), options.folderPrefix ?? 'faxbot-renderer-'));
  await options.prepare?.(dataDir);
  const engine = await createEngine({
    config: loadConfig({ dataDir, simulatorTimeScale: 0.01, retryBaseMs: 20, ...options.config }, {}),
    logger: createLogger({ level: 'error' }),
    headless: true,
  });
  const server = await startHeadlessServer({ engine, port: 0, rendererDir: join(dataDir, 'no-renderer') });
  const bridge = createHttpBridge({ token: server.token, baseUrl: server.url });
  const api: FaxbotApi = {
    ...bridge,
    on<N extends EventName>(event: N, listener: (payload: EventPayload<N>) => void) {
      return engine.on((name, payload) => {
        if (name === event) listener(payload as EventPayload<N>);
      });
    },
  };
  return {
    api,
    engine,
    server,
    async close() {
      await server.close();
      await engine.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Resolves when `check` holds after a store change; fails after `timeoutMs`. */
export function whenStore<S>(
  store: { getState(): S; subscribe(listener: (state: S) => void): () => void },
  check: (state: S) => boolean,
  what: string,
  timeoutMs = 10_000,
): Promise<S> {
  return new Promise((resolve, reject) => {
    if (check(store.getState())) return resolve(store.getState());
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`Timed out waiting until ${what}`));
    }, timeoutMs);
    const stop = store.subscribe((state) => {
      if (!check(state)) return;
      clearTimeout(timer);
      stop();
      resolve(state);
    });
  });
}

/** A dropped file as the browser gives it. */
export function droppedFile(name: string, bytes: Uint8Array | string): File {
  return new File([typeof bytes === 'string' ? new TextEncoder().encode(bytes) : new Uint8Array(bytes)], name);
}
