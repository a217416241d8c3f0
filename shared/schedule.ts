// When a fax goes: "Send later" (a moment, or a wall-clock time in a time zone) and the
// optional sending window. Pure date arithmetic over Intl, so the Send screen can say what is
// wrong as the person types and the engine refuses the same things with the same sentences.
import { z } from 'zod';

/** A wall-clock time as a date/time picker gives it: 2025-03-09T08:00 in America/New_York. */
export const localSchedule = z.strictObject({
  local: z
    .string()
    .max(32)
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'a date and time such as 2025-03-09T08:00'),
  timeZone: z.string().min(1).max(64),
});
export type LocalSchedule = z.infer<typeof localSchedule>;

/** When to send: a moment (ISO 8601 with offset, as REST `send_at`) or a wall-clock time in a zone. */
export const scheduleInput = z.union([z.string().max(64), localSchedule]);
export type ScheduleInput = z.infer<typeof scheduleInput>;

export type ScheduleVerdict = { ok: true; at: Date } | { ok: false; message: string };

/** The latest a fax can be scheduled ahead. */
export const MAX_SCHEDULE_DAYS = 365;

interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isTimeZone(timeZone: string): boolean {
  try {
    partsFormatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** The wall clock in `timeZone` at `instant` (ms), with the weekday (0 = Sunday). */
export function wallClock(instant: number, timeZone: string): WallTime & { second: number; weekday: number } {
  const parts: Record<string, string> = {};
  for (const part of partsFormatter(timeZone).formatToParts(new Date(instant))) parts[part.type] = part.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAYS.indexOf(parts.weekday),
  };
}

function offsetAt(instant: number, timeZone: string): number {
  const w = wallClock(instant, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * The moments a wall-clock time names in a zone: one, two (the hour repeated when clocks go
 * back) or none (the hour skipped when they go forward).
 */
export function momentsOf(wall: WallTime, timeZone: string): number[] {
  const naive = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  const offsets = new Set([offsetAt(naive - 86_400_000, timeZone), offsetAt(naive + 86_400_000, timeZone), offsetAt(naive, timeZone)]);
  const found = new Set<number>();
  for (const offset of offsets) {
    const candidate = naive - offset;
    const back = wallClock(candidate, timeZone);
    if (
      back.year === wall.year &&
      back.month === wall.month &&
      back.day === wall.day &&
      back.hour === wall.hour &&
      back.minute === wall.minute
    )
      found.add(candidate);
  }
  return [...found].sort((a, b) => a - b);
}

function parseLocal(local: string): WallTime | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1).map(Number);
  const check = new Date(Date.UTC(year, month - 1, day, hour, minute));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  if (hour > 23 || minute > 59) return null;
  return { year, month, day, hour, minute };
}

const ISO_MOMENT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

function wallWords(wall: WallTime, locale?: string, style: 'date-time' | 'time' = 'date-time'): string {
  const date = new Date(Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute));
  const options: Intl.DateTimeFormatOptions = style === 'time' ? { timeStyle: 'short' } : { dateStyle: 'long', timeStyle: 'short' };
  return new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(date);
}

/** A moment in words in a zone, as the Outbox says it: "March 9, 2025 at 8:00 AM". */
export function momentWords(at: Date | number | string, timeZone?: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone }).format(new Date(at));
}

/**
 * Checks a schedule and answers the moment it names, or the sentence that says what is wrong:
 * unparseable, in the past, more than a year ahead, or a wall-clock time the clocks skip.
 * A time the clocks pass twice (the hour repeated in autumn) is the first of the two.
 */
export function resolveSchedule(input: ScheduleInput, now: Date, locale?: string): ScheduleVerdict {
  let at: number;
  if (typeof input === 'string') {
    const text = input.trim();
    if (!ISO_MOMENT.test(text) || Number.isNaN(Date.parse(text)))
      return {
        ok: false,
        message: `"${text.slice(0, 40)}" is not a date and time Faxbot can read: write it as ISO 8601 with its offset, such as 2025-03-10T08:00:00-05:00 or 2025-03-10T13:00:00Z.`,
      };
    at = Date.parse(text);
  } else {
    if (!isTimeZone(input.timeZone))
      return {
        ok: false,
        message: `${input.timeZone.slice(0, 64)} is not a time zone: use one such as America/New_York or Europe/London.`,
      };
    const wall = parseLocal(input.local);
    if (!wall)
      return { ok: false, message: `${input.local.slice(0, 32)} is not a date and time on the calendar: check the day and the hour.` };
    const moments = momentsOf(wall, input.timeZone);
    if (moments.length === 0) {
      const hourLater = { ...wall, hour: wall.hour + 1 };
      return {
        ok: false,
        message: `${wallWords(wall, locale)} does not exist in ${input.timeZone}: the clocks skip that hour when summer time begins. Choose ${wallWords(hourLater, locale, 'time')} or later.`,
      };
    }
    at = moments[0];
  }
  if (at <= now.getTime())
    return {
      ok: false,
      message: `${momentWords(at, typeof input === 'string' ? undefined : input.timeZone, locale)} has already passed: choose a time in the future, or send now.`,
    };
  if (at > now.getTime() + MAX_SCHEDULE_DAYS * 86_400_000)
    return { ok: false, message: `A fax can be scheduled at most ${MAX_SCHEDULE_DAYS} days ahead: choose an earlier date.` };
  return { ok: true, at: new Date(at) };
}

/** The wall-clock text of a moment in a zone, for a datetime-local field: 2025-03-09T19:00. */
export function localText(instant: number, timeZone: string): string {
  const w = wallClock(instant, timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${w.year}-${two(w.month)}-${two(w.day)}T${two(w.hour)}:${two(w.minute)}`;
}

/** The Send later quick choices: tonight at 7 pm (while it is still ahead) and tomorrow at 8 am. */
export function quickSchedules(now: Date, timeZone: string): { label: string; schedule: LocalSchedule }[] {
  const today = wallClock(now.getTime(), timeZone);
  const choices: { label: string; schedule: LocalSchedule }[] = [];
  const day = (offset: number) => {
    const d = new Date(Date.UTC(today.year, today.month - 1, today.day + offset));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
  };
  if (today.hour < 19) choices.push({ label: 'Tonight, 7 pm', schedule: { local: `${day(0)}T19:00`, timeZone } });
  choices.push({ label: 'Tomorrow, 8 am', schedule: { local: `${day(1)}T08:00`, timeZone } });
  return choices;
}

/** Settings → General: broadcasts and retries start only inside these hours on these days. */
export interface SendingWindow {
  /** "08:00" */
  start: string;
  /** "18:00", after start. */
  end: string;
  /** 0 = Sunday … 6 = Saturday. */
  days: readonly number[];
}

export const HOUR_MINUTE = /^([01]\d|2[0-3]):[0-5]\d$/;

function minutesOf(hourMinute: string): number {
  const [h, m] = hourMinute.split(':').map(Number);
  return h * 60 + m;
}

/** Why a window cannot be used, in words; null when it can. */
export function sendingWindowProblem(window: SendingWindow): string | null {
  if (!HOUR_MINUTE.test(window.start) || !HOUR_MINUTE.test(window.end))
    return 'Write the sending window as hours and minutes, such as 08:00 and 18:00.';
  if (minutesOf(window.end) <= minutesOf(window.start))
    return `The sending window ends at ${window.end}, before it starts at ${window.start}: choose an end after the start (the window is within one day).`;
  if (window.days.length === 0) return 'Choose at least one day for the sending window.';
  return null;
}

/** Whether `instant` is inside the window, on the wall clock of `timeZone`. */
export function insideWindow(instant: number, window: SendingWindow, timeZone: string): boolean {
  const w = wallClock(instant, timeZone);
  const minute = w.hour * 60 + w.minute;
  return window.days.includes(w.weekday) && minute >= minutesOf(window.start) && minute < minutesOf(window.end);
}

/** `instant` itself when inside the window, else the next moment the window opens (within a fortnight). */
export function nextWindowOpening(instant: number, window: SendingWindow, timeZone: string): number {
  if (insideWindow(instant, window, timeZone)) return instant;
  const start = minutesOf(window.start);
  const today = wallClock(instant, timeZone);
  for (let offset = 0; offset <= 14; offset++) {
    const d = new Date(Date.UTC(today.year, today.month - 1, today.day + offset));
    if (!window.days.includes(d.getUTCDay())) continue;
    const wall = {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: Math.floor(start / 60),
      minute: start % 60,
    };
    // An opening the clocks skip (a start at 02:30 on the spring-forward night) is the hour after.
    const moments = momentsOf(wall, timeZone);
    const opening = moments[0] ?? momentsOf({ ...wall, hour: wall.hour + 1, minute: 0 }, timeZone)[0];
    if (opening !== undefined && opening > instant) return opening;
  }
  return instant;
}
