// The crash test: a child process writes the plugin config in a loop and is
// SIGKILLed at random moments, hundreds of times. After every kill the file must exist,
// be valid JSON that passes the same checks as a write, and be exactly a version that was
// being written (the last finished one, or the one in progress). The child is bundled once
// with esbuild (tsx's own compiler) so each start costs Node's start-up, not a compile.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../main/engine/log';
import { PluginCatalog, PluginConfigStore, parsePluginConfig } from '../../main/engine/plugins';
import { versionOf } from './configVersions';

const ROOT = resolve(import.meta.dirname, '..', '..');
const REGISTRY = join(ROOT, 'config', 'plugin_registry.json');
// 200 kills keep CI quick; FAXBOT_CONFIG_CRASH_KILLS=2000 runs the long version.
const KILLS = Math.max(2, Number(process.env.FAXBOT_CONFIG_CRASH_KILLS ?? 200));
// Two writers at once, on their own files: the machine has two cores.
const CHAINS = 2;
// A kill tests the rename, not the fsyncs (those are for power cuts), and on a disk four
// fsyncs a write allow about 50 writes a second: on Linux the files go to memory (tmpfs).
const SCRATCH = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();

let folder: string;
let bundle: string;
beforeAll(() => {
  folder = mkdtempSync(join(SCRATCH, 'faxbot-config-crash-'));
  bundle = join(folder, 'writer.cjs');
  buildSync({
    entryPoints: [join(import.meta.dirname, 'configWriterChild.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: bundle,
    logLevel: 'error',
  });
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Starts the writer and SIGKILLs it once it has finished `writes` versions; resolves with what it announced. */
function writeUntilKilled(
  path: string,
  first: number,
  writes: number,
): Promise<{ lastDone: number; lastStarted: number; signal: string | null }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [bundle, path, REGISTRY, String(first)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let lastDone = first - 1;
    let lastStarted = first - 1;
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const lines = out.split('\n');
      out = lines.pop()!;
      for (const line of lines) {
        const [word, k] = line.split(' ');
        if (word === 'start') lastStarted = Number(k);
        if (word === 'done') lastDone = Number(k);
      }
      if (lastDone - first + 1 >= writes) child.kill('SIGKILL');
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', fail);
    child.on('close', (_code, signal) => {
      if (signal !== 'SIGKILL') fail(new Error(`the writer stopped by itself: ${err}`));
      // Lines still in the pipe when it died: a started line without its done is the write in progress.
      for (const line of out.split('\n')) if (line.startsWith('start ')) lastStarted = Number(line.slice(6));
      done({ lastDone, lastStarted, signal });
    });
  });
}

/** One writer's file, killed `kills` times; returns how many writes were started. */
async function killRepeatedly(path: string, kills: number, check: PluginConfigStore): Promise<number> {
  let next = 1;
  let previous = 0;
  for (let round = 1; round <= kills; round++) {
    const { lastDone, lastStarted } = await writeUntilKilled(path, next, 1 + Math.floor(Math.random() * 60));
    const parsed = parsePluginConfig(readFileSync(path, 'utf8'), path);
    if ('problem' in parsed) throw new Error(`after kill ${round}: ${parsed.problem}`);
    // The same checks a write runs (schemas, slots): it throws if the file does not pass them.
    check.write(parsed.file);
    const k = versionOf(parsed.file);
    expect(k, `after kill ${round} the file is none of the versions written`).not.toBeNull();
    // The last finished version, or the one being written when the kill came; never older.
    expect(k!).toBeGreaterThanOrEqual(Math.max(lastDone, previous));
    expect(k!).toBeLessThanOrEqual(lastStarted);
    previous = k!;
    next = lastStarted + 1;
  }
  return next - 1;
}

describe('the plugin config file under SIGKILL', () => {
  it(
    `is always whole and valid, and one of the versions written, after ${KILLS} kills mid-write`,
    { timeout: Math.max(240_000, KILLS * 1_000) },
    async () => {
      const check = new PluginConfigStore({ path: join(folder, 'check', 'faxbot.config.json'), backups: 0 });
      new PluginCatalog({
        registryPath: REGISTRY,
        env: {},
        store: check,
        secrets: { get: () => null, set: () => undefined },
        logger: createLogger({ level: 'error' }),
      });
      const paths = Array.from({ length: CHAINS }, (_, i) => join(folder, `writer${i}`, 'faxbot.config.json'));
      const writes = await Promise.all(paths.map((path) => killRepeatedly(path, KILLS / CHAINS, check)));
      for (const path of paths) {
        // Every kept backup is a whole version too, and a new store sweeps the temp files a kill left.
        const store = new PluginConfigStore({ path, backups: 5 });
        expect(store.problem).toBeNull();
        expect(store.backups()).toHaveLength(5);
        for (const backup of store.backups()) {
          const parsed = parsePluginConfig(readFileSync(join(path, '..', backup.id), 'utf8'), backup.id);
          expect('file' in parsed && versionOf(parsed.file)).not.toBeNull();
        }
        expect(readdirSync(join(path, '..')).filter((name) => name.endsWith('.tmp'))).toEqual([]);
      }
      const total = writes.reduce((a, b) => a + b, 0);
      expect(total).toBeGreaterThan(KILLS * 10);
      console.info(`config crash test: ${KILLS} kills, ${total} writes started`);
    },
  );
});
