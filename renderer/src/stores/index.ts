export { createDesk, receivedFaxWords, type Desk } from './desk';
export { browserNotices, createArrivalsStore, type ArrivalsStore, type NoticePermission, type SystemNotices } from './arrivalsStore';
export {
  createSendStore,
  totalPages,
  documentPages,
  canSend,
  whyNotSendable,
  UNDO_CLEAR_MS,
  type SendStore,
  type SendState,
  type SendDocument,
  type DroppedFile,
  type FaxDraft,
  type SendStoreOptions,
  type PageEdit,
} from './sendStore';
export { turnedPages, withoutPage } from './pageEdits';
export type { CoverPreview } from './coverPreview';
export {
  createCoverTemplatesStore,
  templateName,
  type CoverTemplatesStore,
  type CoverTemplatesState,
  type CoverTemplateEdit,
} from './coverTemplatesStore';
export { createRecentsStore, matchingRecents, RECENTS_LIMIT, type RecentsStore, type RecentsState } from './recentsStore';
export {
  createOutboxStore,
  isNewer,
  jobsNewestFirst,
  activeJobCount,
  outboxRows,
  canCancel,
  canResend,
  needsNewNumber,
  hasReport,
  selectedJob,
  type OutboxStore,
  type OutboxRow,
  type TransmissionReport,
  type StagedResend,
} from './outboxStore';
export { chipEntry, chipFaxCount, isSend, ownTimeZone, scheduleProblem, type RecipientChip, type SentFax } from './sendRecipients';
export {
  createInboxStore,
  faxesInOrder,
  faxesNewestFirst,
  unreadCount,
  PAGE_SIZE,
  type InboxStore,
  type InboxState,
  type DeletedFax,
} from './inboxStore';
export { inboxQueryOf, faxMatches, isFiltered, NO_FILTER, type InboxFilter, type InboxQuery } from './inboxQuery';
export { createSettingsStore, FALLBACK_COUNTRY, type SettingsStore } from './settingsStore';
export { createStatusStore, statusLine, type StatusStore } from './statusStore';
export { createNavStore, SCREENS, SETTINGS_TABS, type Screen, type SettingsTab, type NavStore } from './navStore';
export {
  createApiKeysStore,
  keysInOrder,
  DEFAULT_KEY_SCOPES,
  type ApiKeysStore,
  type ApiKeysState,
  type RevealedSecret,
} from './apiKeysStore';
export { createWebhooksStore, webhookWords, type WebhooksStore, type WebhooksState } from './webhooksStore';
export {
  createContactsStore,
  contactTitle,
  contactFormOf,
  CONTACTS_PAGE,
  type ContactsStore,
  type ContactsState,
  type ContactForm,
} from './contactsStore';
export { createContactImportStore, type ContactImportStore, type ContactImportState, type MappedField } from './contactImportStore';
export {
  createRecipientSearchStore,
  recipientSuggestions,
  SUGGESTED_CONTACTS,
  type RecipientSearchStore,
  type RecipientSuggestion,
} from './recipientSearch';
export { localeCountry, needsStationSetup, paperForCountry, setupDraft, setupProblem, type StationSetupDraft } from './stationSetup';
