// GET /health/ready says how the webhook listener, its public address and the provider really
// stand (it used to answer "skipped: no webhook listener yet" while one was listening).
import { writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startApi, type ApiFixture } from './apiFixture';

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  while (open.length) await open.pop()!.close();
});

async function started(...args: Parameters<typeof startApi>): Promise<ApiFixture> {
  const api = await startApi(...args);
  open.push(api);
  return api;
}

/** A port some other program holds, so the webhook listener cannot have it. */
async function takenPort(): Promise<number> {
  const blocker: Server = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  open.push({ close: () => new Promise<void>((resolve) => blocker.close(() => resolve())) });
  return (blocker.address() as { port: number }).port;
}

/** Phaxio with its credentials; nothing is sent, so no Phaxio needs to answer. */
const PHAXIO = {
  backend: 'phaxio' as const,
  env: { PHAXIO_API_KEY: 'key_1', PHAXIO_API_SECRET: 'secret_1', PHAXIO_CALLBACK_TOKEN: 'token_1', PHAXIO_BASE_URL: 'http://127.0.0.1:9' },
};

async function ready(api: ApiFixture) {
  const reply = await api.get('/health/ready');
  return { status: reply.status, body: reply.json as { status: string; checks: Record<string, { status: string; detail: string }> } };
}

describe('GET /health/ready', () => {
  it('names the address the webhook listener really listens on', async () => {
    const api = await started();
    const { status, body } = await ready(api);
    const address = api.engine.webhooks.getHealth().listenAddress;
    expect(address).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(status).toBe(200);
    expect(body.status).toBe('ready');
    expect(body.checks.webhooks).toEqual({
      status: 'ok',
      detail: `Listening on ${address}; no public URL, and the active provider needs no callbacks.`,
    });
    expect(body.checks.provider).toEqual({ status: 'ok', detail: 'Simulator (simulator) is active.' });
  });

  it('names the public URL and where it comes from', async () => {
    const api = await started({ env: { PUBLIC_API_URL: 'https://fax.example.org' } });
    const { body } = await ready(api);
    expect(body.checks.webhooks.status).toBe('ok');
    expect(body.checks.webhooks.detail).toMatch(
      /^Listening on http:\/\/127\.0\.0\.1:\d+; public URL https:\/\/fax\.example\.org \(PUBLIC_API_URL\)\.$/,
    );
  });

  it('says the listener is down, why, and the fix; a warning only while the provider needs no callbacks', async () => {
    const port = await takenPort();
    const api = await started({ webhookPort: port });
    const { status, body } = await ready(api);
    expect(status).toBe(200);
    expect(body.checks.webhooks).toEqual({
      status: 'warning',
      detail: `The webhook listener is not listening: port ${port} is in use: set FAXBOT_WEBHOOK_PORT to a free port and restart Faxbot. The active provider needs no callbacks, so faxes are not held up.`,
    });
  });

  it('fails readiness when Phaxio cannot call back because the listener is down', async () => {
    const port = await takenPort();
    const api = await started({ ...PHAXIO, webhookPort: port });
    const { status, body } = await ready(api);
    expect(status).toBe(503);
    expect(body.status).toBe('not_ready');
    expect(body.checks.webhooks.status).toBe('failed');
    expect(body.checks.webhooks.detail).toContain(`port ${port} is in use: set FAXBOT_WEBHOOK_PORT to a free port`);
    expect(body.checks.webhooks.detail).toContain('Phaxio cannot call back: fax status is polled instead');
  });

  it('warns when Phaxio has no public URL to call, and says how to give it one', async () => {
    const api = await started(PHAXIO);
    const { status, body } = await ready(api);
    expect(status).toBe(200);
    expect(body.checks.webhooks.status).toBe('warning');
    expect(body.checks.webhooks.detail).toMatch(/^Listening on http:\/\/127\.0\.0\.1:\d+; no public URL: Phaxio cannot call back/);
    expect(body.checks.webhooks.detail).toContain('Set PUBLIC_API_URL');
  });

  it("reports the tunnel's failure in its own words", async () => {
    const api = await started(
      { ...PHAXIO, env: { ...PHAXIO.env, NGROK_AUTHTOKEN: 'tok_wrong' } },
      {
        tunnelStarter: async () => {
          throw new Error('authentication failed: ERR_NGROK_105');
        },
      },
    );
    const { body } = await ready(api);
    expect(body.checks.webhooks.status).toBe('warning');
    expect(body.checks.webhooks.detail).toContain(
      'no public URL: ngrok refused the authtoken: copy it again from the ngrok dashboard into NGROK_AUTHTOKEN.',
    );
    expect(body.checks.webhooks.detail).not.toContain('tok_wrong');
  });

  it('fails readiness when the chosen provider could not start, with the reason and the fix', async () => {
    const configPath = join(tmpdir(), `faxbot-ready-${process.pid}-${Date.now()}.json`);
    await writeFile(configPath, JSON.stringify({ version: 1, slots: { outbound: 'phaxio' }, plugins: { phaxio: { settings: {} } } }));
    const api = await started({ pluginConfigPath: configPath });
    const { status, body } = await ready(api);
    expect(status).toBe(503);
    expect(body.checks.provider.status).toBe('failed');
    expect(body.checks.provider.detail).toMatch(/^phaxio could not start: .*PHAXIO_API_KEY.* Fix its settings in Settings → Plugins/);
  });
});
