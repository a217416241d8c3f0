// Retention as the engine starts it: the settings (environment over Settings), the sweep's
// interval, and the sweeper, whose every deletion is audited before the windows hear of it.
import type { Db } from '../database';
import type { Logger } from '../log';
import { recordDocumentExpired, type AuditLog } from '../audit';
import { RetentionSettingsStore, sweepIntervalFromEnv } from './retentionSettings';
import { RetentionSweeper, type ExpiredDocument, type RetentionSweeperOptions } from './retentionSweep';

export interface RetentionDeps {
  db: Db;
  env: Readonly<Record<string, string | undefined>>;
  deleteDocument: (documentId: string) => Promise<void>;
  now: () => Date;
  auditLog: AuditLog;
  logger: Logger;
  /** After the audit entry: the windows drop the expired document. */
  onExpired: (expired: ExpiredDocument) => void;
  onSwept: RetentionSweeperOptions['onSwept'];
}

export interface Retention {
  settings: RetentionSettingsStore;
  sweeper: RetentionSweeper;
}

/** Builds retention; a bad retention variable is warned about, never a stop (the default applies). */
export function openRetention(deps: RetentionDeps): Retention {
  const settings = new RetentionSettingsStore(deps.db, deps.env);
  const sweepInterval = sweepIntervalFromEnv(deps.env);
  for (const problem of [...settings.problems, ...(sweepInterval.problem ? [sweepInterval.problem] : [])]) deps.logger.warn(problem);
  const sweeper = new RetentionSweeper({
    db: deps.db,
    settings,
    deleteDocument: deps.deleteDocument,
    now: deps.now,
    intervalMs: sweepInterval.ms,
    logger: deps.logger,
    env: deps.env,
    onExpired: (expired) => {
      recordDocumentExpired(deps.auditLog, {
        documentId: expired.documentId,
        retentionDays: expired.expiry.retentionDays,
        jobIds: expired.jobIds,
        inboundIds: expired.inboundIds,
      });
      deps.onExpired(expired);
    },
    onSwept: deps.onSwept,
  });
  return { settings, sweeper };
}
