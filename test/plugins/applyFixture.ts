// Shared set-up for the apply and test-connection tests: a real engine on a fresh data
// folder whose plugins are configured through the contract (savePluginConfig), the fakes of
// Phaxio, Sinch and Asterisk on 127.0.0.1, and a server that accepts and never answers.
import { createServer, type Server, type Socket } from 'node:net';
import type { EventName } from '../../shared/contract';
import type { PluginsOverview } from '../../shared/plugins';
import { startFakePhaxio, type FakePhaxio } from '../fakes/phaxio';
import type { EngineConfig } from '../../main/engine';
import { startEngine, type Harness } from '../support/engineHarness';

export const PHAXIO = { apiKey: 'key_live_1', apiSecret: 'secret_live_1', callbackToken: 'test-webhook-token' };

export type PluginHarness = Harness & { events: { name: EventName; payload: unknown }[] };

/** A test engine; `env` is its whole environment (nothing from this process leaks in). */
export async function pluginEngine(
  env: Record<string, string> = {},
  dataDir?: string,
  overrides: Partial<EngineConfig> = {},
): Promise<PluginHarness> {
  const h = await startEngine(
    { ...overrides, env: { FAXBOT_STATUS_POLL_MS: '50', FAXBOT_PLUGIN_CHECK_TIMEOUT_MS: '3000', ...env } },
    dataDir,
  );
  const events: { name: EventName; payload: unknown }[] = [];
  h.engine.on((name, payload) => events.push({ name, payload }));
  return Object.assign(h, { events });
}

export async function fakePhaxio(stepMs = 20): Promise<FakePhaxio> {
  return startFakePhaxio({ ...PHAXIO, stepMs });
}

/** Saves Phaxio's settings against the fake (a wrong secret when asked), as the Plugins tab does. */
export async function configurePhaxio(h: Harness, fake: FakePhaxio, apiSecret = PHAXIO.apiSecret): Promise<void> {
  await h.engine.call('savePluginConfig', {
    id: 'phaxio',
    settings: { baseUrl: fake.url },
    secrets: { apiKey: PHAXIO.apiKey, apiSecret, callbackToken: PHAXIO.callbackToken },
  });
}

/** The listener's own loopback address as the public URL: callbacks reach it (over http, so Apply warns). */
export async function publicUrlIsListener(h: Harness): Promise<string> {
  const { listenAddress } = await h.engine.call('getWebhookHealth', {});
  await h.engine.call('setWebhookPublicUrl', { publicUrl: listenAddress });
  return listenAddress!;
}

export function lastOverview(events: { name: EventName; payload: unknown }[]): PluginsOverview | undefined {
  return events.filter((e) => e.name === 'pluginsChanged').at(-1)?.payload as PluginsOverview | undefined;
}

/** Accepts connections and never answers: a provider that hangs. */
export async function silentServer(): Promise<{ url: string; port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
