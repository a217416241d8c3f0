// Typed ways in for the parts of the engine that record one kind of entry: the retention
// sweep, the storage migration, the key rotation and the webhook listener. Typed, so a
// caller cannot put a number, a body or a secret in the details by mistake.
import type { AuditLog } from './auditLog';

export interface DocumentExpired {
  documentId: string;
  retentionDays: number;
  /** The sent faxes and received faxes whose document it was. */
  jobIds: readonly string[];
  inboundIds: readonly string[];
}

/** The retention sweep removed a document whose time was up. */
export function recordDocumentExpired(log: AuditLog, expired: DocumentExpired): void {
  log.record({
    actor: 'faxbot',
    action: 'document_expired',
    target: expired.documentId,
    details: { retentionDays: expired.retentionDays, jobIds: [...expired.jobIds], inboundIds: [...expired.inboundIds] },
  });
}

export interface StorageMigrated {
  /** 'faxbot' for a move the engine finished, 'window' when a person started it. */
  actor: string;
  moveId: string | number;
  toBackend: string;
  outcome: string;
  moved: number;
  total: number;
  bytes: number;
  failedDocument?: string | null;
}

/**
 * A move of documents between storage backends ended. The backend goes in `toBackend`, never
 * `to`: the log masks any `to` or `from` as a fax number.
 */
export function recordStorageMigrated(log: AuditLog, migrated: StorageMigrated): void {
  const { actor, moveId, toBackend, outcome, moved, total, bytes, failedDocument } = migrated;
  log.record({
    actor,
    action: 'storage_migrated',
    target: String(moveId),
    details: { toBackend, outcome, moved, total, bytes, ...(failedDocument ? { failedDocument } : {}) },
  });
}

/** The documents' data key was replaced (re-wrapped or re-encrypted); never the key itself. */
export function recordDataKeyRotated(log: AuditLog, rotated: { actor: string; documents: number }): void {
  log.record({ actor: rotated.actor, action: 'data_key_rotated', details: { documents: rotated.documents } });
}

export type WebhookRejectionReason = 'bad_path_secret' | 'bad_signature' | 'bad_body';

export interface WebhookRejectionNote {
  provider: string;
  route: string;
  reason: WebhookRejectionReason;
}

/**
 * Records refused provider callbacks, at most `perMinute` entries a minute for each provider,
 * route and reason: the listener faces the internet, and a flood of forged requests must not
 * bury the log. What is held back is counted in the next entry that is written.
 */
export function webhookRejectionRecorder(
  log: AuditLog,
  options: { perMinute?: number; now?: () => number } = {},
): (note: WebhookRejectionNote) => void {
  const perMinute = options.perMinute ?? 20;
  const now = options.now ?? Date.now;
  const windows = new Map<string, { startedAt: number; written: number; held: number }>();
  return (note) => {
    const key = `${note.provider}/${note.route}/${note.reason}`;
    const at = now();
    let window = windows.get(key);
    if (!window || at - window.startedAt >= 60_000) {
      window = { startedAt: at, written: 0, held: window?.held ?? 0 };
      windows.set(key, window);
    }
    if (window.written >= perMinute) {
      window.held++;
      return;
    }
    window.written++;
    const suppressed = window.held;
    window.held = 0;
    log.record({
      actor: note.provider,
      action: 'webhook_rejected',
      target: note.route,
      details: { route: note.route, reason: note.reason, ...(suppressed ? { suppressed } : {}) },
    });
  };
}
