// Starts the real headless Faxbot (`node bin/faxbot.js serve`) on a free port with a fresh
// data folder, and reads the address with its token from the line it prints.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

export interface RunningDesk {
  /** http://127.0.0.1:PORT/?token=… */
  uiUrl: string;
  dataDir: string;
  /** Everything the server printed, for a failure message. */
  output(): string;
  stop(): Promise<void>;
}

const READY_LINE = /Faxbot is running: (http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+)/;

/** `prepare` writes into the fresh data folder before Faxbot starts (a seeded Inbox). */
export async function startDesk(env: Record<string, string> = {}, prepare?: (dataDir: string) => Promise<unknown>): Promise<RunningDesk> {
  const dataDir = await mkdtemp(join(tmpdir(), 'faxbot-desk-'));
  await prepare?.(dataDir);
  const child: ChildProcess = spawn(process.execPath, [resolve('bin/faxbot.js'), 'serve', '--data-dir', dataDir, '--port', '0'], {
    env: {
      ...process.env,
      FAXBOT_SIMULATOR_TIME_SCALE: '0.05',
      FAXBOT_RETRY_BASE_MS: '100',
      FAXBOT_WEBHOOK_PORT: '0',
      ...(env.FAXBOT_WATCH_DIR ? {} : { FAXBOT_WATCH: 'false' }),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  child.stderr!.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
    await rm(dataDir, { recursive: true, force: true });
  };

  const uiUrl = await new Promise<string>((found, failed) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      printed += `${line}\n`;
      const match = READY_LINE.exec(line);
      if (match) found(match[1]);
    });
    child.once('exit', (code) => failed(new Error(`faxbot serve exited (code ${code}) before it was ready:\n${printed}`)));
    child.once('error', failed);
  }).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  return { uiUrl, dataDir, output: () => printed, stop };
}
