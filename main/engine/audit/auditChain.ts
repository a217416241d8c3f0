// The hash chain, and the check `faxbot audit verify` and Settings → Audit run over it.
//
// What it detects: an entry edited in place; an entry removed from the start or the middle;
// the newest entries removed (the head file names an entry that is no longer there); the
// whole log rewritten from some point with fresh hashes, while the head still names the old
// last entry; hashes cleared; the head file removed or damaged while the log has entries (a
// data folder gets its head when it is made, so a missing head is never normal; only a
// person re-anchors, with `faxbot audit re-anchor`, which is recorded as its own entry).
// What it cannot detect: someone who rewrites the whole log and the head file together (the
// chain is unkeyed: anyone who can write both files can recompute every hash).
import { createHash } from 'node:crypto';
import type { Db } from '../database';
import { readAuditHead, AUDIT_HEAD_FILE } from './auditHead';

export interface ChainedFields {
  at: string;
  actor: string;
  action: string;
  target: string | null;
  details: string;
}

/** SHA-256 over the previous entry's hash and this entry's fields, unambiguously joined. */
export function chainHash(previous: string | null, fields: ChainedFields): string {
  return createHash('sha256')
    .update(JSON.stringify([previous ?? '', fields.at, fields.actor, fields.action, fields.target, fields.details]))
    .digest('hex');
}

export type AuditVerdict =
  { ok: true; entries: number; unchained: number } | { ok: false; entries: number; brokenAt: number; reason: string };

/**
 * Walks the log from the first entry, recomputing each hash from the one before, then holds
 * the last entry against the head kept in `dataDir`. Entries written before chaining existed
 * (hash NULL, all at the start) are counted, not checked.
 */
export function verifyAuditChain(db: Db, dataDir: string): AuditVerdict {
  // The head first: it is written after its entry commits, so the table read next holds that
  // entry even while Faxbot keeps writing (verify may run beside it).
  const reading = readAuditHead(dataDir);
  const rows = db.prepare('SELECT seq, at, actor, action, target, details, hash FROM audit_log ORDER BY seq').iterate() as IterableIterator<
    ChainedFields & { seq: number; hash: string | null }
  >;
  let previous: string | null = null;
  let entries = 0;
  let unchained = 0;
  let lastSeq = 0;
  const hashes = new Map<number, string>();
  const broken = (brokenAt: number, reason: string): AuditVerdict => ({ ok: false, entries, brokenAt, reason });
  for (const row of rows) {
    entries++;
    if (row.hash === null) {
      if (previous !== null)
        return broken(row.seq, `entry #${row.seq} has no hash after chained entries: it was added or altered outside Faxbot`);
      unchained++;
      lastSeq = row.seq;
      continue;
    }
    if (previous !== null && row.seq !== lastSeq + 1) return broken(lastSeq + 1, `entries #${lastSeq + 1} to #${row.seq - 1} are missing`);
    if (chainHash(previous, row) !== row.hash)
      return broken(row.seq, `entry #${row.seq} does not match its hash: it, or the entry before it, was changed or removed`);
    previous = row.hash;
    lastSeq = row.seq;
    // Only the newest hashes can be the head's; keep memory flat over a long log.
    hashes.set(row.seq, row.hash);
    if (hashes.size > 64) hashes.delete(row.seq - 64);
  }

  if (reading.state === 'unreadable')
    return broken(
      lastSeq + 1,
      `the head file ${AUDIT_HEAD_FILE} cannot be read (${reading.why}): entries after #${lastSeq} may have been removed`,
    );
  if (reading.state === 'missing') {
    // A data folder gets its head when it is made: a log with entries and no head lost it.
    if (entries === 0) return { ok: true, entries, unchained };
    return broken(
      lastSeq + 1,
      `the head file ${AUDIT_HEAD_FILE} is missing from the data folder, so removed newest entries cannot be ruled out: entries after #${lastSeq} may have been removed`,
    );
  }
  const { head } = reading;
  if (head.seq > lastSeq) {
    const gone = head.seq === lastSeq + 1 ? `entry #${head.seq}` : `entries #${lastSeq + 1} to #${head.seq}`;
    return broken(lastSeq + 1, `entries after #${lastSeq} were removed (${gone}: the head kept outside the database names #${head.seq})`);
  }
  const atHead =
    hashes.get(head.seq) ??
    (db.prepare('SELECT hash FROM audit_log WHERE seq = ?').get(head.seq) as { hash: string | null } | undefined)?.hash;
  if (head.seq > 0 && atHead !== head.hash) {
    return broken(head.seq, `entry #${head.seq} is not the one Faxbot last wrote there: the log was rewritten from that point or earlier`);
  }
  // Entries without a hash come only from before the chain, and the first head was written
  // after them: a head at or before them means their hashes were cleared.
  if (unchained > 0 && head.seq < unchained) {
    return broken(1, `entries #1 to #${unchained} have no hash, but the head names #${head.seq}: their hashes were cleared outside Faxbot`);
  }
  return { ok: true, entries, unchained };
}
