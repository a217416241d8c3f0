// The audit trail as the window sees it: the closed list of what can be recorded, and the
// shape of one entry in Settings → Audit. The engine writes the log (main/engine/audit).
import { z } from 'zod';
import { isoTime } from './model';

export const AUDIT_ACTIONS = [
  'api_key_used',
  'api_key_invalid',
  'api_key_denied_scope',
  'api_key_created',
  'api_key_revoked',
  'api_key_rotated',
  'api_enabled',
  'api_disabled',
  'rate_limited',
  'fax_sent',
  'fax_refused',
  'fax_canceled',
  'pdf_served',
  'inbound_pdf_served',
  'inbound_deleted',
  'inbound_restored',
  'fax_delivered',
  'fax_failed',
  'fax_received',
  'outbound_viewed',
  'inbound_viewed',
  'inbound_saved',
  'inbound_printed',
  'inbound_forwarded',
  'settings_changed',
  'webhook_rejected',
  'document_expired',
  'storage_migrated',
  'data_key_rotated',
  'audit_head_restored',
  'mcp_request',
  'mcp_denied',
  'contact_created',
  'contact_changed',
  'contact_deleted',
  'contact_restored',
  'contacts_imported',
  'contacts_merged',
  'contacts_exported',
  'contact_group_changed',
  'cover_template_created',
  'cover_template_changed',
  'cover_template_deleted',
  'send_queued',
  'send_changed',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Each action in words, for Settings → Audit and the CSV (UX.md: no raw codes on screen). */
export const AUDIT_ACTION_WORDS: Record<AuditAction, string> = {
  api_key_used: 'API key used',
  api_key_invalid: 'Wrong or revoked API key refused',
  api_key_denied_scope: 'API key refused: not permitted',
  api_key_created: 'API key created',
  api_key_revoked: 'API key revoked',
  api_key_rotated: 'API key given a new secret',
  api_enabled: 'REST API turned on',
  api_disabled: 'REST API turned off',
  rate_limited: 'Too many requests refused',
  fax_sent: 'Fax sent',
  fax_refused: 'Fax refused',
  fax_canceled: 'Fax canceled',
  pdf_served: 'Sent fax downloaded through the API',
  inbound_pdf_served: 'Received fax downloaded through the API',
  inbound_deleted: 'Received fax deleted',
  inbound_restored: 'Received fax restored',
  fax_delivered: 'Fax delivered',
  fax_failed: 'Fax failed',
  fax_received: 'Fax received',
  outbound_viewed: 'Sent fax viewed',
  inbound_viewed: 'Received fax viewed',
  inbound_saved: 'Received fax saved as PDF',
  inbound_printed: 'Received fax printed',
  inbound_forwarded: 'Received fax forwarded',
  settings_changed: 'Settings changed',
  webhook_rejected: 'Provider callback refused',
  document_expired: 'Document removed after its retention time',
  storage_migrated: 'Documents moved to another storage',
  data_key_rotated: 'Document encryption key rotated',
  audit_head_restored: 'Audit log re-anchored',
  mcp_request: 'AI assistant (MCP) connected',
  mcp_denied: 'AI assistant (MCP) refused',
  contact_created: 'Contact added',
  contact_changed: 'Contact changed',
  contact_deleted: 'Contact deleted',
  contact_restored: 'Contact restored',
  contacts_imported: 'Contacts imported',
  contacts_merged: 'Duplicate contacts merged',
  contacts_exported: 'Contacts exported',
  contact_group_changed: 'Contact group changed',
  cover_template_created: 'Cover page template added',
  cover_template_changed: 'Cover page template changed',
  cover_template_deleted: 'Cover page template deleted',
  send_queued: 'Fax to several recipients or for later queued',
  send_changed: 'Send changed (time or recipients)',
};

/** What the window may ask the engine to record itself: uses the engine cannot see. */
export const INBOUND_FAX_USES = ['saved', 'printed'] as const;
export type InboundFaxUse = (typeof INBOUND_FAX_USES)[number];

export const auditEntry = z.object({
  seq: z.number().int().min(1),
  at: isoTime,
  /** The raw actor: 'window', an API key id, 'env', a provider id, 'faxbot'. */
  actor: z.string(),
  action: z.string(),
  target: z.string().nullable(),
  /** Numbers already masked to their last 4 digits; never a secret. */
  details: z.record(z.string(), z.unknown()),
  /** Who, in words: "This window", the key's name, "Phaxio webhook". */
  who: z.string(),
  /** What, in words: "Fax sent". */
  what: z.string(),
  /** The details, in words. */
  detailsText: z.string(),
});
export type AuditEntryView = z.infer<typeof auditEntry>;

export const auditFilter = z.object({
  actions: z.array(z.enum(AUDIT_ACTIONS)).max(AUDIT_ACTIONS.length).optional(),
  /** Entries at or after this moment. */
  from: isoTime.optional(),
  /** Entries before this moment. */
  before: isoTime.optional(),
});
export type AuditFilter = z.infer<typeof auditFilter>;

export const auditVerdict = z.object({
  ok: z.boolean(),
  entries: z.number().int().min(0),
  /** The first entry found wrong, when the log is broken. */
  brokenAt: z.number().int().min(0).nullable(),
  /** What was found, in words. */
  message: z.string(),
});
export type AuditVerdictView = z.infer<typeof auditVerdict>;
