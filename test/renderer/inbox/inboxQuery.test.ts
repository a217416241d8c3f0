import { describe, expect, it } from 'vitest';
import { faxMatches, inboxQueryOf, NO_FILTER } from '../../../renderer/src/stores';
import type { InboundFax } from '../../../shared/model';

const fax = (over: Partial<InboundFax> = {}): InboundFax => ({
  id: 'f1',
  from: '+12025550143',
  fromName: 'Dr. Amy Lee',
  to: '+12025550177',
  pages: 2,
  receivedAt: '2026-03-03T14:05:00.000Z',
  read: false,
  provider: 'simulator',
  providerFaxId: 'p1',
  ...over,
});

describe('the Inbox search and date range as engine filters', () => {
  it('asks for nothing when nothing is typed', () => {
    expect(inboxQueryOf(NO_FILTER)).toEqual({ ok: true, query: {} });
    expect(inboxQueryOf({ ...NO_FILTER, search: '   ' })).toEqual({ ok: true, query: {} });
  });

  it('takes whole local days, both ends included', () => {
    const check = inboxQueryOf({ search: ' 555-0143 ', fromDay: '2026-03-01', toDay: '2026-03-03' });
    expect(check).toEqual({
      ok: true,
      query: { search: '555-0143', receivedFrom: new Date(2026, 2, 1).toISOString(), receivedBefore: new Date(2026, 2, 4).toISOString() },
    });
  });

  it('explains a day that does not exist, text that is not a date, and a range that ends before it starts', () => {
    for (const bad of ['2026-02-30', '2026-13-01', 'yesterday', '2026-3-1', '20260301']) {
      const check = inboxQueryOf({ ...NO_FILTER, fromDay: bad });
      expect(check.ok, bad).toBe(false);
      if (!check.ok) expect(check.message).toContain(bad);
    }
    const backwards = inboxQueryOf({ ...NO_FILTER, fromDay: '2026-03-05', toDay: '2026-03-01' });
    expect(backwards).toEqual({ ok: false, message: expect.stringMatching(/From day is after the To day/) });
    expect(inboxQueryOf({ ...NO_FILTER, toDay: '2026-02-29' }).ok).toBe(false);
    expect(inboxQueryOf({ ...NO_FILTER, toDay: '2028-02-29' }).ok).toBe(true);
  });

  it('refuses a search longer than the engine takes', () => {
    expect(inboxQueryOf({ ...NO_FILTER, search: '5'.repeat(101) })).toEqual({ ok: false, message: expect.stringMatching(/at most 100/) });
  });
});

describe('whether a fax that arrives by event belongs in the filtered list', () => {
  it('matches the number by its digits however it was typed, or the name', () => {
    expect(faxMatches(fax(), { search: '(202) 555-0143' })).toBe(true);
    expect(faxMatches(fax(), { search: '0177' })).toBe(true);
    expect(faxMatches(fax(), { search: 'amy' })).toBe(true);
    expect(faxMatches(fax(), { search: '9999' })).toBe(false);
    // One digit is too little to mean a number (the engine's rule too).
    expect(faxMatches(fax({ fromName: '' }), { search: '5' })).toBe(false);
  });

  it('keeps to the date range: from is inclusive, before is exclusive', () => {
    expect(faxMatches(fax(), { receivedFrom: '2026-03-03T14:05:00.000Z' })).toBe(true);
    expect(faxMatches(fax(), { receivedBefore: '2026-03-03T14:05:00.000Z' })).toBe(false);
    expect(faxMatches(fax(), { receivedFrom: '2026-03-04T00:00:00.000Z' })).toBe(false);
  });
});
