// Runs the real `faxbot` launcher (bin/faxbot.js) as a child process, from source so the
// test sees the code under test rather than an older build in out/.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const FAXBOT_BIN = fileURLToPath(new URL('../../bin/faxbot.js', import.meta.url));
const PACKAGE_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface CliRun {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves when stdout has a line matching the pattern. */
  waitForOutput(pattern: RegExp): Promise<RegExpMatchArray>;
  exited: Promise<number | null>;
}

export function startFaxbot(
  args: string[],
  env: Record<string, string> = {},
  options: { fromSource?: boolean; cwd?: string } = {},
): CliRun {
  // A test's `faxbot serve` watches a printer folder only when the test names one (never ~/Faxbot/Outbox).
  const childEnv: Record<string, string | undefined> = {
    ...process.env,
    ...(env.FAXBOT_WATCH_DIR ? {} : { FAXBOT_WATCH: 'false' }),
    ...env,
  };
  if (options.fromSource ?? true) childEnv.FAXBOT_CLI_SOURCE = '1';
  else delete childEnv.FAXBOT_CLI_SOURCE;
  // The test's own FAX_DATA_DIR/FAXBOT_PORT must come from `env` only.
  for (const name of ['FAX_DATA_DIR', 'FAXBOT_PORT', 'FAX_BACKEND']) if (!(name in env)) delete childEnv[name];
  const child = spawn(process.execPath, [FAXBOT_BIN, ...args], {
    cwd: options.cwd ?? PACKAGE_ROOT,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const waiters: { pattern: RegExp; resolve: (m: RegExpMatchArray) => void }[] = [];
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
    for (const waiter of [...waiters]) {
      const match = out.match(waiter.pattern);
      if (match) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(match);
      }
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitForOutput(pattern) {
      const match = out.match(pattern);
      if (match) return Promise.resolve(match);
      return new Promise((resolve, reject) => {
        waiters.push({ pattern, resolve });
        void exited.then((code) =>
          reject(new Error(`faxbot exited (${code}) before printing ${pattern}.\nstdout: ${out}\nstderr: ${err}`)),
        );
      });
    },
  };
}

/** Runs faxbot to the end. */
export async function runFaxbot(
  args: string[],
  env: Record<string, string> = {},
  options: { fromSource?: boolean; cwd?: string } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const run = startFaxbot(args, env, options);
  const code = await run.exited;
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}
