export { createDesk, type Desk } from './desk';
export { createSendStore, totalPages, canSend, whyNotSendable, type SendStore, type SendState, type SendDocument, type DroppedFile } from './sendStore';
export { createOutboxStore, isNewer, jobsNewestFirst, activeJobCount, canCancel, canResend, selectedJob, type OutboxStore } from './outboxStore';
export { createInboxStore, faxesNewestFirst, unreadCount, type InboxStore } from './inboxStore';
export { createSettingsStore, FALLBACK_COUNTRY, type SettingsStore } from './settingsStore';
export { createStatusStore, statusLine, type StatusStore } from './statusStore';
export { createNavStore, SCREENS, SETTINGS_TABS, type Screen, type SettingsTab, type NavStore } from './navStore';
export { createApiKeysStore, keysInOrder, DEFAULT_KEY_SCOPES, type ApiKeysStore, type ApiKeysState, type RevealedSecret } from './apiKeysStore';
