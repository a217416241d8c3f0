// Points where the stress test may kill the process (FAXBOT_FAULT_POINT), as main/engine/faults.ts
// does for sends: after the rename into processing/ but before the row says so, and after a
// document is staged but before it is queued.
export type HotFolderFaultPoint = 'hotfolder-renamed' | 'hotfolder-staged';

export function hotFolderFault(point: HotFolderFaultPoint, env: Readonly<Record<string, string | undefined>>): void {
  if (env.FAXBOT_FAULT_POINT === point) {
    process.stderr.write(`fault injection: killing the process at ${point}\n`);
    process.kill(process.pid, 'SIGKILL');
  }
}
