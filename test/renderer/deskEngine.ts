// The desk's stores need a FaxbotApi, and they get it the way the page does: through the
// renderer's door (connectToEngine / checkedEngine), over either transport, to a real engine
// on a fresh data folder:
// - 'http': the renderer's own HTTP bridge and the real headless server. Node has no
//   EventSource, so events come straight from the engine (the e2e tests cover the SSE path).
// - 'preload': the real built preload over emulated Electron IPC to the shell's real IPC
//   handlers (test/support/emulatedElectron), events included.
// Store tests run over both: `describe.each(TRANSPORTS)`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine, createLogger, loadConfig, type Engine, type EngineConfig } from '../../main/engine';
import { startHeadlessServer, type HeadlessServer } from '../../main/headless';
import type { EventName, EventPayload, FaxbotApi } from '../../shared/contract';
import { checkedEngine, connectToEngine, createHttpBridge, type EnginePage } from '../../renderer/src/bridge';
import { emulateDesktop, type EmulatedDesktop } from '../support/emulatedElectron';
import { keepLogLine } from '../support/testLog';

export type DeskTransport = 'http' | 'preload';
export const TRANSPORTS: DeskTransport[] = ['http', 'preload'];

/** A page's way to an engine that is already running. */
export interface DeskConnection {
  transport: DeskTransport;
  /** What the page's stores get from connectToEngine. */
  api: FaxbotApi;
  /** The headless server ('http' only). */
  server?: HeadlessServer;
  /** The emulated window, preload and IPC ('preload' only). */
  desktop?: EmulatedDesktop;
  /** Stops the transport; the engine stays. */
  close(): Promise<void>;
}

export interface DeskEngine extends DeskConnection {
  engine: Engine;
  /** The engine's warnings and errors, as written to its log. */
  logLines: string[];
}

export interface DeskEngineOptions {
  /** Which way the stores reach the engine; 'http' unless said. */
  transport?: DeskTransport;
  /** Engine settings over the fast simulator defaults (the webhook listener on a free port). */
  config?: Partial<EngineConfig>;
  /** Writes into the fresh data folder before the engine opens it (a seeded Inbox). */
  prepare?: (dataDir: string) => Promise<unknown>;
  folderPrefix?: string;
}

export async function connectDesk(engine: Engine, transport: DeskTransport): Promise<DeskConnection> {
  if (transport === 'preload') {
    const desktop = emulateDesktop({ engine, logger: engine.logger });
    // Only window.faxbot is read when the preload put it there.
    const api = connectToEngine(desktop.page as EnginePage);
    return { transport, api, desktop, close: async () => desktop.close() };
  }
  const server = await startHeadlessServer({ engine, port: 0, rendererDir: join(engine.config.dataDir, 'no-renderer') });
  const bridge = createHttpBridge({ token: server.token, baseUrl: server.url });
  const api = checkedEngine({
    ...bridge,
    on<N extends EventName>(event: N, listener: (payload: EventPayload<N>) => void) {
      return engine.on((name, payload) => {
        if (name === event) listener(payload as EventPayload<N>);
      });
    },
  });
  return { transport, api, server, close: () => server.close() };
}

export async function startDeskEngine(options: DeskEngineOptions = {}): Promise<DeskEngine> {
  const dataDir = mkdtempSync(join(tmpdir(), options.folderPrefix ?? 'faxbot-renderer-'));
  await options.prepare?.(dataDir);
  const logLines: string[] = [];
  const engine = await createEngine({
    config: loadConfig({ dataDir, simulatorTimeScale: 0.01, retryBaseMs: 20, webhookPort: 0, ...options.config }, {}),
    logger: createLogger({
      level: 'warn',
      write: (line) => {
        logLines.push(line);
        keepLogLine(line); // shown if the test fails (test/support/setup.ts)
      },
    }),
    headless: true,
  });
  const connection = await connectDesk(engine, options.transport ?? 'http');
  return {
    ...connection,
    engine,
    logLines,
    async close() {
      await connection.close();
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
