import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInboxStore, faxesNewestFirst, unreadCount } from '../../renderer/src/stores';
import type { InboundFax } from '../../shared/model';
import { makeTestPdf } from '../support/pdfs';
import { startDeskEngine, TRANSPORTS, whenStore, type DeskEngine } from './deskEngine';

const fax = (id: string, second: number, read = false): InboundFax => ({
  id,
  from: '+12025550100',
  fromName: '',
  to: '+12025550177',
  pages: 1,
  receivedAt: `2026-03-03T14:00:${String(second).padStart(2, '0')}.000Z`,
  read,
  provider: 'simulator',
  providerFaxId: `p-${id}`,
});

describe('the inbox list', () => {
  it('is newest first and counts the unread', () => {
    const faxes = { a: fax('a', 1), b: fax('b', 3, true), c: fax('c', 2) };
    expect(faxesNewestFirst(faxes).map((f) => f.id)).toEqual(['b', 'c', 'a']);
    expect(unreadCount(faxes)).toBe(2);
  });

  it('applies read changes and deletions from other windows, and ignores faxes it does not know', () => {
    const store = createInboxStore({} as never);
    store.getState().applyReceived(fax('a', 1));
    store.getState().applyReceived(fax('b', 2));
    store.setState({ selectedId: 'b' });
    store.getState().applyChanged({ id: 'a', read: true });
    store.getState().applyChanged({ id: 'zzz', read: true });
    store.getState().applyChanged({ id: 'b', deleted: true });
    expect(store.getState().ids).toEqual(['a']);
    expect(store.getState().faxes.a.read).toBe(true);
    // The open fax went: the next one opens, as in a mail program.
    expect(store.getState().selectedId).toBe('a');
  });
});

describe.each(TRANSPORTS)('the inbox store with the real engine over %s', (transport) => {
  let desk: DeskEngine;
  beforeAll(async () => {
    desk = await startDeskEngine({ transport });
  });
  afterAll(async () => desk?.close());

  async function loopbackFax() {
    const doc = await desk.api.stageDocument({
      fileName: 'to-self.pdf',
      contentBase64: Buffer.from(await makeTestPdf(1)).toString('base64'),
    });
    // The simulator's own line: a fax sent here arrives back in the Inbox.
    await desk.api.sendFax({ to: '+12025550100', recipientName: '', documentIds: [doc.documentId], cover: null });
  }

  it('shows a received fax as unread the moment faxReceived arrives, and marks it read when opened', async () => {
    const store = createInboxStore(desk.api);
    const stop = desk.api.on('faxReceived', (f) => store.getState().applyReceived(f));
    await store.getState().load();
    await loopbackFax();
    const arrived = await whenStore(store, (s) => unreadCount(s.faxes) === 1, 'the fax arrives');
    const id = faxesNewestFirst(arrived.faxes)[0].id;
    await store.getState().select(id);
    expect(store.getState().faxes[id].read).toBe(true);
    expect((await desk.api.getInboundFax({ id })).read).toBe(true);
    stop();

    // A fresh window loads it as read.
    const fresh = createInboxStore(desk.api);
    await fresh.getState().load();
    expect(fresh.getState().faxes[id].read).toBe(true);
  });

  it('moves between faxes with step, opening (and marking read) each', async () => {
    const store = createInboxStore(desk.api);
    const stop = desk.api.on('faxReceived', (f) => store.getState().applyReceived(f));
    await store.getState().load();
    const before = Object.keys(store.getState().faxes).length;
    await loopbackFax();
    await whenStore(store, (s) => Object.keys(s.faxes).length === before + 1, 'the second fax arrives');
    stop();
    const list = faxesNewestFirst(store.getState().faxes);
    await store.getState().step(1);
    expect(store.getState().selectedId).toBe(list[0].id);
    await store.getState().step(1);
    expect(store.getState().selectedId).toBe(list[1].id);
    await store.getState().step(1);
    expect(store.getState().selectedId).toBe(list[1].id);
    expect(unreadCount(store.getState().faxes)).toBe(0);
  });

  it('puts the unread mark back when the engine refuses to mark it read', async () => {
    const store = createInboxStore({ ...desk.api, markInboundRead: () => Promise.reject(new Error('Faxbot is not answering.')) });
    store.getState().applyReceived(fax('x', 1));
    await store.getState().select('x');
    expect(store.getState().faxes.x.read).toBe(false);
  });
});
