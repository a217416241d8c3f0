import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../main/cli';
import { startFaxbot, runFaxbot } from './cliRunner';

const PACKAGE_ROOT = fileURLToPath(new URL('../..', import.meta.url));
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

  it('under "npm run serve --port N" (no --), says npm kept --port and how to pass it through', async () => {
    const data = join(dir, 'npm-ate-it');
    const npm = spawn('npm', ['run', 'serve', '--port', '8090'], {
      cwd: PACKAGE_ROOT,
      env: { ...process.env, ...FAST_SIMULATOR_ENV, FAX_DATA_DIR: data, FAXBOT_CLI_SOURCE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    npm.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    npm.stdout.resume();
    const code = await new Promise<number | null>((resolve) => npm.once('close', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain(
      'faxbot: npm kept --port for itself, so Faxbot did not get it: with npm run, options go after --. Run: npm run serve -- --port 8090\n',
    );
    expect(stderr).not.toContain('Unexpected argument');
    expect(existsSync(data)).toBe(false);
  });

  it('spots --port=N and --data-dir that npm kept, whichever way they were written', async () => {
    const run = async (args: string[], env: Record<string, string>) => {
      let stderr = '';
      const code = await main(['serve', ...args], {
        stdout: () => undefined,
        stderr: (t) => void (stderr += t),
        env: { npm_lifecycle_event: 'serve', ...env },
      });
      return { code, stderr };
    };
    const equals = await run([], { npm_config_port: '8090' });
    expect(equals.code).toBe(2);
    expect(equals.stderr).toContain('Run: npm run serve -- --port 8090\n');
    const both = await run(['8090', '/srv/fax'], { npm_config_port: 'true', npm_config_data_dir: 'true' });
    expect(both.stderr).toContain('npm kept --port and --data-dir for itself, so Faxbot did not get them');
    expect(both.stderr).toContain('Run: npm run serve -- --port 8090 --data-dir /srv/fax\n');
    // Outside npm, a stray argument is still just that.
    const plain = await main(['serve', '8090'], { stdout: () => undefined, stderr: () => undefined, env: { npm_config_port: 'true' } });
    expect(plain).toBe(2);
  });
});
