// Running the real engine in a child process, as a user's machine would.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..', '..');

export interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs a TypeScript file of the project under Node (through tsx) and waits for it to end. */
export function runTs(
  file: string,
  args: string[],
  env: Record<string, string>,
  options: {
    killAfterMs?: number;
    /** With killAfterMs: count from the first time the child prints this (e.g. "engine started"), not from its spawn. */
    killAfterOutput?: string;
    timeoutMs?: number;
  } = {},
): Promise<ChildResult> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', resolve(ROOT, file), ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let killer: NodeJS.Timeout | null = null;
    const armKiller = () => {
      if (options.killAfterMs !== undefined && !killer) killer = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs);
    };
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      if (options.killAfterOutput !== undefined && stdout.includes(options.killAfterOutput)) armKiller();
    });
    child.stderr.on('data', (chunk) => (stderr += chunk));
    if (options.killAfterOutput === undefined) armKiller();
    const limit = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`${file} ${args.join(' ')} did not finish in time.\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, options.timeoutMs ?? 60_000);
    child.on('error', fail);
    child.on('close', (code, signal) => {
      if (killer) clearTimeout(killer);
      clearTimeout(limit);
      done({ code, signal, stdout, stderr });
    });
  });
}
