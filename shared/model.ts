// The shapes that cross the boundary between engine and renderer. zod is the one schema
// library: every payload is parsed with these before a handler sees it.
import { z } from 'zod';
import { FAX_ERROR_CODES } from './errors';
import { JOB_STATUSES } from './jobState';

export const isoTime = z.string().datetime({ offset: true });
export const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'an id is letters, digits, - and _');

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
});
export type CoverPageInput = z.infer<typeof coverPage>;

export const faxAttempt = z.object({
  number: z.number().int().min(1),
  startedAt: isoTime,
  endedAt: isoTime.nullable(),
  outcome: z.enum(['sending', 'delivered', 'retry', 'failed', 'unknown']),
  error: faxErrorInfo.nullable(),
});

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
});
export type FaxJob = z.infer<typeof faxJob>;

export const inboundFax = z.object({
  id,
  from: z.string(),
  fromName: z.string(),
  to: z.string(),
  pages: z.number().int().min(0),
  receivedAt: isoTime,
  read: z.boolean(),
  provider: z.string(),
  providerFaxId: z.string(),
});
export type InboundFax = z.infer<typeof inboundFax>;

export const stagedDocument = z.object({
  documentId: id,
  fileName: z.string(),
  /** What the content turned out to be, decided by its bytes, not its name. */
  kind: z.enum(['pdf', 'text', 'png', 'jpeg', 'tiff']),
  pages: z.number().int().min(1),
  bytes: z.number().int().min(0),
});
export type StagedDocument = z.infer<typeof stagedDocument>;

export const settings = z.object({
  defaultCountry: z.string().regex(/^[A-Z]{2}$/, 'a two-letter country code such as US or GB'),
  paperSize,
  stationNumber: z.string().max(32),
  stationName: z.string().max(100),
  headerText: z.string().max(100),
  confidentialityNotice: z.string().max(2000),
  maxAttempts: z.number().int().min(1).max(10),
  concurrency: z.number().int().min(1).max(16),
  /** Light, dark, or whatever the system uses. */
  theme: z.enum(['system', 'light', 'dark']),
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
});
export type EngineStatus = z.infer<typeof engineStatus>;

export const recentRecipient = z.object({
  to: z.string(),
  recipientName: z.string(),
  lastSentAt: isoTime,
  faxes: z.number().int().min(1),
});
export type RecentRecipient = z.infer<typeof recentRecipient>;
