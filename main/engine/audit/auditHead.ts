// The chain's head, kept outside the database: the last entry's number and hash, in a small
// 0600 file in the data folder, replaced atomically after each entry is committed. Removing
// the newest entries leaves the chain itself intact, so only something outside the table can
// say that entries after #N are gone.
import { readFileSync } from 'node:fs';
import { writeFileAtomic, writeFileAtomicAsync } from '../atomicFile';
import { join } from 'node:path';

export const AUDIT_HEAD_FILE = 'audit.head';

export interface AuditHead {
  seq: number;
  hash: string;
}

/** The head of a log with no entries yet, written when a data folder is made. */
export const GENESIS_HEAD: AuditHead = { seq: 0, hash: '0'.repeat(64) };

export type HeadReading = { state: 'missing' } | { state: 'unreadable'; why: string } | { state: 'present'; head: AuditHead };

export function readAuditHead(dataDir: string): HeadReading {
  let text: string;
  try {
    text = readFileSync(join(dataDir, AUDIT_HEAD_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'missing' };
    return { state: 'unreadable', why: (error as Error).message };
  }
  try {
    const parsed = JSON.parse(text) as { seq?: unknown; hash?: unknown };
    if (
      Number.isSafeInteger(parsed.seq) &&
      (parsed.seq as number) >= 0 &&
      typeof parsed.hash === 'string' &&
      /^[0-9a-f]{64}$/.test(parsed.hash)
    ) {
      return { state: 'present', head: { seq: parsed.seq as number, hash: parsed.hash } };
    }
  } catch {
    // reported below
  }
  return { state: 'unreadable', why: 'it is not a head Faxbot wrote' };
}

/**
 * Written to a temporary file, flushed, then renamed over the old one: a crash leaves the
 * old head or the new one, never half of either. The entry is committed (synchronous=FULL)
 * before this runs, so the head never names an entry the database could lose. Off the event
 * loop: the flush to disk costs milliseconds.
 */
export async function writeAuditHeadAsync(dataDir: string, head: AuditHead): Promise<void> {
  await writeFileAtomicAsync(join(dataDir, AUDIT_HEAD_FILE), JSON.stringify({ seq: head.seq, hash: head.hash }));
}

/** The same, at once: for the genesis head and a deliberate re-anchor, which nothing may overtake. */
export function writeAuditHead(dataDir: string, head: AuditHead): void {
  writeFileAtomic(join(dataDir, AUDIT_HEAD_FILE), JSON.stringify({ seq: head.seq, hash: head.hash }));
}
