// The engine's audit trail: the append-only, hash-chained log of who did what and when, its
// head kept outside the database, the verify check, the words and CSV Settings → Audit show,
// and the typed ways other parts of the engine record into it.
export { AuditLog, type AuditEntry, type AuditLogOptions, type AuditQuery, type AuditRecord } from './auditLog';
export { chainHash, verifyAuditChain, type AuditVerdict } from './auditChain';
export { checkAuditCoverage, type CoverageVerdict, type MissingEntry } from './auditCoverage';
export { coveredSentence, missingEntriesSentence } from './coverageWords';
export { AUDIT_HEAD_FILE, readAuditHead, type AuditHead } from './auditHead';
export { runAsAuditCaller, currentAuditCaller, type AuditCaller } from './auditCaller';
export { describeAction, describeActor, describeDetails } from './auditWords';
export { auditCsv, csvCell, csvLine, AUDIT_CSV_HEADER } from './auditCsv';
export { createAuditOperations, type AuditOperationDeps, type AuditOperations } from './auditOperations';
export {
  recordDataKeyRotated,
  recordDocumentExpired,
  recordStorageMigrated,
  webhookRejectionRecorder,
  type DocumentExpired,
  type StorageMigrated,
  type WebhookRejectionNote,
  type WebhookRejectionReason,
} from './auditRecorders';
export { AUDIT_ACTIONS, type AuditAction } from '../../../shared/audit';
