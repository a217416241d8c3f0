// Moving the documents between storage backends, as the engine runs it: progress goes to the
// windows, and every finished move (done, canceled or failed) is audited.
import { recordStorageMigrated, type AuditLog } from './audit';
import { StorageMover, type StorageMoverOptions } from './storage';

export function openStorageMover(
  options: Pick<StorageMoverOptions, 'db' | 'router' | 'logger' | 'onProgress'> & { auditLog: AuditLog },
): StorageMover {
  const { auditLog, ...mover } = options;
  return new StorageMover({
    ...mover,
    onFinished: (move) =>
      recordStorageMigrated(auditLog, {
        actor: 'faxbot',
        moveId: move.moveId,
        toBackend: move.to,
        outcome: move.state,
        moved: move.done,
        total: move.total,
        bytes: move.bytes,
        failedDocument: move.failure?.documentId,
      }),
  });
}
