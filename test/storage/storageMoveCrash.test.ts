// Kill a real engine process at each step of moving a document to S3 (s3rver on 127.0.0.1,
// owned by this test so it outlives the child), start it again, and check that every
// document ends in S3 exactly once, reads back the same, and none is left on this computer.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runTs } from '../support/childProcess';
import { startFakeS3, type FakeS3 } from '../support/s3rver';
import { documentRows, localDocumentIds, s3DocumentIds, s3Env } from './storageMoveSetup';

const CHILD = 'test/storage/storageMoveCrashChild.ts';
const DOCUMENTS = 3;

let s3: FakeS3;
beforeEach(async () => {
  s3 = await startFakeS3();
});
afterEach(async () => {
  await s3.close();
});

function child(command: string, dataDir: string, backend: 'local' | 's3', extra: Record<string, string> = {}) {
  return runTs(CHILD, [command, String(DOCUMENTS)], {
    FAX_DATA_DIR: dataDir,
    FAXBOT_TEST_STORAGE_ENV: JSON.stringify(s3Env(s3, backend)),
    ...extra,
  });
}

const lastMove = (stdout: string) =>
  JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as { move?: { state: string; done: number; total: number } };

describe('crash safety of a storage move', () => {
  // What the first document's row holds when the process dies at each point.
  const midwayRow = {
    'storage-move-copied': { backend: 'local', moving_to: 's3', left_in: null },
    'storage-move-verified': { backend: 'local', moving_to: 's3', left_in: null },
    'storage-move-flipped': { backend: 's3', moving_to: null, left_in: 'local' },
  };
  for (const point of Object.keys(midwayRow) as (keyof typeof midwayRow)[]) {
    it(`moves every document exactly once after a crash at ${point}`, async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'faxbot-move-crash-'));
      const seeded = await child('seed', dataDir, 'local');
      expect(seeded.code, seeded.stderr).toBe(0);
      const ids = documentRows(dataDir).map((r) => r.id);
      expect(ids).toHaveLength(DOCUMENTS);

      const crashed = await child('move', dataDir, 's3', { FAXBOT_FAULT_POINT: point });
      expect(crashed.signal, `the move should die at ${point}: ${crashed.stderr}`).toBe('SIGKILL');
      // Killed mid-document: that document is still readable where its row says.
      const midway = documentRows(dataDir);
      // The copy exists in both places at each point; the row decides which one is read.
      const caught = midway.filter((r) => r.moving_to !== null || r.left_in !== null);
      expect(caught).toHaveLength(1);
      expect(caught[0]).toMatchObject(midwayRow[point]);
      expect(localDocumentIds(dataDir)).toContain(caught[0].id);
      expect(await s3DocumentIds(s3)).toContain(caught[0].id);
      for (const row of midway) {
        if (row.backend === 'local') expect(localDocumentIds(dataDir)).toContain(row.id);
        else expect(await s3DocumentIds(s3)).toContain(row.id);
      }

      const resumed = await child('resume', dataDir, 's3');
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(lastMove(resumed.stdout).move).toMatchObject({ state: 'moved', done: DOCUMENTS, total: DOCUMENTS });
      for (const row of documentRows(dataDir)) expect(row).toMatchObject({ backend: 's3', moving_to: null, left_in: null });
      expect(await s3DocumentIds(s3)).toEqual([...ids].sort());
      expect(localDocumentIds(dataDir)).toEqual([]);

      // Each document reads back as stored: the resumed engine checks every hash again.
      const verified = await child('verify', dataDir, 's3');
      expect(verified.code, verified.stderr).toBe(0);
      expect(JSON.parse(verified.stdout.trim().split('\n').pop()!)).toEqual({ verified: DOCUMENTS });
    }, 60_000);
  }
});
