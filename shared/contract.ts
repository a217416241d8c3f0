// The one contract between the renderer and the engine. Every operation the UI may call
// and every event the engine pushes is declared here once, with its schemas; the Electron
// IPC binding, the preload bridge and the headless HTTP server are all generated from it.
import { z } from 'zod';
import {
  coverPage,
  engineStatus,
  faxJob,
  id,
  inboundFax,
  listQuery,
  page,
  settings,
  stagedDocument,
  isoTime,
  recentRecipient,
  documentExpiry,
  retentionDays,
  retentionSettings,
  retentionSweep,
  storageInfo,
  hotFolderPickup,
  hotFolderQuestion,
  hotFolderStatus,
} from './model';
import { JOB_STATUSES } from './jobState';
import type { FaxErrorInfo } from './errors';
import { API_SCOPES, apiKeyInfo, apiSettings, newApiKey } from './apiKeys';
import { publicBaseUrl, webhookHealth, webhookSelfTestResult } from './webhooks';
import { INBOUND_FAX_USES, auditEntry, auditFilter, auditVerdict } from './audit';
import { storageBackendName, storageMoveProgress, storageStatus } from './storageMove';
import {
  configBackup,
  pluginApplyRequest,
  pluginApplyResult,
  pluginConfigChange,
  pluginId,
  pluginTestRequest,
  pluginTestResult,
  pluginView,
  pluginsOverview,
} from './plugins';
import {
  CONTACT_EXPORT_FORMATS,
  CONTACT_LIMITS,
  IMPORT_DUPLICATE_CHOICES,
  contact,
  contactGroup,
  contactGroupDetail,
  contactImportFile,
  contactImportPreview,
  contactImportResult,
  contactInput,
  duplicateContacts,
  mergedContactFields,
} from './contacts';
import { coverTemplate, coverTemplateChoice, coverTemplateDraft, coverTemplateInput } from './coverTemplates';
import { faxSend, faxSendDetail, sendFaxesInput, sendResult, updateSendInput } from './sends';
import { scheduleInput } from './schedule';

const MAX_BASE64_CHARS = 200 * 1024 * 1024;
const base64 = z
  .string()
  .max(MAX_BASE64_CHARS)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64 text');
const pdfDocument = z.object({ fileName: z.string(), pdfBase64: base64 });
const ok = z.object({ ok: z.literal(true) });
/** A template as Settings → Cover pages is editing it: drawn even before it has a name. */
const coverTemplatePreview = coverTemplateDraft.extend({ id: id.optional(), name: z.string().max(200).default('') });

function op<I extends z.ZodTypeAny, O extends z.ZodTypeAny>(input: I, output: O, summary: string) {
  return { input, output, summary };
}

export const operations = {
  getStatus: op(z.object({}), engineStatus, 'What the engine is doing: provider, counts, data folder.'),
  getSettings: op(z.object({}), settings, 'The general settings.'),
  updateSettings: op(settings.partial(), settings, 'Change some general settings; answers all of them.'),

  stageDocument: op(
    z.object({ fileName: z.string().min(1).max(255), contentBase64: base64 }),
    stagedDocument,
    'Check and normalize one dropped file for a fax; answers its page count or a clear error.',
  ),
  getStagedDocument: op(z.object({ documentId: id }), pdfDocument, 'The normalized PDF of a staged file, as it will be sent.'),
  editStagedDocument: op(
    z.object({
      documentId: id,
      /** The pages to keep, in the order they will be sent, each with the clockwise degrees to add (a multiple of 90). */
      pages: z.array(z.object({ page: z.number().int(), rotate: z.number().int().default(0) })).max(10000),
    }),
    stagedDocument,
    'Rewrite a staged file with only the pages kept, in that order, each turned as asked; answers it as a new staged document (the old one is let go).',
  ),
  discardStagedDocument: op(z.object({ documentId: id }), ok, 'Forget a staged file the user removed.'),
  previewCoverPage: op(
    z.object({
      to: z.string().max(64),
      recipientName: z.string().max(200).default(''),
      pages: z.number().int().min(0).max(10000),
      cover: coverPage,
    }),
    pdfDocument.extend({ template: coverTemplateChoice }),
    'The cover page as it would be sent, and which template it uses (chosen, the contact’s default, or plain) and why.',
  ),

  sendFax: op(
    z.object({
      to: z.string().min(1).max(64),
      recipientName: z.string().max(200).default(''),
      documentIds: z.array(id).min(1, 'add at least one document').max(50),
      cover: coverPage.nullable().default(null),
      /** Send later: when (a moment with its offset, or a wall-clock time in a zone); null sends at once. */
      sendAt: scheduleInput.nullish(),
    }),
    faxJob,
    'Queue a fax of the staged documents, in the order given, with an optional cover page; sendAt sends it later.',
  ),
  sendFaxes: op(
    sendFaxesInput,
    sendResult,
    'Send the staged documents to several numbers, contacts and groups: one job per recipient (duplicates once), each with its own cover page, in one transaction.',
  ),
  listSends: op(
    listQuery.omit({ search: true }),
    page(faxSend),
    'Sends to several recipients and scheduled faxes, newest first, with their counts.',
  ),
  getSend: op(z.object({ id }), faxSendDetail, 'One send with the latest job of each recipient.'),
  updateSend: op(
    updateSendInput,
    sendResult,
    'Change the time or the recipients of a send that has not started (Send later), in one transaction.',
  ),
  sendNow: op(z.object({ id }), faxSendDetail, 'Send a scheduled send at once.'),
  cancelSend: op(z.object({ id }), faxSendDetail, 'Cancel every recipient of a send that has not started; those already sending go on.'),
  resendFailed: op(
    z.object({ id }),
    faxSendDetail,
    'Send again to the recipients of a send whose fax failed, as new jobs of the same send.',
  ),
  listJobs: op(
    listQuery.extend({
      status: z.array(z.enum(JOB_STATUSES)).optional(),
      /** Only faxes on their own: the jobs of a send are left out (the Outbox lists sends as one row). */
      ungrouped: z.boolean().optional(),
    }),
    page(faxJob),
    'Outbound jobs, newest first; search matches number and recipient name.',
  ),
  getJob: op(z.object({ id }), faxJob, 'One outbound job with its attempt history.'),
  cancelJob: op(z.object({ id }), faxJob, 'Cancel a job that has not started sending.'),
  resendJob: op(
    z.object({
      id,
      /** A fax that failed because of its number goes again to that number only when this says so. */
      sameNumber: z.boolean().optional(),
    }),
    faxJob,
    'Send the same document to the same number again, as a new job; a fax whose number was the problem needs sameNumber.',
  ),
  stageResend: op(
    z.object({ id }),
    z.object({ document: stagedDocument, to: z.string(), recipientName: z.string(), cover: coverPage.nullable() }),
    'Edit and resend: the pages of a finished fax staged again (without its cover page), with its number, recipient and cover text.',
  ),
  getJobDocument: op(z.object({ id }), pdfDocument, 'The PDF that was (or will be) sent.'),

  listInbox: op(
    listQuery.extend({
      unreadOnly: z.boolean().optional(),
      /** Only faxes received at or after this moment. */
      receivedFrom: isoTime.optional(),
      /** Only faxes received before this moment. */
      receivedBefore: isoTime.optional(),
    }),
    page(inboundFax),
    'Received faxes, newest first; search matches the sender’s number or name.',
  ),
  getInboundFax: op(z.object({ id }), inboundFax, 'One received fax.'),
  getInboundDocument: op(z.object({ id }), pdfDocument, 'The PDF of a received fax.'),
  markInboundRead: op(z.object({ id, read: z.boolean().default(true) }), inboundFax, 'Mark a received fax read or unread.'),

  deleteInboundFax: op(
    z.object({ id }),
    z.object({ id, undoUntil: isoTime }),
    'Delete a received fax; it can be restored until undoUntil, then it is gone for good.',
  ),
  restoreInboundFax: op(z.object({ id }), inboundFax, 'Undo the deletion of a received fax (within its undo time).'),
  forwardInboundFax: op(z.object({ id }), stagedDocument, 'Put a received fax on the Send screen as a document to send on.'),
  getTransmissionReport: op(
    z.object({ id }),
    pdfDocument,
    'A confirmation page for a finished fax, like a fax machine’s: number, time, pages, result, first-page thumbnail.',
  ),
  listRecentRecipients: op(
    z.object({ limit: z.number().int().min(1).max(50).default(10), search: z.string().max(100).optional() }),
    z.object({ items: z.array(recentRecipient) }),
    'Numbers faxed recently, most recent first, with the name last used.',
  ),

  listContacts: op(
    listQuery.extend({ groupId: id.optional() }),
    page(contact),
    'The address book: by name, or, with search, ranked (exact and prefix first, then faxed recently) over name, organization and digits.',
  ),
  getContact: op(z.object({ id }), contact, 'One contact.'),
  saveContact: op(contactInput, contact, 'Add a contact (no id) or change one; the fax number is checked and stored in E.164.'),
  deleteContact: op(
    z.object({ id }),
    z.object({ id, undoUntil: isoTime }),
    'Delete a contact; it can be restored until undoUntil, then it is gone for good.',
  ),
  restoreContact: op(z.object({ id }), contact, 'Undo the deletion of a contact (within its undo time).'),
  previewContactImport: op(
    contactImportFile,
    contactImportPreview,
    'Read a CSV or vCard file without saving anything: its layout, the column mapping, the first rows and every bad row with its reason.',
  ),
  importContacts: op(
    contactImportFile.extend({
      /** Import the good rows and leave out the bad ones; false refuses the whole file while any row is bad. */
      skipInvalid: z.boolean().default(false),
      duplicates: z.enum(IMPORT_DUPLICATE_CHOICES).default('skip'),
      /** Put every imported contact in this group. */
      groupId: id.optional(),
    }),
    contactImportResult,
    'Import a CSV or vCard file in one transaction: all of the chosen rows, or nothing.',
  ),
  exportContacts: op(
    z.object({ format: z.enum(CONTACT_EXPORT_FORMATS), groupId: id.optional() }),
    z.object({ fileName: z.string(), text: z.string(), contacts: z.number().int().min(0) }),
    'The address book (or one group) as CSV (formula-safe) or vCard 4.',
  ),
  findDuplicateContacts: op(z.object({}), z.object({ items: z.array(duplicateContacts) }), 'Contacts sharing a fax number.'),
  mergeContacts: op(
    z.object({
      keepId: id,
      mergeIds: z.array(id).min(1, 'choose at least one contact to merge into the kept one').max(50),
      /** Fields to take over for the kept contact (chosen from the merged ones). */
      fields: mergedContactFields.optional(),
    }),
    contact,
    'Merge contacts into one: the kept one takes the chosen fields and every group membership; the others are removed.',
  ),
  listContactGroups: op(z.object({}), z.object({ items: z.array(contactGroup) }), 'The groups (distribution lists), by name.'),
  getContactGroup: op(z.object({ id }), contactGroupDetail, 'A group with its members, each with why a fax to it would be refused.'),
  saveContactGroup: op(
    z.strictObject({
      id: id.optional(),
      name: z
        .string()
        .trim()
        .min(1, 'give the group a name, such as Cardiology referrals')
        .max(CONTACT_LIMITS.groupName, `a group name is at most ${CONTACT_LIMITS.groupName} characters`),
    }),
    contactGroup,
    'Create a group (no id) or rename one.',
  ),
  deleteContactGroup: op(z.object({ id }), ok, 'Delete a group; its contacts stay in the address book.'),
  changeContactGroupMembers: op(
    z.object({ id, add: z.array(id).max(50_000).default([]), remove: z.array(id).max(50_000).default([]) }),
    contactGroupDetail,
    'Add contacts to a group and remove others, in one step.',
  ),

  listCoverTemplates: op(
    z.object({}),
    z.object({ items: z.array(coverTemplate) }),
    'The cover page templates: the built-in plain one first, then the office’s own by name.',
  ),
  getCoverTemplate: op(z.object({ id }), coverTemplate, 'One cover page template.'),
  saveCoverTemplate: op(
    coverTemplateInput,
    coverTemplate,
    'Add a cover page template (no id) or change one, its logo checked and sealed, all in one step.',
  ),
  deleteCoverTemplate: op(
    z.object({ id }),
    z.object({ id, contacts: z.number().int().min(0), message: z.string() }),
    'Delete a cover page template; contacts that had it as their default get the plain cover, and the answer says how many.',
  ),
  previewCoverTemplate: op(
    z.object({ template: coverTemplatePreview }),
    pdfDocument,
    'A template as it is being edited, drawn as a cover page with sample details (Settings → Cover pages’ live preview).',
  ),

  getApiSettings: op(z.object({}), apiSettings, 'The REST API: on or off, where it answers, and its keys (never their secrets).'),
  setApiEnabled: op(z.object({ enabled: z.boolean() }), apiSettings, 'Turn the REST API (and MCP over HTTP) on or off.'),
  createApiKey: op(
    z.object({
      name: z.string().trim().min(1, 'give the key a name, such as the program that will use it').max(100),
      scopes: z.array(z.enum(API_SCOPES)).min(1, 'choose at least one permission').max(API_SCOPES.length),
    }),
    newApiKey,
    'Create an API key; its secret is answered once.',
  ),
  revokeApiKey: op(
    z.object({ keyId: z.string().regex(/^[0-9a-f]{12}$/, 'a key id is 12 hex digits') }),
    apiKeyInfo,
    'Revoke an API key at once.',
  ),
  rotateApiKey: op(
    z.object({ keyId: z.string().regex(/^[0-9a-f]{12}$/, 'a key id is 12 hex digits') }),
    newApiKey,
    'Give a key a new secret (the old one stops working); the new secret is answered once.',
  ),

  getWebhookHealth: op(z.object({}), webhookHealth, 'The webhook listener: public URL, tunnel, and what arrived from each provider.'),
  testWebhook: op(
    z.object({}),
    webhookSelfTestResult,
    'Send a signed test event through the public URL and report, in words, whether it came back.',
  ),
  setWebhookPublicUrl: op(
    z.object({ publicUrl: publicBaseUrl.nullable() }),
    webhookHealth,
    'Set the public URL providers call (a tunnel’s address), or clear it with null.',
  ),

  listAuditLog: op(
    auditFilter.extend({ limit: z.number().int().min(1).max(500).default(100), cursor: z.string().max(200).optional() }),
    page(auditEntry),
    'Settings → Audit: the audit log, newest first, filtered by action and date range, in words.',
  ),
  verifyAuditLog: op(z.object({}), auditVerdict, 'Check that no audit entry was edited or removed, in words (as `faxbot audit verify`).'),
  exportAuditLog: op(
    auditFilter,
    z.object({ fileName: z.string(), csv: z.string(), entries: z.number().int().min(0) }),
    'The audit entries matching the filter as CSV (numbers masked, formula-safe), newest first.',
  ),
  recordInboundFaxUse: op(
    z.object({ id, use: z.enum(INBOUND_FAX_USES) }),
    ok,
    'Record in the audit log that the window saved or printed a received fax (only it sees that).',
  ),

  getStorageInfo: op(
    z.object({}),
    storageInfo,
    'Settings → Storage & retention: where documents are kept, what protects their key, how long they are kept, the last sweep.',
  ),
  updateRetention: op(
    z.object({ inboundDays: retentionDays.optional(), outboundDays: retentionDays.optional() }),
    retentionSettings,
    'Change how many days sent and received documents are kept (0 keeps them forever).',
  ),

  getStorageStatus: op(
    z.object({}),
    storageStatus,
    'Where new documents are stored, how many documents each backend holds, and the running or last move.',
  ),
  startStorageMove: op(
    z.object({ to: storageBackendName }),
    storageMoveProgress,
    'Move every document stored elsewhere to this backend, verified by hash; progress follows as storageMoveProgress events.',
  ),
  cancelStorageMove: op(
    z.object({}),
    storageMoveProgress,
    'Stop the running move after the document it is on; every document stays readable.',
  ),

  listPlugins: op(
    z.object({}),
    pluginsOverview,
    'Every plugin with its manifest, status, effective settings (secrets only as set/unset), locked fields, and what fills each slot.',
  ),
  savePluginConfig: op(
    pluginConfigChange,
    pluginView,
    "Validate a plugin's settings against its schema and save them atomically (secrets to the keychain); locked fields are refused.",
  ),
  testPlugin: op(
    pluginTestRequest,
    pluginTestResult,
    "Check a plugin's connection (credentials, AMI login, a storage round trip), with saved or unsaved settings.",
  ),
  applyPlugins: op(
    pluginApplyRequest,
    pluginApplyResult,
    'Swap the plugins filling the outbound, inbound and storage slots at runtime; patient-data warnings come back first unless acknowledged.',
  ),
  listConfigBackups: op(z.object({}), z.array(configBackup), 'The kept earlier versions of the plugin config file, newest first.'),
  restoreConfigBackup: op(
    z.object({ id: configBackup.shape.id }),
    pluginsOverview,
    'Put an earlier version of the plugin config file back (validated, atomic).',
  ),
  importPluginManifest: op(
    z.object({ manifest: z.unknown() }),
    pluginView,
    'Add a declarative HTTP fax provider from its JSON manifest (only when FEATURE_PLUGIN_INSTALL is on).',
  ),
  removePluginManifest: op(z.object({ id: pluginId }), ok, 'Remove an imported HTTP provider manifest that fills no slot.'),

  getHotFolder: op(
    z.object({}),
    hotFolderStatus,
    'The watched printer folder: where it is, whether it can be watched, its settings and open questions.',
  ),
  updateHotFolder: op(
    z.object({ autoSend: z.boolean().optional(), gatherSeconds: z.number().int().min(0).max(600).optional() }),
    hotFolderStatus,
    'Change whether printed faxes naming a number go straight out, and how many seconds of print jobs become one fax.',
  ),
  answerHotFolderQuestion: op(
    z.object({ fileId: id, faxAgain: z.boolean() }),
    hotFolderStatus,
    'Answer "This document was printed twice — fax it again?"; no moves the copy to failed/.',
  ),
} as const;

export type Operations = typeof operations;
export type OperationName = keyof Operations;
export type OperationInput<N extends OperationName> = z.input<Operations[N]['input']>;
export type OperationArgs<N extends OperationName> = z.output<Operations[N]['input']>;
export type OperationResult<N extends OperationName> = z.output<Operations[N]['output']>;

export const OPERATION_NAMES = Object.keys(operations) as OperationName[];

export const events = {
  jobChanged: faxJob,
  /** A send's counts changed (a recipient moved on, the send was edited, canceled or sent again). */
  sendChanged: faxSend,
  faxReceived: inboundFax,
  inboxChanged: z.object({ id, read: z.boolean().optional(), deleted: z.boolean().optional(), documentExpired: documentExpiry.optional() }),
  settingsChanged: settings,
  webhookHealth: webhookHealth,
  /** A move of documents between storage backends made progress, ended, or stopped on a document. */
  storageMoveProgress: storageMoveProgress,
  /** Plugin settings, slots or the registry changed (saved, applied, restored, imported). */
  pluginsChanged: pluginsOverview,
  /** A retention sweep finished (Settings → Storage & retention shows the last one). */
  retentionSwept: retentionSweep,
  /** Printed files were put on the Send screen (with the number they named, if any). */
  hotFolderPickup: hotFolderPickup,
  /** A document was printed twice: ask whether to fax it again. */
  hotFolderQuestion: hotFolderQuestion,
  /** The watched folder's state changed: a problem appeared or cleared, settings, counts. */
  hotFolderStatus: hotFolderStatus,
  /** Contacts or groups were added, changed, deleted, restored or imported: lists reload. */
  contactsChanged: z.object({ ids: z.array(id).max(500), groups: z.boolean().optional() }),
  /** Cover page templates were added, changed or deleted: pickers and Settings → Cover pages reload. */
  coverTemplatesChanged: z.object({ ids: z.array(id).max(500) }),
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<N extends EventName> = z.output<Events[N]>;
export const EVENT_NAMES = Object.keys(events) as EventName[];

/** IPC channel names: one per operation, one for all events. */
export const ipcChannel = (name: OperationName): string => `faxbot:${name}`;
export const IPC_EVENT_CHANNEL = 'faxbot:event';

/** The API the renderer sees on `window.faxbot`, whichever transport carries it. */
export type FaxbotApi = {
  [N in OperationName]: (input: OperationInput<N>) => Promise<OperationResult<N>>;
} & {
  on<N extends EventName>(event: N, listener: (payload: EventPayload<N>) => void): () => void;
};

export { id };

/**
 * What every transport carries back for a call: the result, or an error a person can act
 * on. (Thrown errors lose their code crossing Electron IPC, so errors travel as values.)
 */
export type RpcReply<T> = { ok: true; result: T } | { ok: false; error: FaxErrorInfo };
