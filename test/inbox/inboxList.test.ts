import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../main/engine';
import { startEngine, type Harness } from '../support/engineHarness';
import { seedReceivedFaxes } from './seedInbox';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

const FAXES = [
  { id: 'march-adams', from: '+12025550143', fromName: 'Adams Family Practice', receivedAt: '2026-03-10T15:00:00.000Z' },
  { id: 'march-baker', from: '+12025550199', fromName: 'Baker Labs', receivedAt: '2026-03-31T23:30:00.000Z' },
  { id: 'april-adams', from: '+12025550143', fromName: 'Adams Family Practice', receivedAt: '2026-04-01T00:00:00.000Z' },
  { id: 'may-carter', from: '+442079460000', fromName: '100% Carter_Care', receivedAt: '2026-05-02T08:00:00.000Z', read: true },
];

async function seededEngine(): Promise<Harness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'faxbot-inbox-'));
  seedReceivedFaxes(dataDir, FAXES);
  return startEngine({}, dataDir);
}

const ids = (page: { items: { id: string }[] }) => page.items.map((f) => f.id);

describe('listing received faxes by date', () => {
  it('keeps faxes received at or after receivedFrom and before receivedBefore', async () => {
    harness = await seededEngine();
    const march = await harness.engine.call('listInbox', {
      limit: 50,
      receivedFrom: '2026-03-01T00:00:00Z',
      receivedBefore: '2026-04-01T00:00:00Z',
    });
    expect(ids(march)).toEqual(['march-baker', 'march-adams']);
    expect(march.total).toBe(2);
    const fromApril = await harness.engine.call('listInbox', { limit: 50, receivedFrom: '2026-04-01T00:00:00.000Z' });
    expect(ids(fromApril)).toEqual(['may-carter', 'april-adams']);
  });

  it('reads a time with an offset as the moment it names', async () => {
    harness = await seededEngine();
    // 02:00 in UTC+2 is midnight UTC on April 1st: April's fax is not before it, March's last one is.
    const page = await harness.engine.call('listInbox', { limit: 50, receivedBefore: '2026-04-01T02:00:00+02:00' });
    expect(ids(page)).toEqual(['march-baker', 'march-adams']);
  });

  it('combines a date range with a search and with unread only', async () => {
    harness = await seededEngine();
    const adamsInMarch = await harness.engine.call('listInbox', { limit: 50, search: 'adams', receivedBefore: '2026-04-01T00:00:00Z' });
    expect(ids(adamsInMarch)).toEqual(['march-adams']);
    const unreadSinceApril = await harness.engine.call('listInbox', { limit: 50, unreadOnly: true, receivedFrom: '2026-04-01T00:00:00Z' });
    expect(ids(unreadSinceApril)).toEqual(['april-adams']);
  });

  it('pages through a date range with the cursor', async () => {
    harness = await seededEngine();
    const range = { receivedFrom: '2026-03-01T00:00:00Z', receivedBefore: '2026-06-01T00:00:00Z' };
    const first = await harness.engine.call('listInbox', { limit: 3, ...range });
    expect(ids(first)).toEqual(['may-carter', 'april-adams', 'march-baker']);
    expect(first.total).toBe(4);
    const second = await harness.engine.call('listInbox', { limit: 3, cursor: first.nextCursor!, ...range });
    expect(ids(second)).toEqual(['march-adams']);
    expect(second.nextCursor).toBeNull();
  });
});

describe('searching received faxes', () => {
  it('finds a sender by the digits of their number, however they are typed', async () => {
    harness = await seededEngine();
    for (const search of ['(202) 555-0143', '555.0143', '5550143']) {
      const page = await harness.engine.call('listInbox', { limit: 50, search });
      expect(ids(page), search).toEqual(['april-adams', 'march-adams']);
    }
  });

  it('finds a sender by name, ignoring case, with % and _ taken literally', async () => {
    harness = await seededEngine();
    expect(ids(await harness.engine.call('listInbox', { limit: 50, search: 'BAKER' }))).toEqual(['march-baker']);
    expect(ids(await harness.engine.call('listInbox', { limit: 50, search: '0% carter' }))).toEqual(['may-carter']);
    // As wildcards these would match "Adams" and "Practice".
    expect(ids(await harness.engine.call('listInbox', { limit: 50, search: 'a%s' }))).toEqual([]);
    expect(ids(await harness.engine.call('listInbox', { limit: 50, search: 'r_c' }))).toEqual(['may-carter']);
    expect(ids(await harness.engine.call('listInbox', { limit: 50, search: 'Zed' }))).toEqual([]);
  });
});

describe('listInbox refuses bad filters with field errors', () => {
  it.each([
    [{ receivedFrom: 'yesterday' }, 'receivedFrom'],
    [{ receivedBefore: '2026-13-01T00:00:00Z' }, 'receivedBefore'],
    [{ receivedFrom: '2026-03-01' }, 'receivedFrom'],
    [{ receivedFrom: 1_767_225_600_000 }, 'receivedFrom'],
    [{ search: 'x'.repeat(101) }, 'search'],
    [{ limit: 0 }, 'limit'],
    [{ unreadOnly: 'yes' }, 'unreadOnly'],
  ])('%j', async (payload, field) => {
    harness ??= await seededEngine();
    const reply = await dispatch(harness.engine, 'listInbox', payload);
    expect(reply.ok).toBe(false);
    if (!reply.ok) {
      expect(reply.error.code).toBe('invalid_input');
      expect(Object.keys(reply.error.fields ?? {})).toContain(field);
    }
  });

  it('refuses a range that ends before it starts, naming the end date', async () => {
    harness = await seededEngine();
    const reply = await dispatch(harness.engine, 'listInbox', {
      receivedFrom: '2026-04-01T00:00:00Z',
      receivedBefore: '2026-03-01T00:00:00Z',
    });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'receivedBefore' } });
    if (!reply.ok) expect(reply.error.message).toMatch(/ends before it starts/);
  });
});
