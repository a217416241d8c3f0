// A document the store cannot delete (a locked file, an unreachable bucket) stays marked and
// pending: the sweep counts it as failed, logs it, and the next sweep deletes it.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../main/engine/database';
import { createLogger } from '../../main/engine/log';
import { RetentionSettingsStore, RetentionSweeper } from '../../main/engine/retention';
import { LocalDocumentStore } from '../../main/engine/storage';
import { DAY_MS, documentFileExists, newDataDir } from './retentionHarness';

let db: Db | null = null;
afterEach(() => {
  db?.close();
  db = null;
});

describe('a document that cannot be deleted', () => {
  it('is counted as failed, stays marked, and goes at the next sweep', async () => {
    const dataDir = newDataDir();
    db = openDatabase({ dataDir });
    const store = new LocalDocumentStore(dataDir, Buffer.alloc(32, 1));
    const documentId = randomUUID();
    await store.put(documentId, new TextEncoder().encode('%PDF-1.4 a received fax'));
    const longAgo = new Date(Date.now() - 100 * DAY_MS).toISOString();
    db.prepare(
      `INSERT INTO documents (id, kind, file_name, pages, bytes, sha256, staged, created_at) VALUES (?, 'pdf', 'fax.pdf', 1, 24, 'x', 0, ?)`,
    ).run(documentId, longAgo);
    db.prepare(
      `INSERT INTO inbound_faxes (id, from_number, to_number, pages, received_at, provider, provider_fax_id, document_id) VALUES ('fax-1', '+12025550143', '+12025550177', 1, ?, 'seed', 'p1', ?)`,
    ).run(longAgo, documentId);
    const settings = new RetentionSettingsStore(db, { INBOUND_RETENTION_DAYS: '30' });
    let refuse = true;
    const logLines: string[] = [];
    const sweeper = new RetentionSweeper({
      db,
      settings,
      deleteDocument: async (id) => {
        if (refuse) throw new Error('EBUSY: the file is locked by another program');
        await store.delete(id);
      },
      now: () => new Date(),
      intervalMs: 60_000,
      logger: createLogger({ level: 'info', write: (line) => logLines.push(line) }),
      onExpired: () => undefined,
      onSwept: () => undefined,
    });
    try {
      expect(await sweeper.sweep()).toMatchObject({ deleted: 0, failed: 1 });
      expect(documentFileExists(dataDir, documentId)).toBe(true);
      // Marked all the same: the Inbox already says why it cannot be opened.
      expect(db.prepare('SELECT expired_at IS NOT NULL AS marked, expired_removed_at FROM documents WHERE id = ?').get(documentId)).toEqual(
        { marked: 1, expired_removed_at: null },
      );
      expect(logLines.some((line) => line.includes('ERROR') && line.includes('could not delete an expired document'))).toBe(true);

      refuse = false;
      expect(await sweeper.sweep()).toMatchObject({ deleted: 1, failed: 0 });
      expect(documentFileExists(dataDir, documentId)).toBe(false);
      expect(settings.lastSweep()).toMatchObject({ deleted: 1, failed: 0 });
    } finally {
      await sweeper.stop();
    }
  });
});
