// `faxbot serve` as a user starts it, in a child process, for start-up and memory figures.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');

export interface ServeProcess {
  child: ChildProcess;
  url: URL;
  token: string;
  rpc(operation: string, input?: unknown): Promise<unknown>;
  rssMb(): number;
  stop(): Promise<void>;
}

export async function startServe(env: Record<string, string> = {}): Promise<ServeProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'faxbot-bench-serve-'));
  const child = spawn(process.execPath, [resolve(ROOT, 'bin', 'faxbot.js'), 'serve', '--port', '0', '--data-dir', dataDir], {
    cwd: ROOT,
    env: {
      ...process.env,
      FAXBOT_LOG_LEVEL: 'error',
      FAXBOT_WEBHOOK_PORT: '0',
      ...(env.FAXBOT_WATCH_DIR ? {} : { FAXBOT_WATCH: 'false' }),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const line = await new Promise<string>((done, fail) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const found = out.match(/https?:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+/);
      if (found) done(found[0]);
    });
    child.stderr!.on('data', (chunk) => (err += chunk));
    child.on('exit', (code) => fail(new Error(`faxbot serve exited (${code}) before it was ready: ${err}`)));
  });
  const url = new URL(line);
  const token = url.searchParams.get('token')!;
  const rpc = async (operation: string, input: unknown = {}) => {
    const response = await fetch(new URL(`/rpc/${operation}`, url), {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(input),
    });
    const reply = (await response.json()) as { ok: boolean; result?: unknown; error?: { message: string } };
    if (!reply.ok) throw new Error(`${operation}: ${reply.error?.message}`);
    return reply.result;
  };
  return {
    child,
    url,
    token,
    rpc,
    rssMb: () => {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
    },
    stop: () =>
      new Promise<void>((done) => {
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}
