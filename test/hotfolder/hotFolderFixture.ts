// A real engine watching a temporary folder, with helpers that wait for what it announces
// (events) or for a file to land where the folder's rules say (state, checked as it changes).
import { mkdtempSync } from 'node:fs';
import { readdir, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine, loadConfig, type Engine } from '../../main/engine';
import type { EventName } from '../../shared/contract';
import type { FaxJob, HotFolderPickup, HotFolderQuestion, HotFolderStatus } from '../../shared/model';
import { testLogger } from '../support/testLog';

export const QUICK_WATCH_ENV = {
  FAXBOT_WATCH_POLL_MS: '50',
  FAXBOT_WATCH_SETTLE_MS: '300',
};

export interface WatchedEngine {
  engine: Engine;
  dataDir: string;
  folder: string;
  pickups: HotFolderPickup[];
  questions: HotFolderQuestion[];
  statuses: HotFolderStatus[];
  jobs: FaxJob[];
  /** Writes a complete file, then the producer's `.done` marker (the printer hook's protocol). */
  print(name: string, bytes: Uint8Array | string): Promise<void>;
  waitForEvent<T>(find: () => T | undefined, what: string, timeoutMs?: number): Promise<T>;
  /** Waits until `sub/` holds `name` (sent/, failed/ …). */
  waitForFile(sub: string, name: string, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startWatchedEngine(
  env: Record<string, string> = {},
  dirs: { dataDir?: string; folder?: string } = {},
): Promise<WatchedEngine> {
  const dataDir = dirs.dataDir ?? mkdtempSync(join(tmpdir(), 'faxbot-hot-data-'));
  const folder = dirs.folder ?? join(mkdtempSync(join(tmpdir(), 'faxbot-hot-')), 'Outbox');
  const config = loadConfig(
    { dataDir, simulatorTimeScale: 0.01, retryBaseMs: 20, webhookPort: 0 },
    { ...QUICK_WATCH_ENV, ...env, FAXBOT_WATCH_DIR: folder },
  );
  const engine = await createEngine({ config, logger: testLogger('error'), headless: true, watchFolder: true });
  const pickups: HotFolderPickup[] = [];
  const questions: HotFolderQuestion[] = [];
  const statuses: HotFolderStatus[] = [];
  const jobs: FaxJob[] = [];
  const waiters = new Set<() => void>();
  engine.on((event: EventName, payload) => {
    if (event === 'hotFolderPickup') pickups.push(payload as HotFolderPickup);
    if (event === 'hotFolderQuestion') questions.push(payload as HotFolderQuestion);
    if (event === 'hotFolderStatus') statuses.push(payload as HotFolderStatus);
    if (event === 'jobChanged') jobs.push(payload as FaxJob);
    for (const wake of waiters) wake();
  });
  const waitForEvent = <T>(find: () => T | undefined, what: string, timeoutMs = 15_000) =>
    new Promise<T>((resolve, reject) => {
      const check = () => {
        const found = find();
        if (found === undefined) return;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(found);
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`Timed out waiting for ${what}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });
  return {
    engine,
    dataDir,
    folder,
    pickups,
    questions,
    statuses,
    jobs,
    async print(name, bytes) {
      // Written under a hidden name and renamed in, as a careful producer does, then marked done.
      const hidden = join(folder, `.${name}.part`);
      await writeFile(hidden, bytes);
      await rename(hidden, join(folder, name));
      await writeFile(join(folder, `${name}.done`), '');
    },
    waitForEvent,
    async waitForFile(sub, name, timeoutMs = 15_000) {
      await waitForFolder(join(folder, sub), (names) => names.includes(name), `${sub}/${name}`, timeoutMs);
    },
    close: () => engine.close(),
  };
}

/** Waits until a folder's listing satisfies `done`, re-reading it as it changes. */
export async function waitForFolder(path: string, done: (names: string[]) => boolean, what: string, timeoutMs = 15_000): Promise<string[]> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const names = await readdir(path).catch(() => [] as string[]);
    if (done(names)) return names;
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}; the folder holds: ${names.join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
