// The shapes that cross the boundary between engine and renderer. zod is the one schema
// library: every payload is parsed with these before a handler sees it.
import { z } from 'zod';
import { FAX_ERROR_CODES } from './errors';
import { JOB_STATUSES } from './jobState';
import { HOUR_MINUTE } from './schedule';

export const isoTime = z.string().datetime({ offset: true });
export const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'an id is letters, digits, - and _');

export const faxErrorInfo = z.object({
  code: z.enum(FAX_ERROR_CODES),
  message: z.string(),
  retryable: z.boolean().optional(),
  field: z.string().optional(),
  fields: z.record(z.string(), z.string()).optional(),
  retryAfterMs: z.number().int().min(0).optional(),
});

export const paperSize = z.enum(['letter', 'a4']);
export type PaperSize = z.infer<typeof paperSize>;

export const coverPage = z.object({
  subject: z.string().max(200).default(''),
  notes: z.string().max(4000).default(''),
  /** A cover page template's id; absent or null: the recipient contact's default, else the plain cover. */
  templateId: id.nullable().optional(),
});
export type CoverPageInput = z.infer<typeof coverPage>;

export const faxAttempt = z.object({
  number: z.number().int().min(1),
  /** The provider plugin this attempt was handed to (its id: simulator, phaxio, …). */
  provider: z.string(),
  startedAt: isoTime,
  endedAt: isoTime.nullable(),
  outcome: z.enum(['sending', 'delivered', 'retry', 'failed', 'unknown']),
  error: faxErrorInfo.nullable(),
});

/** A document deleted under the retention setting: when, and the setting's days at the time. */
export const documentExpiry = z.object({ at: isoTime, retentionDays: z.number().int().min(1) });
export type DocumentExpiry = z.infer<typeof documentExpiry>;

/** The one sentence that says why a fax's pages cannot be opened; engine and window both use it. */
export function documentExpiredMessage(expiry: DocumentExpiry, locale?: string): string {
  const date = new Date(expiry.at).toLocaleDateString(locale, { year: 'numeric', month: 'long', day: 'numeric' });
  const days = expiry.retentionDays === 1 ? '1 day' : `${expiry.retentionDays} days`;
  return `This fax's document was deleted on ${date} under the retention setting (${days}). The record of the fax is kept; its pages are not.`;
}

export const faxJob = z.object({
  id,
  to: z.string(),
  recipientName: z.string(),
  pages: z.number().int().min(0),
  status: z.enum(JOB_STATUSES),
  /** Page being sent right now, when the provider says. */
  pagesSent: z.number().int().min(0).nullable(),
  attempts: z.number().int().min(0),
  maxAttempts: z.number().int().min(1),
  nextAttemptAt: isoTime.nullable(),
  lastError: faxErrorInfo.nullable(),
  provider: z.string(),
  providerFaxId: z.string().nullable(),
  fileNames: z.array(z.string()),
  coverPage: z.boolean(),
  createdAt: isoTime,
  updatedAt: isoTime,
  completedAt: isoTime.nullable(),
  history: z.array(faxAttempt),
  /** The send (several recipients, or Send later) this job is one recipient of; null for a fax on its own. */
  sendId: id.nullable(),
  /** When the person asked it to go (Send later); null: at once. */
  sendAt: isoTime.nullable(),
  /** Set once retention deleted the document; the job row stays. */
  documentExpired: documentExpiry.optional(),
});
export type FaxJob = z.infer<typeof faxJob>;

export const inboundFax = z.object({
  id,
  from: z.string(),
  /** What the sending machine called itself (its station id), as the provider reported it; '' when it sent none. */
  fromName: z.string(),
  /** The name of the contact whose fax number sent it, when the address book has one. */
  contactName: z.string().optional(),
  to: z.string(),
  pages: z.number().int().min(0),
  receivedAt: isoTime,
  read: z.boolean(),
  provider: z.string(),
  providerFaxId: z.string(),
  /** Set once retention deleted the document; the fax stays listed. */
  documentExpired: documentExpiry.optional(),
});
export type InboundFax = z.infer<typeof inboundFax>;

/** Who sent a fax, in words: the contact with its number, else the station id it sent; '' when neither. */
export function inboundSenderName(fax: Pick<InboundFax, 'fromName' | 'contactName'>): string {
  return fax.contactName?.trim() || fax.fromName.trim();
}

export const stagedDocument = z.object({
  documentId: id,
  fileName: z.string(),
  /** What the content turned out to be, decided by its bytes, not its name ('office': Word, Excel, OpenDocument or RTF, converted by LibreOffice). */
  kind: z.enum(['pdf', 'text', 'png', 'jpeg', 'tiff', 'office']),
  pages: z.number().int().min(1),
  bytes: z.number().int().min(0),
});
export type StagedDocument = z.infer<typeof stagedDocument>;

export const settings = z.object({
  defaultCountry: z.string().regex(/^[A-Z]{2}$/, 'a two-letter country code such as US or GB'),
  paperSize,
  stationNumber: z.string().max(32),
  /** The practice's name: FROM on the cover page, and the fax header when no header text is set. */
  stationName: z.string().max(100),
  /** The practice's phone number, for call-backs (printed on the cover page); '' when not set. */
  stationPhone: z.string().max(32),
  /** The short setup on first start: done, skipped, or not yet (null: the desk offers it). */
  stationSetup: z.enum(['done', 'skipped']).nullable(),
  headerText: z.string().max(100),
  confidentialityNotice: z.string().max(2000),
  maxAttempts: z.number().int().min(1).max(10),
  concurrency: z.number().int().min(1).max(16),
  /** Light, dark, or whatever the system uses. */
  theme: z.enum(['system', 'light', 'dark']),
  /** The sending window: when on, broadcasts and retries start only inside it (this computer's time zone). */
  sendingWindowOn: z.boolean(),
  sendingWindowStart: z.string().regex(HOUR_MINUTE, 'a time such as 08:00'),
  sendingWindowEnd: z.string().regex(HOUR_MINUTE, 'a time such as 18:00'),
  /** 0 = Sunday … 6 = Saturday. */
  sendingWindowDays: z.array(z.number().int().min(0).max(6)).max(7),
});
export type Settings = z.infer<typeof settings>;

/** A page of a list, newest first; pass `nextCursor` back to get the next page. */
export function page<T extends z.ZodTypeAny>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable(), total: z.number().int().min(0) });
}

export const listQuery = z.object({
  search: z.string().max(100).optional(),
  limit: z.number().int().min(1).max(500).default(50),
  cursor: z.string().max(200).optional(),
});

export const engineStatus = z.object({
  version: z.string(),
  provider: z.string(),
  providerLabel: z.string(),
  activeJobs: z.number().int().min(0),
  unreadFaxes: z.number().int().min(0),
  dataDir: z.string(),
  headless: z.boolean(),
  /** The watched printer folder (Settings → General shows where it is). */
  watchDir: z.string(),
  /** Why the outbound provider cannot send right now, in words (its last check failed, or it refused the last fax); null: fine. */
  providerProblem: z.string().nullable().optional(),
  /** Another sending plugin whose last check failed (Phaxio tested while the simulator sends); null: none. */
  failedCheck: z.object({ name: z.string(), message: z.string() }).nullable().optional(),
});
export type EngineStatus = z.infer<typeof engineStatus>;

export const recentRecipient = z.object({
  to: z.string(),
  recipientName: z.string(),
  lastSentAt: isoTime,
  faxes: z.number().int().min(1),
});
export type RecentRecipient = z.infer<typeof recentRecipient>;

/** Days a document is kept: 0 keeps it forever; at most ten years. */
export const RETENTION_MAX_DAYS = 3650;
const daysMessage = `Enter a whole number of days from 0 to ${RETENTION_MAX_DAYS} (0 keeps documents forever).`;
export const retentionDays = z
  .number({ error: daysMessage })
  .int({ error: daysMessage })
  .min(0, { error: daysMessage })
  .max(RETENTION_MAX_DAYS, { error: daysMessage });

export const retentionSettings = z.object({
  /** Received faxes: days after receipt (INBOUND_RETENTION_DAYS). */
  inboundDays: retentionDays,
  /** Sent faxes: days after they finished (OUTBOUND_RETENTION_DAYS). */
  outboundDays: retentionDays,
  /** The environment variable fixing each value, or null when Settings decides. */
  lockedBy: z.object({ inboundDays: z.string().nullable(), outboundDays: z.string().nullable() }),
  /** Environment values that were not usable (ignored, with the reason). */
  problems: z.array(z.string()),
});
export type RetentionSettings = z.infer<typeof retentionSettings>;

export const retentionSweep = z.object({ at: isoTime, deleted: z.number().int().min(0), failed: z.number().int().min(0) });
export type RetentionSweep = z.infer<typeof retentionSweep>;

export const storageInfo = z.object({
  /** Where documents are kept. The S3 backend adds its own kind and location. */
  backend: z.object({ kind: z.string(), label: z.string(), location: z.string() }),
  /** What protects the data key, in words, and a warning when that protection is weak. */
  keyProtection: z.object({ description: z.string(), warning: z.string().nullable() }),
  retention: retentionSettings,
  lastSweep: retentionSweep.nullable(),
});
export type StorageInfo = z.infer<typeof storageInfo>;

/**
 * The watched printer folder (main/engine/hotfolder). A pickup is one or more printed files
 * put on the Send screen together, with the number the name or first page gave, if any.
 */
export const hotFolderPickup = z.object({
  pickupId: id,
  documents: z.array(stagedDocument).min(1),
  /** The number found in a file name or on a first page, as printed; '' when none was found. */
  to: z.string(),
  /** Where the number came from, so the Send screen can say so. */
  numberFrom: z.enum(['file_name', 'first_page', 'none']),
});
export type HotFolderPickup = z.infer<typeof hotFolderPickup>;

/** A document printed twice: the person decides whether it is faxed again. */
export const hotFolderQuestion = z.object({
  fileId: id,
  fileName: z.string(),
  /** What the earlier copy became: still waiting, or sent at a time. */
  earlier: z.object({ fileName: z.string(), state: z.string(), at: isoTime }),
  question: z.string(),
});
export type HotFolderQuestion = z.infer<typeof hotFolderQuestion>;

export const hotFolderStatus = z.object({
  folder: z.string(),
  /** False when the engine was started without the folder (tests, one-shot commands). */
  enabled: z.boolean(),
  /** Why the folder cannot be watched right now, in words; null while it is fine. */
  problem: z.string().nullable(),
  autoSend: z.boolean(),
  gatherSeconds: z.number().int().min(0).max(600),
  /** The environment variable fixing each value, or null when Settings decides. */
  lockedBy: z.object({ autoSend: z.string().nullable(), gatherSeconds: z.string().nullable() }),
  /** Files claimed and not yet in sent/ or failed/. */
  pending: z.number().int().min(0),
  questions: z.array(hotFolderQuestion),
  /** Printed files on the Send screen, waiting for a person (a window opened later loads them from here). */
  waiting: z.array(hotFolderPickup),
});
export type HotFolderStatus = z.infer<typeof hotFolderStatus>;
