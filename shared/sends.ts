// A send: one document set and cover going to several recipients (numbers, contacts,
// groups), or a fax sent later. It fans out into one job per recipient, each with its own
// cover page, retries and status; the Outbox shows it as one row that opens to its recipients.
import { z } from 'zod';
import { coverPage, faxJob, id, isoTime } from './model';
import { scheduleInput } from './schedule';

/** The most recipients one send may reach, once groups are opened and duplicates dropped. */
export const MAX_RECIPIENTS = 1000;

/** One entry of the To field: a number (with the name for its cover), a contact, or a group. */
export const recipientInput = z.union([
  z.strictObject({ to: z.string().min(1).max(64), name: z.string().max(200).default('') }),
  z.strictObject({ contactId: id }),
  z.strictObject({ groupId: id }),
]);
export type RecipientInput = z.input<typeof recipientInput>;

export const sendFaxesInput = z.object({
  recipients: z
    .array(recipientInput)
    .max(MAX_RECIPIENTS, `a send can have at most ${MAX_RECIPIENTS} recipients: split the list into several sends`),
  documentIds: z.array(id).min(1, 'add at least one document').max(50),
  cover: coverPage.nullable().default(null),
  /** Send later: when; absent or null sends at once. */
  sendAt: scheduleInput.nullish(),
});

/** How many of a send's recipients stand where (each recipient counted once, by its latest job). */
export const sendCounts = z.object({
  delivered: z.number().int().min(0),
  failed: z.number().int().min(0),
  canceled: z.number().int().min(0),
  /** Waiting for another attempt after a failure. */
  retrying: z.number().int().min(0),
  /** Preparing or sending now. */
  sending: z.number().int().min(0),
  /** Not started yet: queued, scheduled or held for the sending window. */
  waiting: z.number().int().min(0),
});
export type SendCounts = z.infer<typeof sendCounts>;

export const faxSend = z.object({
  id,
  recipients: z.number().int().min(0),
  /** Pages each recipient gets, their cover included. */
  pages: z.number().int().min(0),
  coverPage: z.boolean(),
  fileNames: z.array(z.string()),
  /** When it was asked to go (Send later); null: at once. */
  sendAt: isoTime.nullable(),
  /** The earliest moment a waiting recipient may start (a schedule, a retry, the window's opening); null when none waits for a time. */
  nextAt: isoTime.nullable(),
  /** Some recipients wait for the sending window to open (Settings → General). */
  heldForWindow: z.boolean(),
  counts: sendCounts,
  /** Nothing has started yet: time and recipients can still be changed. */
  editable: z.boolean(),
  /** The first recipient, by name and number, for a row of one. */
  first: z.object({ name: z.string(), to: z.string() }).nullable(),
  createdAt: isoTime,
  updatedAt: isoTime,
});
export type FaxSend = z.infer<typeof faxSend>;

/** A send with its recipients' jobs (the latest job of each recipient). */
export const faxSendDetail = faxSend.extend({ jobs: z.array(faxJob) });
export type FaxSendDetail = z.infer<typeof faxSendDetail>;

/** A group member or recipient left out of a send, with why. */
export const skippedRecipient = z.object({ name: z.string(), reason: z.string() });
export type SkippedRecipient = z.infer<typeof skippedRecipient>;

export const sendResult = faxSendDetail.extend({
  /** Group members that were left out (a number that would be refused), each named with the reason. */
  skipped: z.array(skippedRecipient),
  /** Recipients given more than once (the same number): each is dialled once. */
  duplicates: z.number().int().min(0),
});
export type SendResult = z.infer<typeof sendResult>;

export const updateSendInput = z.object({
  id,
  /** A new time; null sends at once (as Send now). Absent keeps the time. */
  sendAt: scheduleInput.nullable().optional(),
  /** The new recipient list, replacing the old one. Absent keeps it. */
  recipients: z
    .array(recipientInput)
    .max(MAX_RECIPIENTS, `a send can have at most ${MAX_RECIPIENTS} recipients: split the list into several sends`)
    .optional(),
});

/** "12 of 15 delivered · 2 retrying · 1 failed" — the Outbox row of a send, in words. */
export function sendCountWords(send: Pick<FaxSend, 'recipients' | 'counts'>): string {
  const c = send.counts;
  const parts = [`${c.delivered} of ${send.recipients} delivered`];
  if (c.sending) parts.push(`${c.sending} sending`);
  if (c.retrying) parts.push(`${c.retrying} retrying`);
  if (c.waiting) parts.push(`${c.waiting} waiting`);
  if (c.failed) parts.push(`${c.failed} failed`);
  if (c.canceled) parts.push(`${c.canceled} canceled`);
  return parts.join(' · ');
}
