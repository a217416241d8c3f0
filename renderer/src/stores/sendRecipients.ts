// The chips in To on Send: numbers, contacts and groups a fax goes to besides (or instead of)
// the number being typed, and Send later's time. What the engine is sent is built here.
import type { RecipientInput } from '../../../shared/sends';
import { resolveSchedule, type LocalSchedule } from '../../../shared/schedule';
import type { FaxJob } from '../../../shared/model';
import type { SendResult } from '../../../shared/sends';

export type RecipientChip =
  | { key: string; kind: 'number'; to: string; name: string }
  | { key: string; kind: 'contact'; contactId: string; to: string; name: string }
  | {
      key: string;
      kind: 'group';
      groupId: string;
      name: string;
      /** Members with a number that can be sent to. */
      members: number;
      /** Why each other member is left out (a number that would be refused). */
      leftOut: string[];
    };

/** What a Send answered: one job (a fax on its own), or a send to several recipients or for later. */
export type SentFax = FaxJob | SendResult;

export function isSend(sent: SentFax): sent is SendResult {
  return 'jobs' in sent;
}

export function chipEntry(chip: RecipientChip): RecipientInput {
  if (chip.kind === 'group') return { groupId: chip.groupId };
  if (chip.kind === 'contact') return { contactId: chip.contactId };
  return { to: chip.to, name: chip.name };
}

/** The same recipient already in To: the same number, or the same group. */
export function sameRecipient(a: RecipientChip, b: RecipientChip): boolean {
  if (a.kind === 'group' || b.kind === 'group') return a.kind === 'group' && b.kind === 'group' && a.groupId === b.groupId;
  return a.to === b.to;
}

/** How many faxes the chips make at most (groups by their sendable members; the engine dials a number once). */
export function chipFaxCount(chips: readonly RecipientChip[]): number {
  return chips.reduce((n, chip) => n + (chip.kind === 'group' ? chip.members : 1), 0);
}

/** Why Send later's time cannot be used, in words; null when it can (or when sending now). */
export function scheduleProblem(schedule: LocalSchedule | null, now = new Date()): string | null {
  if (!schedule) return null;
  if (schedule.local.trim() === '') return 'Choose the date and time to send, or turn Send later off.';
  const verdict = resolveSchedule(schedule, now);
  return verdict.ok ? null : verdict.message;
}

/** The time zone the window is in (the person's own). */
export function ownTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
