// Named points where a crash test may kill the process (FAXBOT_FAULT_POINT), to prove a send
// survives a crash at each step. Unset in normal use: then this is a no-op.
export type FaultPoint =
  | 'job-created'
  | 'attempt-committed'
  | 'provider-accepted'
  | 'provider-id-committed'
  | 'provider-final-event'
  // Moving a document between storage backends (storage/storageMove.ts).
  | 'storage-move-copied'
  | 'storage-move-verified'
  | 'storage-move-flipped';

export function faultPoint(point: FaultPoint, env: Readonly<Record<string, string | undefined>> = process.env): void {
  if (env.FAXBOT_FAULT_POINT === point) {
    process.stderr.write(`fault injection: killing the process at ${point}\n`);
    process.kill(process.pid, 'SIGKILL');
  }
}
