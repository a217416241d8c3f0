// A real engine and headless server over a data folder seeded with a long Inbox, reached
// through the renderer's own HTTP bridge (as test/renderer/deskEngine.ts does for a fresh one).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine, createLogger, loadConfig, type Engine, type EngineConfig } from '../../../main/engine';
import { startHeadlessServer, type HeadlessServer } from '../../../main/headless';
import type { EventName, EventPayload, FaxbotApi } from '../../../shared/contract';
import { createHttpBridge } from '../../../renderer/src/bridge/httpBridge';
import { seedInbox } from '../../support/inboxSeed';

export interface SeededEngine {
  api: FaxbotApi;
  engine: Engine;
  close(): Promise<void>;
}

export async function startSeededEngine(faxes: number, config: Partial<EngineConfig> = {}): Promise<SeededEngine> {
  const dataDir = mkdtempSync(join(tmpdir(), 'faxbot-inbox-'));
  if (faxes > 0) await seedInbox(dataDir, faxes);
  const engine = await createEngine({
    config: loadConfig({ dataDir, simulatorTimeScale: 0.01, retryBaseMs: 20, ...config }, {}),
    logger: createLogger({ level: 'error' }),
    headless: true,
  });
  const server: HeadlessServer = await startHeadlessServer({ engine, port: 0, rendererDir: join(dataDir, 'no-renderer') });
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
    async close() {
      await server.close();
      await engine.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
