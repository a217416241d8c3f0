// Moving one document between backends, in steps that each survive a crash:
//   1. mark the row `moving_to` (a copy may now exist there)
//   2. copy, hashing the source's plaintext on the way, and refuse a source that does not
//      match the hash recorded when it was stored
//   3. read the copy back and compare its hash
//   4. flip the row to the new backend, noting the old one in `left_in` (one transaction,
//      with the move's counters)
//   5. delete the old copy and clear `left_in`
// A crash after 1–3 leaves the row on the old backend (still readable there); the next pass
// re-verifies the copy it finds. A crash after 4 leaves `left_in`, which is deleted on resume.
import { createHash } from 'node:crypto';
import { FaxError } from '../../../shared/errors';
import type { Db } from '../database';
import { faultPoint } from '../faults';
import { backendLabel, backendPlace, type StorageRouter } from './storageRouter';
import type { DocumentStore } from './types';

export interface DocumentToMove {
  id: string;
  backend: string;
  sha256: string;
  bytes: number;
}

/** The SHA-256 of a stored document's plaintext, read as a stream. */
async function hashOf(store: DocumentStore, documentId: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of await store.getStream(documentId)) hash.update(chunk as Uint8Array);
  return hash.digest('hex');
}

/** Passes the source through unchanged, hashing it; `digest()` is ready once it has been read. */
function hashingPassThrough(source: AsyncIterable<Uint8Array>) {
  const hash = createHash('sha256');
  let digest: string | null = null;
  async function* pass() {
    for await (const chunk of source) {
      hash.update(chunk);
      yield chunk;
    }
    digest = hash.digest('hex');
  }
  return { stream: pass(), digest: () => digest };
}

/**
 * Moves one document to `to`. Answers false when the document went away meanwhile (deleted
 * by the Inbox or a purge): then nothing is left behind in `to` either.
 */
export async function moveOneDocument(
  db: Db,
  router: StorageRouter,
  doc: DocumentToMove,
  to: string,
  env?: Readonly<Record<string, string | undefined>>,
): Promise<boolean> {
  const source = router.storeOf(doc.backend, doc.id);
  const target = router.storeOf(to);
  const marked = db
    .prepare('UPDATE documents SET moving_to = ? WHERE id = ? AND backend = ? AND expired_at IS NULL')
    .run(to, doc.id, doc.backend);
  if (marked.changes === 0) return false;

  // A copy made before a crash is kept if it verifies; otherwise it is made again.
  const alreadyThere = (await target.has(doc.id)) && (await hashOf(target, doc.id).catch(() => null)) === doc.sha256;
  if (!alreadyThere) {
    const copy = hashingPassThrough(await source.getStream(doc.id));
    await target.putStream(doc.id, copy.stream);
    if (copy.digest() !== doc.sha256) {
      await target.delete(doc.id).catch(() => undefined);
      throw new FaxError(
        'storage_error',
        `The document ${doc.id} ${backendPlace(doc.backend)} is not the document that was stored (its SHA-256 differs from the one recorded), so it was not moved. Restore the data folder from a backup, or delete the fax it belongs to.`,
      );
    }
    faultPoint('storage-move-copied', env);
    const copied = await hashOf(target, doc.id);
    if (copied !== doc.sha256) {
      throw new FaxError(
        'storage_error',
        `The copy of document ${doc.id} ${backendPlace(to)} did not read back the same (SHA-256 differs). The original is untouched ${backendPlace(doc.backend)}; check ${backendLabel(to)} and press Move again.`,
      );
    }
  }
  faultPoint('storage-move-verified', env);

  const flipped = db.transaction(() => {
    const changed = db
      .prepare('UPDATE documents SET backend = ?, moving_to = NULL, left_in = ? WHERE id = ? AND backend = ? AND expired_at IS NULL')
      .run(to, doc.backend, doc.id, doc.backend).changes;
    if (changed) db.prepare('UPDATE storage_moves SET moved = moved + 1, bytes = bytes + ? WHERE finished_at IS NULL').run(doc.bytes);
    return changed === 1;
  })();
  if (!flipped) {
    // The row was deleted (or expired by retention) while we copied: the copy belongs to nothing.
    await target.delete(doc.id);
    return false;
  }
  faultPoint('storage-move-flipped', env);
  await deleteLeftCopy(db, router, doc.id, doc.backend);
  return true;
}

/** Step 5, also run on resume for every row a crash left with `left_in`. */
export async function deleteLeftCopy(db: Db, router: StorageRouter, documentId: string, leftIn: string): Promise<void> {
  await router.storeOf(leftIn, documentId).delete(documentId);
  db.prepare('UPDATE documents SET left_in = NULL WHERE id = ? AND left_in = ?').run(documentId, leftIn);
}
