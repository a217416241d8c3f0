export { createDesk, type Desk } from './desk';
export { createSendStore, totalPages, canSend, whyNotSendable, type SendStore, type SendState, type SendDocument, type DroppedFile } from './sendStore';
export { createOutboxStore, isNewer, jobsNewestFirst, activeJobCount, canCancel, canResend, selectedJob, type OutboxStore } from './outboxStore';
export { createInboxStore, faxesNewestFirst, unreadCount, type InboxStore } from './inboxStore';
export { createSettingsStore, FALLBACK_COUNTRY, type SettingsStore } from './settingsStore';
export { createStatusStore, statusLine, type StatusStore } from './statusStore';
export { createNavStore, SCREENS, type Screen, type NavStore } from './navStore';
