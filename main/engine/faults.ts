// Named points where a crash test may kill the process (FAXBOT_FAULT_POINT), to prove a send
// survives a crash at each step. Unset in normal use: then this is a no-op.
export type FaultPoint =
  | 'job-created'
  | 'attempt-committed'
  | 'provider-accepted'
  | 'provider-id-committed'
  | 'provider-final-event'
  // Right after a job's final status (and, since it is one transaction, its audit entry) committed.
  | 'job-finished-committed'
  // Right after a received fax's Inbox row (and its audit entry) committed.
  | 'fax-received-committed'
  // Moving a document between storage backends (storage/storageMove.ts).
  | 'storage-move-copied'
  | 'storage-move-verified'
  | 'storage-move-flipped'
  // The watched folder (hotfolder/): after the rename into processing/ but before the row
  // says so, and after a document is staged but before it is queued.
  | 'hotfolder-renamed'
  | 'hotfolder-staged'
  // A retention sweep between marking documents expired and deleting them (retention/).
  | 'retention-marked'
  // Inside an import's transaction, after its contacts are written and before it commits (contacts/).
  | 'contacts-import-written'
  // A send's fan-out (sends/): inside its transaction, every job and entry written but not committed; and just after the commit.
  | 'send-fanout-written'
  | 'send-created';

let enabled = true;

/**
 * Turns every fault point into a no-op for the rest of the process, whatever
 * FAXBOT_FAULT_POINT says. The packaged app calls it first thing (the engine cannot ask
 * Electron whether it is packaged), so an environment variable can never kill a real install.
 */
export function disableFaultPoints(): void {
  enabled = false;
}

export function faultPointsEnabled(): boolean {
  return enabled;
}

export function faultPoint(point: FaultPoint, env: Readonly<Record<string, string | undefined>> = process.env): void {
  if (enabled && env.FAXBOT_FAULT_POINT === point) {
    process.stderr.write(`fault injection: killing the process at ${point}\n`);
    process.kill(process.pid, 'SIGKILL');
  }
}
