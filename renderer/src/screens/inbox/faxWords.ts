// How a received fax is named on the desk: the sender in words, the row's spoken label,
// the file name for Save as PDF, and what an empty search says.
import { inboundSenderName, type InboundFax } from '../../../../shared/model';
import { formatFaxNumber } from '../../../../shared/faxNumber';
import { formatFaxTime, pagesLabel } from '../../format';
import type { InboxFilter } from '../../stores';

/** The contact with the sending number, else the station id the machine sent, else the number; never the provider's name. */
export function senderOf(fax: Pick<InboundFax, 'from' | 'fromName' | 'contactName'>, country: string): string {
  const name = inboundSenderName(fax);
  if (name) return name;
  return fax.from ? formatFaxNumber(fax.from, country) : 'Unknown sender';
}

/**
 * What a screen reader says for a row, in the order the row shows it (so the spoken name holds
 * the visible text): "Unread, from Dr. Lee (202) 555-0100, 14:05, 3 pages".
 */
export function rowLabel(fax: InboundFax, country: string, now?: Date): string {
  const named = Boolean(inboundSenderName(fax));
  const number = named && fax.from ? ` ${formatFaxNumber(fax.from, country)}` : '';
  const to = named && fax.from ? '' : ` to ${formatFaxNumber(fax.to, country)}`;
  const expired = fax.documentExpired ? ' · Document expired' : '';
  return `${fax.read ? '' : 'Unread, '}from ${senderOf(fax, country)}${number}${to}, ${formatFaxTime(fax.receivedAt, now)}, ${pagesLabel(fax.pages)}${expired}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** "fax from Dr. Lee 2026-03-03 14.05.pdf", in the person's time zone (Save makes it safe for the file system). */
export function faxFileName(fax: Pick<InboundFax, 'from' | 'fromName' | 'contactName' | 'receivedAt'>, country: string): string {
  const at = new Date(fax.receivedAt);
  const when = Number.isNaN(at.getTime())
    ? ''
    : ` ${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())} ${pad(at.getHours())}.${pad(at.getMinutes())}`;
  return `fax from ${senderOf(fax, country)}${when}.pdf`;
}

function dayWords(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  const date = new Date(y, m - 1, d);
  return Number.isNaN(date.getTime())
    ? day
    : new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', year: 'numeric' }).format(date);
}

/** The empty list of a search: "No faxes match “555” received Mar 1, 2026 – Mar 3, 2026." */
export function noMatchWords(filter: InboxFilter): string {
  const parts: string[] = [];
  if (filter.search.trim()) parts.push(`“${filter.search.trim()}”`);
  if (filter.fromDay && filter.toDay) parts.push(`received ${dayWords(filter.fromDay)} – ${dayWords(filter.toDay)}`);
  else if (filter.fromDay) parts.push(`received on or after ${dayWords(filter.fromDay)}`);
  else if (filter.toDay) parts.push(`received on or before ${dayWords(filter.toDay)}`);
  return `No faxes match ${parts.join(', ')}.`;
}

export const NO_FAXES_YET = 'No faxes yet. Drop a document on Send, or print to the Faxbot printer.';
