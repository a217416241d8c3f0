// A send's Outbox row in words: who it goes to, and its chip (counts, coloured by what needs a look).
import { formatFaxNumber } from '../../../shared/faxNumber';
import { sendCountWords, type FaxSend } from '../../../shared/sends';
import type { ChipTone, JobChip } from './jobChip';
import { formatFaxTime } from './time';

/** "12 recipients" over "Dr. Amy Lee and 11 others", or the one recipient's name over its number. */
export function sendTitle(send: FaxSend, country: string): { name: string; sub: string } {
  const first = send.first ? send.first.name || formatFaxNumber(send.first.to, country) : '';
  if (send.recipients <= 1) return { name: first, sub: send.first?.name ? formatFaxNumber(send.first.to, country) : '' };
  const others = send.recipients - 1;
  return { name: `${send.recipients} recipients`, sub: `${first} and ${others === 1 ? '1 other' : `${others} others`}` };
}

/** The chip of a send's Outbox row: its counts in words, coloured by what needs a look. */
export function sendChip(send: FaxSend, locale?: string, timeZone?: string): JobChip {
  const c = send.counts;
  const going = c.waiting + c.sending + c.retrying;
  if (send.recipients > 0 && c.delivered === send.recipients)
    return { tone: 'green', text: send.recipients === 1 ? 'Delivered' : `${c.delivered} of ${send.recipients} delivered` };
  const at = send.nextAt && Date.parse(send.nextAt) > Date.now() ? formatFaxTime(send.nextAt, new Date(), locale, timeZone) : null;
  if (at && c.waiting === send.recipients && send.sendAt === send.nextAt) return { tone: 'grey', text: `Scheduled for ${at}` };
  if (at && send.heldForWindow && c.sending === 0)
    return { tone: 'grey', text: `Waits for the sending window · ${at} · ${sendCountWords(send)}` };
  const tone: ChipTone = c.sending ? 'blue' : c.retrying ? 'amber' : c.failed && going === 0 ? 'red' : 'grey';
  return { tone, text: sendCountWords(send) };
}
