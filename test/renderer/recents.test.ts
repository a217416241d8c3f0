// Recent numbers offered under the To field: what the engine remembers, what fits what is
// typed, and the keys of the list (↓ opens, Enter picks, Esc closes).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDesk, createRecentsStore, matchingRecents } from '../../renderer/src/stores';
import { listboxKey } from '../../renderer/src/components/listboxKeys';
import type { RecentRecipient } from '../../shared/model';
import { makeTestPdf } from '../support/pdfs';
import { droppedFile, startDeskEngine, TRANSPORTS, whenStore, type DeskEngine } from './deskEngine';

const recent = (to: string, recipientName: string): RecentRecipient => ({
  to,
  recipientName,
  lastSentAt: '2026-03-03T14:00:00.000Z',
  faxes: 1,
});
const amy = recent('+12025550143', 'Dr. Amy Lee');
const lab = recent('+13125550199', 'City Lab');
const london = recent('+442079460018', '');

describe('which recent numbers fit what is typed', () => {
  it('offers them all for an empty field', () => {
    expect(matchingRecents([amy, lab, london], '  ')).toEqual([amy, lab, london]);
  });

  it('matches typed digits anywhere in the number, however they are punctuated', () => {
    expect(matchingRecents([amy, lab, london], '(202) 555')).toEqual([amy]);
    expect(matchingRecents([amy, lab, london], '555')).toEqual([amy, lab]);
    expect(matchingRecents([amy, lab, london], '+44 20')).toEqual([london]);
    expect(matchingRecents([amy, lab, london], '999')).toEqual([]);
  });

  it('matches words in the name, without caring for case', () => {
    expect(matchingRecents([amy, lab, london], 'amy')).toEqual([amy]);
    expect(matchingRecents([amy, lab, london], 'LAB')).toEqual([lab]);
  });
});

describe('the keys of the recent numbers list', () => {
  const closed = { open: false, active: -1 };

  it('opens on ↓ at the first option, moves down and up, and wraps', () => {
    expect(listboxKey(closed, 'ArrowDown', 3)).toEqual({ kind: 'move', state: { open: true, active: 0 } });
    expect(listboxKey({ open: true, active: 0 }, 'ArrowDown', 3)).toEqual({ kind: 'move', state: { open: true, active: 1 } });
    expect(listboxKey({ open: true, active: 2 }, 'ArrowDown', 3)).toEqual({ kind: 'move', state: { open: true, active: 0 } });
    expect(listboxKey({ open: true, active: 0 }, 'ArrowUp', 3)).toEqual({ kind: 'move', state: { open: true, active: 2 } });
  });

  it('picks the highlighted option on Enter, and leaves Enter alone when nothing is highlighted or the list is shut', () => {
    expect(listboxKey({ open: true, active: 1 }, 'Enter', 3)).toEqual({ kind: 'pick', index: 1 });
    expect(listboxKey({ open: true, active: -1 }, 'Enter', 3)).toEqual({ kind: 'none' });
    expect(listboxKey(closed, 'Enter', 3)).toEqual({ kind: 'none' });
    expect(listboxKey({ open: true, active: 5 }, 'Enter', 3)).toEqual({ kind: 'none' });
  });

  it('closes on Esc only when open (a shut list leaves Esc to clear the fax), and never opens with no options', () => {
    expect(listboxKey({ open: true, active: 0 }, 'Escape', 3)).toEqual({ kind: 'close' });
    expect(listboxKey(closed, 'Escape', 3)).toEqual({ kind: 'none' });
    expect(listboxKey(closed, 'ArrowDown', 0)).toEqual({ kind: 'none' });
    expect(listboxKey(closed, 'ArrowUp', 3)).toEqual({ kind: 'none' });
    expect(listboxKey(closed, 'a', 3)).toEqual({ kind: 'none' });
  });
});

describe.each(TRANSPORTS)('recent numbers from the real engine over %s', (transport) => {
  let engine: DeskEngine;
  beforeAll(async () => {
    engine = await startDeskEngine({ transport });
  });
  afterAll(async () => engine?.close());

  it('offers nothing before the first fax, then the number just sent, which fills number and name', async () => {
    const desk = createDesk(engine.api);
    const stop = desk.start();
    await whenStore(desk.recents, (r) => r.loaded, 'the recents load');
    expect(desk.recents.getState()).toMatchObject({ items: [], error: null });

    await desk.send.getState().addFiles([droppedFile('referral.pdf', await makeTestPdf(1))]);
    desk.send.getState().setTo('(202) 555-0143');
    desk.send.getState().setRecipientName('Dr. Amy Lee');
    expect(await desk.sendAndShow()).not.toBeNull();
    const { items } = await whenStore(desk.recents, (r) => r.items.length === 1, 'the number is offered');
    expect(items[0]).toMatchObject({ to: '+12025550143', recipientName: 'Dr. Amy Lee' });
    expect(matchingRecents(items, '202')).toHaveLength(1);

    // Picking it on a fresh fax fills both fields, and the fax is then sendable.
    desk.send.getState().setRecipient('(202) 555-0143', items[0].recipientName);
    expect(desk.send.getState()).toMatchObject({ to: '(202) 555-0143', recipientName: 'Dr. Amy Lee' });
    stop();
  });

  it('shows why the recents could not be loaded, and keeps what it had', async () => {
    let fail = false;
    const store = createRecentsStore({
      ...engine.api,
      listRecentRecipients: (input) =>
        fail ? Promise.reject(new Error('Faxbot is not answering.')) : engine.api.listRecentRecipients(input),
    });
    await store.getState().load();
    const had = store.getState().items;
    fail = true;
    await store.getState().load();
    expect(store.getState()).toMatchObject({ error: 'Faxbot is not answering.', items: had });
  });
});
