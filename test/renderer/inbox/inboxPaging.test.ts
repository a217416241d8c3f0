// The Inbox store over a real engine holding 1,000 received faxes (seeded into its SQLite
// file): pages load as asked, in the engine's order, and filters reach the engine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInboxStore, faxesInOrder, PAGE_SIZE } from '../../../renderer/src/stores';
import { seededSender } from '../../support/inboxSeed';
import { TRANSPORTS, whenStore } from '../deskEngine';
import { startSeededEngine, type SeededEngine } from './seededEngine';

const FAXES = 1_000;

describe.each(TRANSPORTS)('paging through a long Inbox over %s', (transport) => {
  let seeded: SeededEngine;
  beforeAll(async () => {
    seeded = await startSeededEngine(transport, FAXES);
  });
  afterAll(async () => seeded?.close());

  it('loads one page first, newest first, and knows the total and the unread count', async () => {
    const store = createInboxStore(seeded.api);
    await store.getState().load();
    const state = await whenStore(store, (s) => s.unread === 5, 'the unread count arrives');
    expect(state.ids).toHaveLength(PAGE_SIZE);
    expect(state.total).toBe(FAXES);
    expect(faxesInOrder(state)[0].from).toBe(seededSender(FAXES - 1));
    expect(state.nextCursor).not.toBeNull();
  });

  it('loads through to any row, page by page, without gaps or repeats, to the oldest fax', async () => {
    const store = createInboxStore(seeded.api);
    await store.getState().load();
    await store.getState().loadThrough(450);
    expect(store.getState().ids.length).toBeGreaterThan(450);
    await store.getState().loadThrough(FAXES + 50);
    const { ids, nextCursor } = store.getState();
    expect(ids).toHaveLength(FAXES);
    expect(new Set(ids).size).toBe(FAXES);
    expect(nextCursor).toBeNull();
    const faxes = faxesInOrder(store.getState());
    for (let i = 1; i < faxes.length; i++) expect(faxes[i - 1].receivedAt >= faxes[i].receivedAt).toBe(true);
    expect(faxes[FAXES - 1].from).toBe(seededSender(0));
  });

  it('steps with ↓ across the end of a page, loading the next one, and stops at the oldest fax', async () => {
    const store = createInboxStore(seeded.api);
    await store.getState().load();
    await store.getState().select(store.getState().ids[PAGE_SIZE - 1]);
    await store.getState().step(1);
    expect(store.getState().ids.length).toBeGreaterThan(PAGE_SIZE);
    expect(store.getState().ids.indexOf(store.getState().selectedId!)).toBe(PAGE_SIZE);
    // Fast key presses add up instead of landing on the same row.
    await Promise.all([store.getState().step(1), store.getState().step(1), store.getState().step(1)]);
    expect(store.getState().ids.indexOf(store.getState().selectedId!)).toBe(PAGE_SIZE + 3);
    await store.getState().step(5_000);
    expect(store.getState().selectedId).toBe(store.getState().ids[FAXES - 1]);
    await store.getState().step(-5_000);
    expect(store.getState().selectedId).toBe(store.getState().ids[0]);
  });

  it('searches by number in the engine, and the total follows', async () => {
    const store = createInboxStore(seeded.api);
    // Senders repeat every 10,000 faxes: among 1,000, only fax 143 is from 555-0143.
    await store.getState().setFilter({ search: '(202) 555-0143' });
    const faxes = faxesInOrder(store.getState());
    expect(faxes.map((f) => f.from)).toEqual([seededSender(143)]);
    expect(store.getState().total).toBe(1);
    await store.getState().setFilter({ search: '' });
    expect(store.getState().total).toBe(FAXES);
  });

  it('filters by the days received', async () => {
    const store = createInboxStore(seeded.api);
    // Seeded one a minute from 2025-01-01 08:00 UTC: 1,000 minutes run into 2025-01-02.
    await store.getState().setFilter({ fromDay: '2025-01-03' });
    expect(store.getState().total).toBe(0);
    await store.getState().setFilter({ fromDay: '', toDay: '2024-12-31' });
    expect(store.getState().total).toBe(0);
    await store.getState().setFilter({ fromDay: '2025-01-01', toDay: '2025-01-02' });
    expect(store.getState().total).toBe(FAXES);
  });

  it('explains a filter it cannot use and keeps the list it had', async () => {
    const store = createInboxStore(seeded.api);
    await store.getState().load();
    await store.getState().setFilter({ fromDay: '2025-02-30' });
    expect(store.getState().filterError).toMatch(/not a date/);
    expect(store.getState().ids).toHaveLength(PAGE_SIZE);
    await store.getState().setFilter({ fromDay: '' });
    expect(store.getState().filterError).toBeNull();
  });

  it('shows the answer for the last filter typed, not for one that answered late', async () => {
    const store = createInboxStore(seeded.api);
    const first = store.getState().setFilter({ search: '555-01' });
    const last = store.getState().setFilter({ search: '555-0999' });
    await Promise.all([first, last]);
    expect(faxesInOrder(store.getState()).map((f) => f.from)).toEqual([seededSender(999)]);
  });

  it('says why the list did not load when the engine is not answering', async () => {
    const store = createInboxStore({ ...seeded.api, listInbox: () => Promise.reject(new Error('Faxbot is not answering.')) });
    await store.getState().load();
    expect(store.getState()).toMatchObject({ loaded: true, loadError: 'Faxbot is not answering.', ids: [] });
  });
});
