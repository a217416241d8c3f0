// Patient data is readable only by its owner: every file and folder Faxbot makes in its data
// folder is 0600/0700, SQLite's -wal and -shm included, from the first start, and an older
// folder made with the umask's 0644/0755 is repaired at start. Files that are not Faxbot's
// (Electron's own, in the app's user-data folder) are left as they are.
import { chmodSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startEngine } from '../support/engineHarness';

const LOOPBACK = '+12025550100';

function modes(dir: string, base = dir): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const info = statSync(path);
    out[path.slice(base.length + 1)] = (info.mode & 0o777).toString(8);
    if (info.isDirectory()) Object.assign(out, modes(path, base));
  }
  return out;
}

const notPrivate = (found: Record<string, string>, dataDir: string) =>
  Object.entries(found).filter(([path, mode]) => mode !== (statSync(join(dataDir, path)).isDirectory() ? '700' : '600'));

describe.skipIf(process.platform === 'win32')('the data folder’s file modes', () => {
  it('are owner-only for everything a working Faxbot made: databases with -wal/-shm, keys, documents, config, audit head, lock', async () => {
    const h = await startEngine();
    try {
      const job = await h.send(LOOPBACK, { pages: 2 });
      await h.waitForJob(job.id, (j) => j.status === 'delivered');
      await h.waitForInbound(() => true);
      await h.engine.call('createApiKey', { name: 'EHR', scopes: ['fax:send'] });
      const found = modes(h.dataDir);
      for (const expected of [
        'faxbot.sqlite',
        'faxbot.sqlite-wal',
        'faxbot.sqlite-shm',
        'simulator.sqlite',
        'documents',
        'audit.head',
        'faxbot.lock',
      ])
        expect(Object.keys(found), expected).toContain(expected);
      expect(statSync(h.dataDir).mode & 0o777).toBe(0o700);
      expect(notPrivate(found, h.dataDir)).toEqual([]);
    } finally {
      await h.close();
    }
  });

  it('repairs an older folder made with 0644 files and 0755 folders at start, and leaves files that are not Faxbot’s', async () => {
    const first = await startEngine();
    const job = await first.send('+12025550143');
    await first.waitForJob(job.id, (j) => j.status === 'delivered');
    const dataDir = first.dataDir;
    await first.close();
    chmodSync(dataDir, 0o755);
    for (const [path] of Object.entries(modes(dataDir))) {
      const full = join(dataDir, path);
      chmodSync(full, statSync(full).isDirectory() ? 0o755 : 0o644);
    }
    // What Electron keeps in the same user-data folder is not Faxbot's to change.
    mkdirSync(join(dataDir, 'Local Storage'));
    writeFileSync(join(dataDir, 'Preferences'), '{}', { mode: 0o644 });
    const again = await startEngine({}, dataDir);
    try {
      const found = modes(dataDir);
      const own = Object.fromEntries(Object.entries(found).filter(([path]) => !path.startsWith('Local Storage') && path !== 'Preferences'));
      expect(statSync(dataDir).mode & 0o777).toBe(0o700);
      expect(notPrivate(own, dataDir)).toEqual([]);
      expect(found.Preferences).toBe('644');
      expect(found['Local Storage']).toBe('755');
    } finally {
      await again.close();
    }
  });
});
