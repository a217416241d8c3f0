// `faxbot serve` as a child that a test can kill outright (SIGKILL, as a power cut would)
// and start again on the same data folder and port.
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

export interface ServeProcess {
  /** http://127.0.0.1:PORT/?token=… */
  uiUrl: string;
  port: number;
  token: string;
  child: ChildProcess;
  output(): string;
  /** Kills the process with `signal` and resolves once it has exited. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

const READY_LINE = /Faxbot is running: (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]+))/;

export async function startServe(dataDir: string, port: number, env: Record<string, string> = {}): Promise<ServeProcess> {
  const child = spawn(process.execPath, [resolve('bin/faxbot.js'), 'serve', '--data-dir', dataDir, '--port', String(port)], {
    env: { ...process.env, FAXBOT_WEBHOOK_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  child.stderr.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const kill = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  const match = await new Promise<RegExpExecArray>((found, failed) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      printed += `${line}\n`;
      const m = READY_LINE.exec(line);
      if (m) found(m);
    });
    child.once('exit', (code) => failed(new Error(`faxbot serve exited (code ${code}) before it was ready:\n${printed}`)));
    child.once('error', failed);
  }).catch(async (error: unknown) => {
    await kill('SIGKILL');
    throw error;
  });
  return { uiUrl: match[1], port: Number(match[2]), token: match[3], child, output: () => printed, kill };
}
