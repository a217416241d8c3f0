// Switching storage backend and moving documents between this computer and S3 (s3rver on
// 127.0.0.1), through a real engine: old documents stay readable where they are, a move is
// verified by hash, and a failing document stops it with that document named.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEngine, type Harness } from '../support/engineHarness';
import { startFakeS3, type FakeS3 } from '../support/s3rver';
import { auditActions, documentRows, localDocumentIds, s3DocumentIds, s3Env, watchMoves } from './storageMoveSetup';

let s3: FakeS3;
let harness: Harness | null = null;
beforeEach(async () => {
  s3 = await startFakeS3();
});
afterEach(async () => {
  await harness?.close();
  harness = null;
  await s3.close();
});

async function restart(env: Record<string, string>): Promise<Harness> {
  const dataDir = harness!.dataDir;
  await harness!.close();
  harness = await startEngine({ env }, dataDir);
  return harness;
}

/** Stages `count` one-page documents; answers their ids and the SHA-256 of each stored PDF. */
async function stageDocuments(count: number): Promise<Map<string, string>> {
  const hashes = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    const id = await harness!.stagePdf(1, `letter-${i}.pdf`);
    const stored = await harness!.engine.call('getStagedDocument', { documentId: id });
    hashes.set(id, createHash('sha256').update(Buffer.from(stored.pdfBase64, 'base64')).digest('hex'));
  }
  return hashes;
}

async function hashOfStaged(id: string): Promise<string> {
  const stored = await harness!.engine.call('getStagedDocument', { documentId: id });
  return createHash('sha256').update(Buffer.from(stored.pdfBase64, 'base64')).digest('hex');
}

const countsOf = async () =>
  Object.fromEntries((await harness!.engine.call('getStorageStatus', {})).documents.map((d) => [d.backend, d.count]));

describe('switching the storage backend', () => {
  it('leaves documents stored on this computer readable after STORAGE_BACKEND=s3, and stores new ones in S3', async () => {
    harness = await startEngine({ env: s3Env(s3, 'local') });
    const before = await stageDocuments(2);
    await restart(s3Env(s3, 's3'));
    for (const [id, hash] of before) expect(await hashOfStaged(id)).toBe(hash);
    const [newId] = (await stageDocuments(1)).keys();
    expect(await s3DocumentIds(s3)).toEqual([newId]);
    expect(localDocumentIds(harness.dataDir)).toEqual([...before.keys()].sort());
    const status = await harness.engine.call('getStorageStatus', {});
    expect(status.current).toBe('s3');
    expect(status.configured).toEqual(['s3', 'local']);
    expect(await countsOf()).toEqual({ local: 2, s3: 1 });
    expect(status.move).toBeNull();
  });

  it('says a document is in S3 and what to set when S3 is no longer configured, never "not found"', async () => {
    harness = await startEngine({ env: s3Env(s3, 's3') });
    const [id] = (await stageDocuments(1)).keys();
    await restart({});
    await expect(harness.engine.call('getStagedDocument', { documentId: id })).rejects.toMatchObject({
      code: 'storage_error',
      message: expect.stringMatching(/stored in S3.*S3_BUCKET/s),
    });
    const status = await harness.engine.call('getStorageStatus', {});
    expect(status.configured).toEqual(['local']);
    expect(status.documents).toContainEqual({ backend: 's3', count: 1, configured: false });
  });

  it('refuses to start with STORAGE_BACKEND set to something else, or s3 without a bucket, in words', async () => {
    harness = await startEngine({ env: s3Env(s3, 'local') });
    const dataDir = harness.dataDir;
    await harness.close();
    harness = null;
    await expect(startEngine({ env: { STORAGE_BACKEND: 'ftp' } }, dataDir)).rejects.toThrow(/STORAGE_BACKEND=ftp .*local .*s3/);
    await expect(startEngine({ env: { STORAGE_BACKEND: 's3' } }, dataDir)).rejects.toThrow(/S3_BUCKET/);
  });
});

describe('moving documents between backends', () => {
  it('moves every document to S3, each verified by hash, leaves none on this computer, and audits the move', async () => {
    harness = await startEngine({ env: s3Env(s3, 'local') });
    const docs = await stageDocuments(5);
    await restart(s3Env(s3, 's3'));
    const moves = watchMoves(harness.engine);
    const started = await harness.engine.call('startStorageMove', { to: 's3' });
    expect(started).toMatchObject({ to: 's3', state: 'running', total: 5 });
    const end = await moves.ended();
    expect(end).toMatchObject({ state: 'moved', done: 5, total: 5, failure: null });
    expect(end.bytes).toBeGreaterThan(0);
    // Progress counted up one document at a time.
    expect(moves.seen.filter((p) => p.state === 'running').map((p) => p.done)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(localDocumentIds(harness.dataDir)).toEqual([]);
    expect(await s3DocumentIds(s3)).toEqual([...docs.keys()].sort());
    for (const row of documentRows(harness.dataDir)) expect(row).toMatchObject({ backend: 's3', moving_to: null, left_in: null });
    for (const [id, hash] of docs) expect(await hashOfStaged(id)).toBe(hash);
    expect(await countsOf()).toEqual({ s3: 5, local: 0 });
    expect(auditActions(harness.dataDir, 'storage_migrated')).toEqual([
      { target: String(started.moveId), details: expect.objectContaining({ toBackend: 's3', outcome: 'moved', moved: 5 }) },
    ]);
  });

  it('keeps counting right when a document is removed during the move, and leaves no copy of it anywhere', async () => {
    harness = await startEngine({ env: s3Env(s3, 'local') });
    const docs = [...(await stageDocuments(4)).keys()];
    await restart(s3Env(s3, 's3'));
    const moves = watchMoves(harness.engine);
    let removed: string | null = null;
    moves.onProgress((progress) => {
      if (removed || progress.state !== 'running' || progress.done !== 1) return;
      // The last one still on this computer is removed from the Send screen meanwhile.
      removed = documentRows(harness!.dataDir)
        .filter((r) => r.backend === 'local')
        .pop()!.id;
      void harness!.engine.call('discardStagedDocument', { documentId: removed });
    });
    await harness.engine.call('startStorageMove', { to: 's3' });
    expect(await moves.ended()).toMatchObject({ state: 'moved', done: 3, total: 3 });
    expect(removed).not.toBeNull();
    const kept = docs.filter((id) => id !== removed).sort();
    expect(await s3DocumentIds(s3)).toEqual(kept);
    expect(localDocumentIds(harness.dataDir)).toEqual([]);
  });

  it('skips documents the retention sweep expired: their pages are gone, only their row is kept', async () => {
    harness = await startEngine({ env: s3Env(s3, 'local') });
    const docs = [...(await stageDocuments(3)).keys()];
    const expired = docs[1];
    const dataDir = harness.dataDir;
    await harness.close();
    // What the sweep leaves: the row marked, the bytes deleted.
    const db = new Database(join(dataDir, 'faxbot.sqlite'));
    db.prepare('UPDATE documents SET expired_at = ?, expired_after_days = 30, expired_removed_at = ? WHERE id = ?').run(
      new Date().toISOString(),
      new Date().toISOString(),
      expired,
    );
    db.close();
    rmSync(join(dataDir, 'documents', `${expired}.bin`));
    harness = await startEngine({ env: s3Env(s3, 's3') }, dataDir);
    expect(await countsOf()).toEqual({ s3: 0, local: 2 });
    const moves = watchMoves(harness.engine);
    await harness.engine.call('startStorageMove', { to: 's3' });
    expect(await moves.ended()).toMatchObject({ state: 'moved', done: 2, total: 2 });
    expect(await s3DocumentIds(s3)).toEqual(docs.filter((id) => id !== expired).sort());
  });

  it('moves documents back to this computer', async () => {
    harness = await startEngine({ env: s3Env(s3, 's3') });
    const docs = await stageDocuments(3);
    await restart(s3Env(s3, 'local'));
    const moves = watchMoves(harness.engine);
    await harness.engine.call('startStorageMove', { to: 'local' });
    expect(await moves.ended()).toMatchObject({ state: 'moved', done: 3 });
    expect(await s3DocumentIds(s3)).toEqual([]);
    expect(localDocumentIds(harness.dataDir)).toEqual([...docs.keys()].sort());
    for (const [id, hash] of docs) expect(await hashOfStaged(id)).toBe(hash);
  });

  it('stops at a damaged document, names it, and leaves every document readable where it is', async () => {
    harness = await startEngine({ env: s3Env(s3, 'local') });
    const docs = await stageDocuments(4);
    const damaged = [...docs.keys()][2];
    const path = join(harness.dataDir, 'documents', `${damaged}.bin`);
    await restart(s3Env(s3, 's3'));
    const bytes = readFileSync(path);
    bytes[bytes.length - 20] ^= 0x01;
    writeFileSync(path, bytes);
    const moves = watchMoves(harness.engine);
    await harness.engine.call('startStorageMove', { to: 's3' });
    const end = await moves.ended();
    expect(end.state).toBe('failed');
    expect(end.failure?.documentId).toBe(damaged);
    expect(end.failure?.message).toMatch(new RegExp(`stopped at document ${damaged}.*damaged.*press Move again`, 's'));
    const rows = documentRows(harness.dataDir);
    // S3 answered, so no partial copy and no mark are left for the damaged document.
    expect(rows.find((r) => r.id === damaged)).toMatchObject({ backend: 'local', moving_to: null });
    expect(await s3DocumentIds(s3)).not.toContain(damaged);
    for (const [id, hash] of docs) if (id !== damaged) expect(await hashOfStaged(id)).toBe(hash);
    // Nothing is in two places or none: each document is where its row says, and only there.
    for (const row of rows) {
      expect(localDocumentIds(harness.dataDir).includes(row.id)).toBe(row.backend === 'local');
      expect((await s3DocumentIds(s3)).includes(row.id)).toBe(row.backend === 's3');
    }
    expect(auditActions(harness.dataDir, 'storage_migrated')[0].details).toMatchObject({ outcome: 'failed', failedDocument: damaged });
  });

  it('stops when S3 cannot be reached, naming the document, and keeps every document on this computer', async () => {
    harness = await startEngine({ env: s3Env(s3, 'local') });
    const docs = await stageDocuments(2);
    await s3.close();
    await restart(s3Env(s3, 'local'));
    const moves = watchMoves(harness.engine);
    await harness.engine.call('startStorageMove', { to: 's3' });
    const end = await moves.ended();
    expect(end).toMatchObject({ state: 'failed', done: 0 });
    expect(docs.has(end.failure!.documentId)).toBe(true);
    expect(end.failure!.message).toMatch(/stopped at document/);
    for (const [id, hash] of docs) expect(await hashOfStaged(id)).toBe(hash);
    expect(localDocumentIds(harness.dataDir)).toEqual([...docs.keys()].sort());
    // The document it stopped on keeps its mark: S3 could not be asked to drop a partial copy.
    expect(documentRows(harness.dataDir).find((r) => r.id === end.failure!.documentId)).toMatchObject({
      backend: 'local',
      moving_to: 's3',
    });
    s3 = await startFakeS3(); // for afterEach
  });

  it('cancels after the document it is on: what moved is in S3, the rest on this computer, none in both', async () => {
    harness = await startEngine({ env: s3Env(s3, 'local') });
    const docs = await stageDocuments(6);
    await restart(s3Env(s3, 's3'));
    const moves = watchMoves(harness.engine);
    let canceled = false;
    moves.onProgress((progress) => {
      if (canceled || progress.state !== 'running' || progress.done !== 2) return;
      canceled = true;
      void harness!.engine.call('cancelStorageMove', {});
    });
    await harness.engine.call('startStorageMove', { to: 's3' });
    const end = await moves.ended();
    expect(end).toMatchObject({ state: 'canceled', done: 2, total: 6 });
    expect((await s3DocumentIds(s3)).length).toBe(2);
    expect(localDocumentIds(harness.dataDir).length).toBe(4);
    for (const [id, hash] of docs) expect(await hashOfStaged(id)).toBe(hash);
    expect(await countsOf()).toEqual({ s3: 2, local: 4 });
    // Moving again picks up the rest.
    await harness.engine.call('startStorageMove', { to: 's3' });
    expect(await moves.ended()).toMatchObject({ state: 'moved', done: 4, total: 4 });
    expect(await countsOf()).toEqual({ s3: 6, local: 0 });
  });
});
