import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../main/engine';
import { startEngine, type Harness } from '../support/engineHarness';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

async function sendTo(h: Harness, to: string, recipientName: string) {
  const documentId = await h.stagePdf(1);
  return h.engine.call('sendFax', { to, recipientName, documentIds: [documentId], cover: null });
}

describe('recent recipients', () => {
  it('lists each number once, most recently faxed first, with how many faxes it got', async () => {
    harness = await startEngine();
    await sendTo(harness, '(202) 555-0143', 'Adams Family Practice');
    await sendTo(harness, '(202) 555-0199', 'Baker Labs');
    await sendTo(harness, '202-555-0143', 'Adams Family Practice');
    const last = await sendTo(harness, '+1 202 555 0188', 'Carter Care');
    const { items } = await harness.engine.call('listRecentRecipients', { limit: 10 });
    expect(items.map((r) => [r.to, r.faxes])).toEqual([
      ['+12025550188', 1],
      ['+12025550143', 2],
      ['+12025550199', 1],
    ]);
    expect(items[0].lastSentAt).toBe(last.createdAt);
  });

  it('names each number by the most recent non-empty name used for it', async () => {
    harness = await startEngine();
    await sendTo(harness, '(202) 555-0143', 'Dr. Adams');
    await sendTo(harness, '(202) 555-0143', '');
    expect((await harness.engine.call('listRecentRecipients', { limit: 10 })).items[0]).toMatchObject({
      recipientName: 'Dr. Adams',
      faxes: 2,
    });
    await sendTo(harness, '(202) 555-0143', 'Adams Family Practice');
    expect((await harness.engine.call('listRecentRecipients', { limit: 10 })).items[0]).toMatchObject({
      recipientName: 'Adams Family Practice',
      faxes: 3,
    });
    await sendTo(harness, '(202) 555-0166', '');
    expect((await harness.engine.call('listRecentRecipients', { limit: 10 })).items[0]).toMatchObject({
      to: '+12025550166',
      recipientName: '',
    });
  });

  it('searches the digits of the number or the name shown, and honours the limit', async () => {
    harness = await startEngine();
    await sendTo(harness, '(202) 555-0143', 'Old Name Clinic');
    await sendTo(harness, '(202) 555-0143', 'Adams Family Practice');
    await sendTo(harness, '(202) 555-0199', 'Baker Labs');
    await sendTo(harness, '(202) 555-0188', '50% Care');
    const search = async (text: string, limit = 10) =>
      (await harness!.engine.call('listRecentRecipients', { limit, search: text })).items.map((r) => r.to);
    expect(await search('555-0143')).toEqual(['+12025550143']);
    expect(await search('(202) 555')).toEqual(['+12025550188', '+12025550199', '+12025550143']);
    expect(await search('baker')).toEqual(['+12025550199']);
    // Matches the name shown, not one used before it.
    expect(await search('old name')).toEqual([]);
    expect(await search('% c')).toEqual(['+12025550188']);
    expect(await search('nobody')).toEqual([]);
    expect(await search('202', 2)).toEqual(['+12025550188', '+12025550199']);
    expect((await harness.engine.call('listRecentRecipients', { limit: 1 })).items).toHaveLength(1);
  });

  it('is empty before anything was sent', async () => {
    harness = await startEngine();
    expect(await harness.engine.call('listRecentRecipients', { limit: 10 })).toEqual({ items: [] });
  });

  it.each([
    [{ limit: 0 }, 'limit'],
    [{ limit: 51 }, 'limit'],
    [{ limit: 2.5 }, 'limit'],
    [{ limit: '10' }, 'limit'],
    [{ search: 'x'.repeat(101) }, 'search'],
    [{ search: 42 }, 'search'],
  ])('refuses %j with a field error', async (payload, field) => {
    harness = await startEngine();
    const reply = await dispatch(harness.engine, 'listRecentRecipients', payload);
    expect(reply.ok).toBe(false);
    if (!reply.ok) {
      expect(reply.error.code).toBe('invalid_input');
      expect(Object.keys(reply.error.fields ?? {})).toContain(field);
    }
  });
});
