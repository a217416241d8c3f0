// Retention: how long sent and received documents are kept, the sweep that deletes expired
// ones (keeping their rows, marked), and the sentence every reader of an expired document gets.
export { RetentionSettingsStore, RETENTION_VARIABLES, DAILY_SWEEP_MS, parseRetentionDays, sweepIntervalFromEnv } from './retentionSettings';
export { RetentionSweeper, type ExpiredDocument, type RetentionSweeperOptions } from './retentionSweep';
export { documentExpiredError, expiryOf, expirySelect, requireDocumentKept, type ExpiryColumns } from './documentExpiry';
export { createRetentionOperations, type RetentionOperationDeps } from './retentionOperations';
export { openRetention, type Retention, type RetentionDeps } from './openRetention';
