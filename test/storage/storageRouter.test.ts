// The router over two backends (two encrypted local stores in different folders, a real
// SQLite file): reads follow the row, deletes leave no copy behind anywhere a move may have put one.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../main/engine/database';
import { LocalDocumentStore, StorageRouter } from '../../main/engine/storage';
import { randomBytes } from 'node:crypto';

const freshDir = () => mkdtempSync(join(tmpdir(), 'faxbot-router-'));
let db: Db | null = null;
afterEach(() => {
  db?.close();
  db = null;
});

function setUp(current: 'local' | 's3') {
  const dataDir = freshDir();
  db = openDatabase({ dataDir });
  const key = randomBytes(32);
  const local = new LocalDocumentStore(dataDir, key);
  const s3 = new LocalDocumentStore(freshDir(), key); // a second folder standing in for another backend
  const router = new StorageRouter(db, { local, s3 }, current);
  const insert = (id: string) =>
    db!
      .prepare(
        "INSERT INTO documents (id, kind, file_name, pages, bytes, sha256, staged, created_at) VALUES (?, 'pdf', 'a.pdf', 1, 3, '', 1, ?)",
      )
      .run(id, new Date().toISOString());
  return { db: db!, local, s3, router, insert };
}

describe('the storage router', () => {
  it('stores a new document in the current backend and stamps its row with it', async () => {
    const { router, insert, local, s3, db } = setUp('s3');
    await router.put('doc-1', new Uint8Array([1, 2, 3]));
    insert('doc-1');
    expect(db.prepare("SELECT backend FROM documents WHERE id = 'doc-1'").get()).toEqual({ backend: 's3' });
    expect(await s3.has('doc-1')).toBe(true);
    expect(await local.has('doc-1')).toBe(false);
    expect([...(await router.get('doc-1'))]).toEqual([1, 2, 3]);
  });

  it('reads a document from the backend its row names, even when another is current', async () => {
    const { router, insert, local, db } = setUp('s3');
    await local.put('old-1', new Uint8Array([9]));
    insert('old-1');
    db.prepare("UPDATE documents SET backend = 'local' WHERE id = 'old-1'").run();
    expect([...(await router.get('old-1'))]).toEqual([9]);
    expect(await router.has('old-1')).toBe(true);
  });

  it('deletes every copy a move may have left: where the row says, where it was going, where it was', async () => {
    const { router, insert, local, s3, db } = setUp('local');
    await local.put('doc-2', new Uint8Array([1]));
    await s3.put('doc-2', new Uint8Array([1]));
    insert('doc-2');
    db.prepare("UPDATE documents SET moving_to = 's3' WHERE id = 'doc-2'").run();
    await router.delete('doc-2');
    expect(await local.has('doc-2')).toBe(false);
    expect(await s3.has('doc-2')).toBe(false);
  });

  it('deletes a document whose row is already gone from every backend', async () => {
    const { router, local, s3 } = setUp('local');
    await local.put('doc-3', new Uint8Array([1]));
    await s3.put('doc-3', new Uint8Array([1]));
    await router.delete('doc-3');
    expect(await local.has('doc-3')).toBe(false);
    expect(await s3.has('doc-3')).toBe(false);
  });

  it('refuses an id that is not a document id, whichever backend', async () => {
    const { router } = setUp('local');
    for (const bad of ['../etc/passwd', '', 'a/b', 'x'.repeat(65)])
      await expect(router.get(bad)).rejects.toMatchObject({ code: 'invalid_input' });
  });
});
