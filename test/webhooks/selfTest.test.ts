// The self-test round trip through the public URL, and each way it can fail, in words.
import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startListener, type ListenerFixture } from './listenerFixture';

let fx: ListenerFixture | undefined;
const servers: Server[] = [];
afterEach(async () => {
  await fx?.close();
  fx = undefined;
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler!);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return `http://127.0.0.1:${address.port}`;
}

describe('testWebhook', () => {
  it('sends a signed event through the public URL and sees it come back', async () => {
    fx = await startListener({ publicUrl: 'loopback' });
    const result = await fx.service.testWebhook();
    expect(result.ok).toBe(true);
    expect(result.roundTripMs).toBeGreaterThanOrEqual(0);
    expect(result.message).toContain('came back');
    expect(result.message).not.toContain(fx.secret);
    expect(fx.service.getHealth().lastSelfTest).toMatchObject({ ok: true });
  });

  it('comes back through a forwarding proxy standing in for the tunnel', async () => {
    fx = await startListener();
    const listener = fx.base;
    const tunnel = await serve(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const upstream = await fetch(listener + req.url, {
        method: req.method,
        headers: req.headers as Record<string, string>,
        body: Buffer.concat(chunks),
      });
      res.writeHead(upstream.status);
      res.end(Buffer.from(await upstream.arrayBuffer()));
    });
    fx.service.setPublicUrl(tunnel);
    expect((await fx.service.testWebhook()).ok).toBe(true);
  });

  it('says no public URL is set when there is none', async () => {
    fx = await startListener();
    const result = await fx.service.testWebhook();
    expect(result).toMatchObject({ ok: false });
    expect(result.message).toMatch(/No public URL is set/);
    expect(result.message).toMatch(/PUBLIC_API_URL/);
  });

  it('says connection refused when nothing listens at the public URL', async () => {
    fx = await startListener();
    const closed = await serve((_req, res) => res.end());
    const server = servers.pop()!;
    await new Promise((resolve) => server.close(resolve));
    fx.service.setPublicUrl(closed);
    const result = await fx.service.testWebhook();
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/Connection refused at http:\/\/127\.0\.0\.1:\d+/);
  });

  it('says it timed out when the public URL never answers', async () => {
    fx = await startListener({ selfTestTimeoutMs: 300 });
    const silent = await serve(() => undefined);
    fx.service.setPublicUrl(silent);
    const result = await fx.service.testWebhook();
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/No answer from .* within/);
  });

  it('says the address points elsewhere when something else answers', async () => {
    fx = await startListener();
    const other = await serve((_req, res) => res.end('hello from some other server'));
    fx.service.setPublicUrl(other);
    const result = await fx.service.testWebhook();
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/answered HTTP 200, but the test event never reached this Faxbot/);
    expect(fx.service.getHealth().lastSelfTest).toMatchObject({ ok: false });
  });

  it('refuses a self-test event that is not signed with this install’s key', async () => {
    fx = await startListener({ publicUrl: 'loopback' });
    const nonce = 'abcdefgh12345678';
    const reply = await fetch(`${fx.base}/${fx.secret}/selftest/${nonce}`, {
      method: 'POST',
      headers: { 'x-faxbot-selftest-signature': '0'.repeat(64) },
      body: JSON.stringify({ nonce }),
    });
    expect(reply.status).toBe(401);
  });
});

describe('public URL', () => {
  it('shows PUBLIC_API_URL as locked and refuses to change it', async () => {
    fx = await startListener({ env: { PUBLIC_API_URL: 'https://desk.example.org/' } });
    const health = fx.service.getHealth();
    expect(health).toMatchObject({
      publicUrl: 'https://desk.example.org',
      publicUrlLockedBy: 'PUBLIC_API_URL',
      publicUrlSource: 'environment',
    });
    expect(() => fx!.service.setPublicUrl('https://other.example.org')).toThrow(/PUBLIC_API_URL sets the public URL/);
  });

  it.each(['ftp://example.org', 'not a url', 'https://example.org/?x=1', 'https://user:pw@example.org', 'javascript:alert(1)', ''])(
    'refuses %j as a public URL with a reason',
    async (bad) => {
      fx = await startListener();
      expect(() => fx!.service.setPublicUrl(bad)).toThrow(/is not usable/);
      expect(fx.service.getHealth().publicUrl).toBeNull();
    },
  );
});

describe('tunnel', () => {
  it('starts the tunnel with the authtoken and the listener port, and uses its URL', async () => {
    const calls: { addr: number; authtoken: string }[] = [];
    let closed = 0;
    const started: { fixture?: ListenerFixture } = {};
    fx = await startListener({
      env: { NGROK_AUTHTOKEN: 'tok_123' },
      tunnelStarter: async (options) => {
        calls.push(options);
        return { url: () => started.fixture?.base ?? `http://127.0.0.1:${options.addr}`, close: async () => void closed++ };
      },
    });
    started.fixture = fx;
    expect(calls).toEqual([{ addr: Number(new URL(fx.base).port), authtoken: 'tok_123' }]);
    expect(fx.service.getHealth()).toMatchObject({ publicUrlSource: 'tunnel', publicUrl: fx.base, tunnel: { state: 'up' } });
    expect((await fx.service.testWebhook()).ok).toBe(true);
    await fx.close();
    fx = undefined;
    expect(closed).toBe(1);
  });

  it('reports a tunnel that would not start, without the authtoken, and keeps listening', async () => {
    fx = await startListener({
      env: { NGROK_AUTHTOKEN: 'tok_secret_999' },
      tunnelStarter: async ({ authtoken }) => {
        throw new Error(`authentication failed: The authtoken you specified is invalid (${authtoken}) ERR_NGROK_105`);
      },
    });
    const health = fx.service.getHealth();
    expect(health.tunnel.state).toBe('failed');
    expect(health.tunnel.message).toMatch(/ngrok refused the authtoken/);
    expect(health.tunnel.message).not.toContain('tok_secret_999');
    expect(health.listening).toBe(true);
    expect(health.publicUrl).toBeNull();
  });

  it('does not start a tunnel when PUBLIC_API_URL already gives the address', async () => {
    let started = 0;
    fx = await startListener({
      env: { NGROK_AUTHTOKEN: 't', PUBLIC_API_URL: 'https://x.example.org' },
      tunnelStarter: async () => (started++, { url: () => null, close: async () => undefined }),
    });
    expect(started).toBe(0);
    expect(fx.service.getHealth().tunnel.state).toBe('off');
  });
});
