// A real CUPS scheduler for the printer tests. Uses the one already running; otherwise, as
// root, starts cupsd and stops it again when the last test file using it is done (test files
// run in parallel, so who uses it is kept in marker files under the system temp folder).
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, readdirSync, unlinkSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const SHARED = join(tmpdir(), 'faxbot-test-cupsd');
const STARTED = join(SHARED, 'started-pid');
const USERS = join(SHARED, 'users');

export const CUPS_PARTS = [
  '/usr/sbin/cupsd',
  '/usr/sbin/lpadmin',
  '/usr/bin/lpstat',
  '/usr/bin/lp',
  '/usr/lib/cups/backend/cups-pdf',
  '/usr/bin/pdfinfo',
];

export interface CupsSession {
  /** Why the tests cannot run here (and how to make them run), or null when CUPS is up. */
  skip: string | null;
  release(): Promise<void>;
}

/** Why real-CUPS tests cannot run on this machine, or null. */
export function cupsUnavailable(): string | null {
  const missing = CUPS_PARTS.filter((path) => !existsSync(path));
  if (missing.length)
    return `CUPS, cups-pdf or poppler-utils are missing (${missing.join(', ')}): apt-get install cups printer-driver-cups-pdf poppler-utils`;
  if (process.getuid?.() !== 0) return 'installing a printer writes /etc/cups, which needs root: run the tests as root (.ci/run does)';
  return null;
}

export async function schedulerRunning(): Promise<boolean> {
  try {
    const { stdout } = await run('lpstat', ['-r']);
    return /scheduler is running/.test(stdout);
  } catch {
    return false;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(what: string, check: () => boolean | Promise<boolean>, limitMs = 20_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function startedPid(): number | null {
  try {
    return Number(readFileSync(STARTED, 'utf8')) || null;
  } catch {
    return null;
  }
}

export async function useCups(): Promise<CupsSession> {
  const skip = cupsUnavailable();
  if (skip) return { skip, release: async () => undefined };
  mkdirSync(USERS, { recursive: true });
  const marker = join(USERS, String(process.pid));
  closeSync(openSync(marker, 'w'));
  if (!(await schedulerRunning())) {
    const stale = startedPid();
    if (stale !== null && !alive(stale)) unlinkSync(STARTED);
    let claim: number | null = null;
    try {
      claim = openSync(STARTED, 'wx');
    } catch {
      // another test file is starting it; wait below
    }
    if (claim !== null) {
      // Detached, so it outlives this worker when another test file still needs it.
      const cupsd = spawn('/usr/sbin/cupsd', ['-f'], { detached: true, stdio: 'ignore' });
      cupsd.unref();
      writeSync(claim, String(cupsd.pid));
      closeSync(claim);
    }
    await until('cupsd answers', schedulerRunning);
  }
  return { skip: null, release: () => release(marker) };
}

async function release(marker: string): Promise<void> {
  unlinkSync(marker);
  const others = readdirSync(USERS).filter((name) => alive(Number(name)));
  const pid = startedPid();
  if (others.length || pid === null) return;
  unlinkSync(STARTED);
  if (!alive(pid)) return;
  process.kill(pid, 'SIGTERM');
  await until('cupsd has stopped', () => !alive(pid));
}
