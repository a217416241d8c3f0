export { JobStore, type NewJob } from './jobStore';
export { FaxQueue, type StationIdentity } from './faxQueue';
export { retryDelayMs, type RetryPolicy } from './retryPolicy';
export { createReportOperations, formatDuration } from './reportOperations';
export type { RecentRecipientQuery } from './recentRecipients';
