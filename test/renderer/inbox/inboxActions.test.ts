// Delete with Undo, deletions made elsewhere, Forward to Send, and arrivals, through the
// desk's stores over a real engine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDesk, createInboxStore, faxesInOrder } from '../../../renderer/src/stores';
import type { InboundFax } from '../../../shared/model';
import { TRANSPORTS, whenStore } from '../deskEngine';
import { startSeededEngine, type SeededEngine } from './seededEngine';

describe.each(TRANSPORTS)('deleting, restoring and forwarding received faxes over %s', (transport) => {
  let seeded: SeededEngine;
  beforeAll(async () => {
    seeded = await startSeededEngine(transport, 30);
  });
  afterAll(async () => seeded?.close());

  it('hides a deleted fax at once, offers Undo until the engine’s time, and Undo puts it back in its place', async () => {
    const store = createInboxStore(seeded.api);
    await store.getState().load();
    const [, second, third] = store.getState().ids;
    await store.getState().select(second);
    expect(await store.getState().remove(second)).toBe(true);
    let state = store.getState();
    expect(state.ids).not.toContain(second);
    expect(state.total).toBe(29);
    // The selection moves on to the next fax, as in a mail program.
    expect(state.selectedId).toBe(third);
    expect(Date.parse(state.deleted!.undoUntil)).toBeGreaterThan(Date.now());
    expect((await seeded.api.listInbox({ limit: 50 })).total).toBe(29);

    expect(await store.getState().undoRemove()).toBe(true);
    state = store.getState();
    expect(state.ids[1]).toBe(second);
    expect(state.total).toBe(30);
    expect(state.deleted).toBeNull();
    expect(state.selectedId).toBe(second);
  });

  it('follows a delete and a restore made in another window (inboxChanged)', async () => {
    const desk = createDesk(seeded.api);
    const stop = desk.start();
    await whenStore(desk.inbox, (s) => s.loaded && s.ids.length === 30, 'the inbox loads');
    const id = desk.inbox.getState().ids[4];
    await seeded.api.deleteInboundFax({ id });
    await whenStore(desk.inbox, (s) => !s.ids.includes(id), 'the deletion arrives');
    expect(desk.inbox.getState().total).toBe(29);
    await seeded.api.restoreInboundFax({ id });
    await whenStore(desk.inbox, (s) => s.ids[4] === id, 'the restore arrives');
    expect(desk.inbox.getState().total).toBe(30);
    stop();
  });

  it('explains a delete of a fax that is gone, and an Undo that came too late', async () => {
    const quick = await startSeededEngine(transport, 3, { inboxUndoMs: 1 });
    try {
      const store = createInboxStore(quick.api);
      await store.getState().load();
      const id = store.getState().ids[0];
      expect(await store.getState().remove(id)).toBe(true);
      // Past the undo time: the engine refuses, in words, and the offer goes away.
      await new Promise<void>((resolve) => {
        const wait = () => (Date.parse(store.getState().deleted!.undoUntil) < Date.now() ? resolve() : setImmediate(wait));
        wait();
      });
      expect(await store.getState().undoRemove()).toBe(false);
      expect(store.getState().actionError).toMatch(/deleted for good|no received fax/i);
      expect(store.getState().deleted).toBeNull();
      expect(store.getState().ids).not.toContain(id);

      const ghost = { ...store.getState().faxes[store.getState().ids[0]], id: 'no-such-fax' };
      store.setState((s) => ({ faxes: { ...s.faxes, [ghost.id]: ghost } }));
      expect(await store.getState().remove('no-such-fax')).toBe(false);
      expect(store.getState().actionError).toMatch(/no received fax/i);
      expect(await store.getState().remove('never-loaded')).toBe(false);
    } finally {
      await quick.close();
    }
  });

  it('forwards a fax: Send gets it as a ready document with its pages, and opens', async () => {
    const desk = createDesk(seeded.api);
    await desk.inbox.getState().load();
    const id = desk.inbox.getState().ids[0];
    expect(await desk.forwardFax(id)).toBe(true);
    expect(desk.nav.getState().screen).toBe('send');
    const [doc] = desk.send.getState().documents;
    expect(doc).toMatchObject({ state: 'ready', fileName: expect.stringMatching(/^fax from /) });
    if (doc.state === 'ready') {
      expect(doc.staged.pages).toBe(2);
      // The engine holds it as a staged document, ready to send.
      expect((await seeded.api.getStagedDocument({ documentId: doc.staged.documentId })).pdfBase64.length).toBeGreaterThan(100);
    }
  });

  it('stays in the Inbox with the reason when a forward is refused', async () => {
    const desk = createDesk(seeded.api);
    desk.nav.getState().go('inbox');
    expect(await desk.forwardFax('no-such-fax')).toBe(false);
    expect(desk.nav.getState().screen).toBe('inbox');
    expect(desk.inbox.getState().actionError).toMatch(/no received fax/i);
    expect(desk.send.getState().documents).toHaveLength(0);
  });
});

describe.each(TRANSPORTS)('faxes arriving while a search is shown over %s', (transport) => {
  const arrival = (over: Partial<InboundFax>): InboundFax => ({
    id: 'new-1',
    from: '+13125550111',
    fromName: '',
    to: '+12025550177',
    pages: 1,
    receivedAt: new Date().toISOString(),
    read: false,
    provider: 'simulator',
    providerFaxId: 'x',
    ...over,
  });
  let seeded: SeededEngine;
  beforeAll(async () => {
    seeded = await startSeededEngine(transport, 5);
  });
  afterAll(async () => seeded?.close());

  it('puts a matching arrival on top, and leaves out one the search does not match', async () => {
    const store = createInboxStore(seeded.api);
    await store.getState().setFilter({ search: '312' });
    expect(store.getState().total).toBe(0);
    store.getState().applyReceived(arrival({ id: 'other', from: '+14155550100' }));
    expect(store.getState().ids).toEqual([]);
    store.getState().applyReceived(arrival({}));
    expect(faxesInOrder(store.getState()).map((f) => f.id)).toEqual(['new-1']);
    expect(store.getState().total).toBe(1);
    // The same announcement twice is one fax.
    store.getState().applyReceived(arrival({}));
    expect(store.getState().total).toBe(1);
  });

  it('counts unread faxes over the whole Inbox, from the engine', async () => {
    const store = createInboxStore(seeded.api);
    await store.getState().load();
    await whenStore(store, (s) => s.unread === 5, 'the count arrives');
    await store.getState().select(store.getState().ids[0]);
    expect(store.getState().unread).toBe(4);
    store.getState().applyChanged({ id: store.getState().ids[1], read: true });
    await seeded.api.markInboundRead({ id: store.getState().ids[1], read: true });
    await store.getState().refreshUnread();
    expect(store.getState().unread).toBe(3);
  });
});
