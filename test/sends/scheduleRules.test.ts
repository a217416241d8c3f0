// Send later's rules, as the Send screen and the engine both apply them: a moment or a
// wall-clock time in a zone, refused in words when unreadable, past, too far ahead or in the
// hour the clocks skip; the quick choices; the sending window's hours across weekends and DST.
import { describe, expect, it } from 'vitest';
import {
  insideWindow,
  localText,
  momentsOf,
  nextWindowOpening,
  quickSchedules,
  resolveSchedule,
  sendingWindowProblem,
} from '../../shared/schedule';

const NY = 'America/New_York';
const now = new Date('2026-03-06T15:00:00Z'); // Friday 10:00 in New York

describe('resolveSchedule', () => {
  it('reads a moment with its offset, and a wall-clock time in its zone', () => {
    expect(resolveSchedule('2026-03-10T08:00:00-04:00', now)).toEqual({ ok: true, at: new Date('2026-03-10T12:00:00Z') });
    expect(resolveSchedule('2026-03-10T12:00Z', now)).toEqual({ ok: true, at: new Date('2026-03-10T12:00:00Z') });
    // Before the change New York is UTC-5, after it UTC-4.
    expect(resolveSchedule({ local: '2026-03-07T08:00', timeZone: NY }, now)).toEqual({ ok: true, at: new Date('2026-03-07T13:00:00Z') });
    expect(resolveSchedule({ local: '2026-03-09T08:00', timeZone: NY }, now)).toEqual({ ok: true, at: new Date('2026-03-09T12:00:00Z') });
  });

  it('refuses a time the clocks skip when summer time begins, saying which hour to choose', () => {
    const verdict = resolveSchedule({ local: '2026-03-08T02:30', timeZone: NY }, now, 'en-US');
    expect(verdict).toEqual({
      ok: false,
      message:
        'March 8, 2026 at 2:30 AM does not exist in America/New_York: the clocks skip that hour when summer time begins. Choose 3:30 AM or later.',
    });
    expect(momentsOf({ year: 2026, month: 3, day: 8, hour: 2, minute: 30 }, NY)).toEqual([]);
  });

  it('takes the first of a time the clocks pass twice when summer time ends', () => {
    expect(momentsOf({ year: 2026, month: 11, day: 1, hour: 1, minute: 30 }, NY)).toEqual([
      Date.parse('2026-11-01T05:30:00Z'),
      Date.parse('2026-11-01T06:30:00Z'),
    ]);
    expect(resolveSchedule({ local: '2026-11-01T01:30', timeZone: NY }, now)).toEqual({ ok: true, at: new Date('2026-11-01T05:30:00Z') });
  });

  it('refuses the past, a date too far ahead, and what it cannot read, each with a sentence', () => {
    const past = resolveSchedule('2026-03-06T14:00:00Z', now, 'en-US');
    expect(past).toMatchObject({ ok: false });
    expect(!past.ok && past.message).toMatch(/has already passed: choose a time in the future, or send now\.$/);
    expect(resolveSchedule({ local: '2026-03-06T09:59', timeZone: NY }, now, 'en-US')).toEqual({
      ok: false,
      message: 'March 6, 2026 at 9:59 AM has already passed: choose a time in the future, or send now.',
    });
    expect(resolveSchedule('2027-04-01T00:00:00Z', now)).toEqual({
      ok: false,
      message: 'A fax can be scheduled at most 365 days ahead: choose an earlier date.',
    });
    for (const unreadable of ['tomorrow', '2026-03-10 08:00', '2026-03-10T08:00', '2026-13-40T08:00:00Z', ''])
      expect(resolveSchedule(unreadable, now), unreadable).toMatchObject({
        ok: false,
        message: expect.stringMatching(/is not a date and time Faxbot can read: write it as ISO 8601 with its offset/),
      });
    expect(resolveSchedule({ local: '2026-02-30T08:00', timeZone: NY }, now)).toEqual({
      ok: false,
      message: '2026-02-30T08:00 is not a date and time on the calendar: check the day and the hour.',
    });
    expect(resolveSchedule({ local: '2026-03-10T08:00', timeZone: 'Mars/Olympus' }, now)).toEqual({
      ok: false,
      message: 'Mars/Olympus is not a time zone: use one such as America/New_York or Europe/London.',
    });
  });
});

describe('quick choices', () => {
  it('offers tonight at 7 pm while it is ahead, and tomorrow at 8 am', () => {
    expect(quickSchedules(now, NY)).toEqual([
      { label: 'Tonight, 7 pm', schedule: { local: '2026-03-06T19:00', timeZone: NY } },
      { label: 'Tomorrow, 8 am', schedule: { local: '2026-03-07T08:00', timeZone: NY } },
    ]);
    // 20:00 in New York: tonight is gone; tomorrow crosses the month end.
    expect(quickSchedules(new Date('2026-04-01T00:00:00Z'), NY)).toEqual([
      { label: 'Tomorrow, 8 am', schedule: { local: '2026-04-01T08:00', timeZone: NY } },
    ]);
    expect(localText(now.getTime(), NY)).toBe('2026-03-06T10:00');
  });
});

describe('the sending window', () => {
  const weekdays = { start: '08:00', end: '18:00', days: [1, 2, 3, 4, 5] };

  it('is open on weekdays from the start up to the end', () => {
    expect(insideWindow(Date.parse('2026-03-06T13:00:00Z'), weekdays, NY)).toBe(true); // Fri 08:00
    expect(insideWindow(Date.parse('2026-03-06T12:59:00Z'), weekdays, NY)).toBe(false); // Fri 07:59
    expect(insideWindow(Date.parse('2026-03-06T23:00:00Z'), weekdays, NY)).toBe(false); // Fri 18:00
    expect(insideWindow(Date.parse('2026-03-07T15:00:00Z'), weekdays, NY)).toBe(false); // Sat 10:00
  });

  it('opens next on Monday morning after a Friday evening, on the far side of the clock change', () => {
    // Friday 18:30 EST → Monday 08:00 EDT (the clocks went forward on Sunday).
    expect(new Date(nextWindowOpening(Date.parse('2026-03-06T23:30:00Z'), weekdays, NY)).toISOString()).toBe('2026-03-09T12:00:00.000Z');
    // Early on a weekday: the same morning.
    expect(new Date(nextWindowOpening(Date.parse('2026-03-10T10:00:00Z'), weekdays, NY)).toISOString()).toBe('2026-03-10T12:00:00.000Z');
    // Inside: now.
    expect(nextWindowOpening(Date.parse('2026-03-10T15:00:00Z'), weekdays, NY)).toBe(Date.parse('2026-03-10T15:00:00Z'));
  });

  it('refuses a window that ends before it starts, or has no day, in words', () => {
    expect(sendingWindowProblem({ start: '18:00', end: '08:00', days: [1] })).toBe(
      'The sending window ends at 08:00, before it starts at 18:00: choose an end after the start (the window is within one day).',
    );
    expect(sendingWindowProblem({ start: '08:00', end: '18:00', days: [] })).toBe('Choose at least one day for the sending window.');
    expect(sendingWindowProblem({ start: '8', end: '18:00', days: [1] })).toMatch(/^Write the sending window as hours and minutes/);
    expect(sendingWindowProblem(weekdays)).toBeNull();
  });
});
