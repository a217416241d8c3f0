// Send later through a real engine whose clock the test holds: a scheduled fax waits, goes at
// its time, keeps its time across a restart and a wall clock set back or forward; it can be
// changed (time, recipients), sent now or canceled while nothing has started; a schedule in
// the past or in the skipped hour is refused; broadcasts and retries keep the sending window.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { OperationInput, OperationName } from '../../shared/contract';
import { wallClock } from '../../shared/schedule';
import { sendCountWords } from '../../shared/sends';
import { dispatch } from '../../main/engine';
import { callOperation } from '../../main/engine/rpc';
import { startEngine, type Harness } from '../support/engineHarness';

const HOUR = 3_600_000;
const ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** A clock the test moves; starts at the real time. */
function testClock() {
  let offset = 0;
  return {
    clock: () => new Date(Date.now() + offset),
    move: (ms: number) => (offset += ms),
    now: () => Date.now() + offset,
  };
}

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

// The queue looks at the clock every 50 ms here (FAXBOT_QUEUE_RECHECK_MS), not every 10 s.
const fast = { env: { FAXBOT_QUEUE_RECHECK_MS: '50' } };
const call = <N extends OperationName>(name: N, input: OperationInput<N>) => callOperation(harness!.engine, name, input);
const refusal = async (name: string, input: unknown) => {
  const reply = await dispatch(harness!.engine, name, input);
  if (reply.ok) throw new Error(`${name} was accepted`);
  return reply.error;
};
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Send later', () => {
  it('waits until its time on the engine clock, then goes; a clock set back does not send it early', async () => {
    const time = testClock();
    harness = await startEngine(fast, undefined, { clock: time.clock });
    const at = new Date(time.now() + 2 * HOUR).toISOString();
    const job = await call('sendFax', {
      to: '2025550143',
      recipientName: 'Dr. Amy Lee',
      documentIds: [await harness.stagePdf(1)],
      cover: { subject: 'Later', notes: '' },
      sendAt: at,
    });
    expect(job).toMatchObject({ status: 'queued', attempts: 0, sendAt: at, nextAttemptAt: at });
    expect(job.sendId).not.toBeNull();
    const send = await call('getSend', { id: job.sendId! });
    expect(send).toMatchObject({ recipients: 1, sendAt: at, editable: true, first: { name: 'Dr. Amy Lee', to: '+12025550143' } });

    await pause(300);
    time.move(-24 * HOUR); // someone sets the clock back a day
    await pause(300);
    time.move(24 * HOUR + HOUR); // and forward again, an hour short of the time
    await pause(300);
    expect((await call('getJob', { id: job.id })).status).toBe('queued');

    time.move(HOUR + 1000);
    const delivered = await harness.waitForJob(job.id, (j) => j.status === 'delivered');
    expect(delivered.attempts).toBe(1);
    expect(sendCountWords(await call('getSend', { id: job.sendId! }))).toBe('1 of 1 delivered');
  });

  it('keeps its time across a restart, and goes when that time has come while Faxbot was closed', async () => {
    const time = testClock();
    const dataDir = mkdtempSync(join(tmpdir(), 'faxbot-later-'));
    harness = await startEngine(fast, dataDir, { clock: time.clock });
    const send = await call('sendFaxes', {
      recipients: [{ to: '2025550143' }, { to: '2025550144' }],
      documentIds: [await harness.stagePdf(1)],
      sendAt: new Date(time.now() + 10 * 24 * HOUR).toISOString(),
    });
    await harness.close();
    harness = await startEngine(fast, dataDir, { clock: time.clock });
    await pause(300);
    expect((await call('getSend', { id: send.id })).counts.waiting).toBe(2);
    await harness.close();

    time.move(10 * 24 * HOUR + 1000);
    harness = await startEngine(fast, dataDir, { clock: time.clock });
    for (const job of send.jobs) await harness.waitForJob(job.id, (j) => j.status === 'delivered');
  });

  it('follows a wall clock moved forward past a schedule days away (no long timer)', async () => {
    const time = testClock();
    harness = await startEngine(fast, undefined, { clock: time.clock });
    const job = await call('sendFax', {
      to: '2025550143',
      recipientName: '',
      documentIds: [await harness.stagePdf(1)],
      cover: null,
      sendAt: new Date(time.now() + 30 * 24 * HOUR).toISOString(),
    });
    time.move(30 * 24 * HOUR + 1000);
    await harness.waitForJob(job.id, (j) => j.status === 'delivered', 5_000);
  });

  it('refuses a schedule in the past or in the hour the clocks skip, in words, and saves nothing', async () => {
    harness = await startEngine();
    const documentId = await harness.stagePdf(1);
    const base = { to: '2025550143', recipientName: '', documentIds: [documentId], cover: null };
    const past = await refusal('sendFax', { ...base, sendAt: new Date(Date.now() - 60_000).toISOString() });
    expect(past).toMatchObject({ code: 'invalid_input', field: 'sendAt' });
    expect(past.message).toMatch(/has already passed: choose a time in the future, or send now\.$/);
    const gap = await refusal('sendFax', { ...base, sendAt: { local: '2030-03-10T02:30', timeZone: 'America/New_York' } });
    expect(gap.message).toMatch(/does not exist in America\/New_York: the clocks skip that hour when summer time begins/);
    const unreadable = await refusal('sendFaxes', {
      recipients: [{ to: '2025550143' }],
      documentIds: [documentId],
      sendAt: 'next Tuesday',
    });
    expect(unreadable.message).toMatch(/^"next Tuesday" is not a date and time Faxbot can read/);
    expect((await call('listJobs', { limit: 10 })).total).toBe(0);
    expect((await call('listSends', { limit: 10 })).total).toBe(0);
  });

  it('changes the time and the recipients while nothing has started, then sends now; refuses a change once started', async () => {
    const time = testClock();
    harness = await startEngine(fast, undefined, { clock: time.clock });
    const contact = await call('saveContact', { name: 'Eastside Clinic', fax: '2025550151' });
    const send = await call('sendFaxes', {
      recipients: [
        { to: '2025550143', name: 'A' },
        { to: '2025550144', name: 'B' },
      ],
      documentIds: [await harness.stagePdf(1)],
      cover: { subject: 'Later', notes: '' },
      sendAt: new Date(time.now() + 5 * HOUR).toISOString(),
    });
    const later = new Date(time.now() + 8 * HOUR).toISOString();
    const changed = await call('updateSend', {
      id: send.id,
      sendAt: later,
      recipients: [{ to: '2025550143', name: 'A renamed' }, { contactId: contact.id }],
    });
    expect(changed.sendAt).toBe(later);
    expect(changed.jobs.map((j) => [j.to, j.recipientName, j.sendAt])).toEqual([
      ['+12025550143', 'A renamed', later],
      ['+12025550151', 'Eastside Clinic', later],
    ]);
    // The removed recipient was never dialled: it is gone, its removal audited.
    expect((await call('listJobs', { limit: 10 })).items.map((j) => j.to).sort()).toEqual(['+12025550143', '+12025550151']);
    expect(harness.engine.audit.recent(10, 'fax_canceled')[0].details).toMatchObject({ to: '***0144', removedFromSend: true });
    expect(harness.engine.audit.recent(10, 'send_changed')[0].details).toMatchObject({ sendAt: later, added: 1, removed: 1 });

    const now = await call('sendNow', { id: send.id });
    expect(now.sendAt).toBeNull();
    for (const job of now.jobs) await harness.waitForJob(job.id, (j) => j.status === 'delivered');
    const late = await refusal('updateSend', { id: send.id, sendAt: new Date(time.now() + HOUR).toISOString() });
    expect(late).toMatchObject({ code: 'wrong_state' });
    expect(late.message).toMatch(/^This send has already started, so its time and recipients can no longer change/);
    expect((await refusal('sendNow', { id: send.id })).message).toMatch(/^No recipient of this send is waiting to start/);
  });

  it('cancels a scheduled send whole', async () => {
    harness = await startEngine();
    const send = await call('sendFaxes', {
      recipients: [{ to: '2025550143' }, { to: '2025550144' }],
      documentIds: [await harness.stagePdf(1)],
      sendAt: new Date(Date.now() + HOUR).toISOString(),
    });
    const canceled = await call('cancelSend', { id: send.id });
    expect(sendCountWords(canceled)).toBe('0 of 2 delivered · 2 canceled');
  });
});

describe('the sending window', () => {
  it('holds a broadcast (not a single fax) outside the window until it opens; turning the window off lets it go', async () => {
    const time = testClock();
    harness = await startEngine(fast, undefined, { clock: time.clock });
    // A window that is closed now: every day but today.
    const today = wallClock(time.now(), ZONE).weekday;
    const days = [0, 1, 2, 3, 4, 5, 6].filter((d) => d !== today);
    await call('updateSettings', {
      sendingWindowOn: true,
      sendingWindowStart: '00:00',
      sendingWindowEnd: '23:59',
      sendingWindowDays: days,
    });
    const single = await harness.send('2025550160');
    const broadcast = await call('sendFaxes', {
      recipients: [{ to: '2025550143' }, { to: '2025550144' }],
      documentIds: [await harness.stagePdf(1)],
    });
    await harness.waitForJob(single.id, (j) => j.status === 'delivered');
    await pause(200);
    const held = await call('getSend', { id: broadcast.id });
    expect(held).toMatchObject({ heldForWindow: true, counts: { waiting: 2 } });
    // Held until tomorrow 00:00 on this computer's clock.
    const opening = wallClock(Date.parse(held.nextAt!), ZONE);
    expect([opening.hour, opening.minute, opening.weekday]).toEqual([0, 0, (today + 1) % 7]);

    await call('updateSettings', { sendingWindowOn: false });
    for (const job of broadcast.jobs) await harness.waitForJob(job.id, (j) => j.status === 'delivered');
  });

  it('a held broadcast goes when the clock reaches the opening', async () => {
    const time = testClock();
    harness = await startEngine(fast, undefined, { clock: time.clock });
    const today = wallClock(time.now(), ZONE).weekday;
    await call('updateSettings', {
      sendingWindowOn: true,
      sendingWindowStart: '00:00',
      sendingWindowEnd: '23:59',
      sendingWindowDays: [(today + 1) % 7],
    });
    const broadcast = await call('sendFaxes', {
      recipients: [{ to: '2025550143' }, { to: '2025550144' }],
      documentIds: [await harness.stagePdf(1)],
    });
    await pause(200);
    const held = await call('getSend', { id: broadcast.id });
    expect(held.heldForWindow).toBe(true);
    time.move(Date.parse(held.nextAt!) - time.now() + 1000);
    for (const job of broadcast.jobs) await harness.waitForJob(job.id, (j) => j.status === 'delivered');
  });

  it('refuses a window that ends before it starts, and keeps the old one', async () => {
    harness = await startEngine();
    const error = await refusal('updateSettings', { sendingWindowOn: true, sendingWindowStart: '18:00', sendingWindowEnd: '08:00' });
    expect(error).toMatchObject({ code: 'invalid_input', field: 'sendingWindowEnd' });
    expect(error.message).toBe(
      'The sending window ends at 08:00, before it starts at 18:00: choose an end after the start (the window is within one day).',
    );
    expect(await call('getSettings', {})).toMatchObject({ sendingWindowOn: false, sendingWindowStart: '08:00', sendingWindowEnd: '18:00' });
  });
});
