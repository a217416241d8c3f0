// What the Inbox list is showing: the search and date range a person typed, turned into the
// engine's listInbox filters, and the same test applied to a fax that arrives by event (so
// a new fax only joins the list when the engine would have listed it too).
import type { InboundFax } from '../../../shared/model';

export interface InboxFilter {
  /** Number or name, as typed. */
  search: string;
  /** Local calendar days, "YYYY-MM-DD" as <input type="date"> gives them; '' for open. */
  fromDay: string;
  toDay: string;
}

export const NO_FILTER: InboxFilter = { search: '', fromDay: '', toDay: '' };

export interface InboxQuery {
  search?: string;
  receivedFrom?: string;
  receivedBefore?: string;
}

export type FilterCheck = { ok: true; query: InboxQuery } | { ok: false; message: string };

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The start of a local calendar day, or null when the text is not a real date. */
function startOfDay(day: string): Date | null {
  const match = DAY.exec(day);
  if (!match) return null;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const start = new Date(year, month - 1, date);
  // new Date(2026, 1, 31) rolls over to March: such a day does not exist.
  if (start.getFullYear() !== year || start.getMonth() !== month - 1 || start.getDate() !== date) return null;
  return start;
}

/** The person's filter as engine query values; days are whole local days, both ends included. */
export function inboxQueryOf(filter: InboxFilter): FilterCheck {
  const query: InboxQuery = {};
  const search = filter.search.trim();
  if (search.length > 100) return { ok: false, message: 'Search for at most 100 characters: a number or part of a name.' };
  if (search) query.search = search;
  const from = filter.fromDay ? startOfDay(filter.fromDay) : null;
  const to = filter.toDay ? startOfDay(filter.toDay) : null;
  if (filter.fromDay && !from) return { ok: false, message: `“${filter.fromDay}” is not a date: pick the first day from the calendar.` };
  if (filter.toDay && !to) return { ok: false, message: `“${filter.toDay}” is not a date: pick the last day from the calendar.` };
  if (from && to && from > to) return { ok: false, message: 'The From day is after the To day: swap them to see faxes in between.' };
  if (from) query.receivedFrom = from.toISOString();
  if (to) {
    const dayAfter = new Date(to.getFullYear(), to.getMonth(), to.getDate() + 1);
    query.receivedBefore = dayAfter.toISOString();
  }
  return { ok: true, query };
}

export function isFiltered(filter: InboxFilter): boolean {
  return filter.search.trim() !== '' || filter.fromDay !== '' || filter.toDay !== '';
}

/** The engine's rule (main/engine/inbox): name contains the text, or the number contains its digits (two or more). */
export function faxMatches(fax: InboundFax, query: InboxQuery): boolean {
  const at = Date.parse(fax.receivedAt);
  if (query.receivedFrom && at < Date.parse(query.receivedFrom)) return false;
  if (query.receivedBefore && at >= Date.parse(query.receivedBefore)) return false;
  const search = query.search?.trim();
  if (!search) return true;
  const words = search.toLowerCase();
  if (fax.fromName.toLowerCase().includes(words) || (fax.contactName ?? '').toLowerCase().includes(words)) return true;
  const digits = search.replace(/\D/g, '');
  return digits.length >= 2 && (fax.from.replace(/\D/g, '').includes(digits) || fax.to.replace(/\D/g, '').includes(digits));
}

/** Newest first, as the engine orders them (received time, then id, both descending). */
export function newerFirst(a: InboundFax, b: InboundFax): number {
  if (a.receivedAt !== b.receivedAt) return Date.parse(b.receivedAt) - Date.parse(a.receivedAt);
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}
