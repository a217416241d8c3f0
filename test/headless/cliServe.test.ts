import { createServer, type Server } from 'node:net';
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFaxbot, runFaxbot } from './cliRunner';
import { FAST_SIMULATOR_ENV, makeTempDir } from './fixtures';

describe('faxbot serve', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await makeTempDir('cli-serve');
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('prints the address with a token, answers RPC with it, and exits 0 on SIGTERM', async () => {
    const serve = startFaxbot(['serve', '--port', '0', '--data-dir', dir], FAST_SIMULATOR_ENV);
    try {
      const [, url, port, token] = await serve.waitForOutput(
        /Faxbot is running: (http:\/\/127\.0\.0\.1:(\d+))\/\?token=([A-Za-z0-9_-]{43})\n/,
      );
      await serve.waitForOutput(/Provider: .*simulator/);
      expect(serve.stdout()).toContain(`Data folder: ${dir}`);
      expect(Number(port)).toBeGreaterThan(0);

      const status = await fetch(`${url}/rpc/getStatus`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
      expect(status.status).toBe(200);
      const reply = await status.json();
      expect(reply).toMatchObject({ ok: true, result: { provider: 'simulator', headless: true, dataDir: dir } });

      const refused = await fetch(`${url}/rpc/getStatus`, { method: 'POST' });
      expect(refused.status).toBe(401);

      serve.child.kill('SIGTERM');
      expect(await serve.exited).toBe(0);
      expect(serve.stdout()).toContain('Faxbot stopped.');
      expect(serve.stderr()).not.toMatch(/\n\s+at /);
    } finally {
      serve.child.kill('SIGKILL');
    }
  });

  it('keeps a fixed access token from FAXBOT_ACCESS_TOKEN, and refuses a short one', async () => {
    const token = 'a-fixed-token-for-the-office-machine-0123456789';
    const serve = startFaxbot(['serve', '--port', '0', '--data-dir', dir], { ...FAST_SIMULATOR_ENV, FAXBOT_ACCESS_TOKEN: token });
    try {
      const [, url] = await serve.waitForOutput(/Faxbot is running: (http:\/\/127\.0\.0\.1:\d+)\/\?token=(\S+)\n/);
      expect(serve.stdout()).toContain(`?token=${token}`);
      const status = await fetch(`${url}/rpc/getStatus`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
      expect(status.status).toBe(200);
      serve.child.kill('SIGTERM');
      expect(await serve.exited).toBe(0);
    } finally {
      serve.child.kill('SIGKILL');
    }
    const short = await runFaxbot(['serve', '--port', '0', '--data-dir', dir], { ...FAST_SIMULATOR_ENV, FAXBOT_ACCESS_TOKEN: 'short' });
    expect(short.code).toBe(1);
    expect(short.stderr).toMatch(/FAXBOT_ACCESS_TOKEN is too short/);
  });

  it('stops cleanly on SIGINT (Ctrl+C) too', async () => {
    const serve = startFaxbot(['serve', '--port', '0', '--data-dir', dir], FAST_SIMULATOR_ENV);
    try {
      await serve.waitForOutput(/Faxbot is running: /);
      serve.child.kill('SIGINT');
      expect(await serve.exited).toBe(0);
    } finally {
      serve.child.kill('SIGKILL');
    }
  });

  it('exits 1 with a clear message when the port is in use', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const byFlag = await runFaxbot(['serve', '--port', String(port), '--data-dir', dir], FAST_SIMULATOR_ENV);
      expect(byFlag.code).toBe(1);
      expect(byFlag.stderr).toContain(`Port ${port} is in use: stop the other program or set FAXBOT_PORT / --port`);
      expect(byFlag.stderr).not.toMatch(/\n\s+at /);
      expect(byFlag.stdout).not.toContain('Faxbot is running');

      const byEnv = await runFaxbot(['serve'], { ...FAST_SIMULATOR_ENV, FAX_DATA_DIR: dir, FAXBOT_PORT: String(port) });
      expect(byEnv.code).toBe(1);
      expect(byEnv.stderr).toContain(`Port ${port} is in use`);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('exits 1 with the message for a bad environment value', async () => {
    const { code, stderr } = await runFaxbot(['serve'], { ...FAST_SIMULATOR_ENV, FAX_DATA_DIR: dir, FAX_BACKEND: 'telex' });
    expect(code).toBe(1);
    expect(stderr).toContain('FAX_BACKEND=telex is not a provider Faxbot knows');
  });
});
