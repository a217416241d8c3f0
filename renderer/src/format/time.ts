// Times in the person's own locale and time zone, never raw ISO strings (UX.md, "Tone").

function sameDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

/** "14:05" for today, "Mar 3, 14:05" for another day; in the given (default: user's) locale. */
export function formatFaxTime(iso: string, now: Date = new Date(), locale?: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const time: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', timeZone };
  if (!timeZone && sameDay(date, now)) return new Intl.DateTimeFormat(locale, time).format(date);
  const withDay: Intl.DateTimeFormatOptions = { ...time, month: 'short', day: 'numeric' };
  if (date.getFullYear() !== now.getFullYear()) withDay.year = 'numeric';
  return new Intl.DateTimeFormat(locale, withDay).format(date);
}

/** Clock time only: "14:05", for "Retrying at 14:05". */
export function formatClock(iso: string, locale?: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone }).format(date);
}
