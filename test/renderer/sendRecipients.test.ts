// Several recipients and Send later as the desk's stores hold them, against the real engine
// over both transports: chips in To (a typed number kept, a contact, a group with the member
// it leaves out), Send later's time and its refusals, and the Outbox's one row per send with
// its counts, opened to its recipients, cancel and resend to the failed ones.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import {
  activeJobCount,
  createOutboxStore,
  createSendStore,
  isSend,
  outboxRows,
  whyNotSendable,
  type SendDocument,
} from '../../renderer/src/stores';
import { sendChip } from '../../renderer/src/format';
import { localText } from '../../shared/schedule';
import type { FaxSend } from '../../shared/sends';
import { makeTestPdf } from '../support/pdfs';
import { droppedFile, startDeskEngine, TRANSPORTS, whenStore, type DeskEngine } from './deskEngine';
import { job } from './jobs';

const ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;
const ready: SendDocument = {
  key: 'k',
  fileName: 'a.pdf',
  state: 'ready',
  staged: { documentId: 'd', fileName: 'a.pdf', kind: 'pdf', pages: 1, bytes: 10 },
};
const summary = (over: Partial<FaxSend> = {}): FaxSend => ({
  id: 'send-1',
  recipients: 15,
  pages: 2,
  coverPage: true,
  fileNames: ['a.pdf'],
  sendAt: null,
  nextAt: null,
  heldForWindow: false,
  counts: { delivered: 12, failed: 1, canceled: 0, retrying: 2, sending: 0, waiting: 0 },
  editable: false,
  first: { name: 'Dr. Amy Lee', to: '+12025550143' },
  createdAt: '2026-03-03T14:00:00.000Z',
  updatedAt: '2026-03-03T14:00:00.000Z',
  ...over,
});

describe('the Send button with chips and Send later', () => {
  const chip = { key: 'c', kind: 'number' as const, to: '+12025550143', name: '' };
  const base = { documents: [ready], to: '', cover: false, sending: false };

  it('sends to the chips alone, but not while a half-typed number is in the field', () => {
    expect(whyNotSendable({ ...base, recipients: [] }, 'US')).toBe('Enter a valid fax number.');
    expect(whyNotSendable({ ...base, recipients: [chip] }, 'US')).toBeNull();
    expect(whyNotSendable({ ...base, recipients: [chip], to: '202 55' }, 'US')).toBe('Finish the fax number being typed, or clear it.');
  });

  it("says what is wrong with Send later's time: empty, past, the skipped hour", () => {
    const now = new Date('2026-03-06T15:00:00Z');
    const later = (local: string, timeZone = 'America/New_York') => ({ ...base, recipients: [chip], schedule: { local, timeZone } });
    expect(whyNotSendable(later(''), 'US', now)).toBe('Choose the date and time to send, or turn Send later off.');
    expect(whyNotSendable(later('2026-03-06T09:00'), 'US', now)).toMatch(/has already passed: choose a time in the future/);
    expect(whyNotSendable(later('2026-03-08T02:15'), 'US', now)).toMatch(/does not exist in America\/New_York/);
    expect(whyNotSendable(later('2026-03-09T08:00'), 'US', now)).toBeNull();
  });

  it('reads a send in words on its Outbox row, and counts what is still going', () => {
    expect(sendChip(summary())).toEqual({ tone: 'amber', text: '12 of 15 delivered · 2 retrying · 1 failed' });
    expect(sendChip(summary({ counts: { delivered: 14, failed: 1, canceled: 0, retrying: 0, sending: 0, waiting: 0 } }))).toEqual({
      tone: 'red',
      text: '14 of 15 delivered · 1 failed',
    });
    const at = new Date(Date.now() + 86_400_000).toISOString();
    const scheduled = summary({
      sendAt: at,
      nextAt: at,
      counts: { delivered: 0, failed: 0, canceled: 0, retrying: 0, sending: 0, waiting: 15 },
    });
    expect(sendChip(scheduled).text).toMatch(/^Scheduled for /);
    const sends = { [scheduled.id]: scheduled };
    const jobs = {
      a: job({ id: 'a', status: 'sending', createdAt: '2026-03-03T15:00:00.000Z' }),
      b: job({ id: 'b', sendId: scheduled.id, status: 'queued' }),
    };
    // The send's own jobs are counted once, from its row.
    expect(activeJobCount(jobs, sends)).toBe(16);
    expect(outboxRows({ jobs, sends }).map((row) => [row.kind, row.id])).toEqual([
      ['job', 'a'],
      ['send', 'send-1'],
    ]);
  });
});

describe.each(TRANSPORTS)('several recipients through the stores over %s', (transport) => {
  let desk: DeskEngine;
  beforeAll(async () => {
    desk = await startDeskEngine({ transport });
  });
  afterAll(async () => desk?.close());

  const withDocument = async () => {
    const store = createSendStore(desk.api);
    await store.getState().addFiles([droppedFile('notice.pdf', await makeTestPdf(1))]);
    return store;
  };

  it('keeps a typed number as a chip, adds a contact and a group (naming the member left out), and sends one fax to each', async () => {
    const good = await desk.api.saveContact({ name: 'Good Clinic', fax: '2025550150' });
    const old = await desk.api.saveContact({ name: 'Old Clinic', fax: '2025550151' });
    const group = await desk.api.saveContactGroup({ name: 'Clinics' });
    await desk.api.changeContactGroupMembers({ id: group.id, add: [good.id, old.id] });
    const db = new Database(join(desk.engine.config.dataDir, 'faxbot.sqlite'));
    db.prepare('UPDATE contacts SET fax = ? WHERE id = ?').run('+1202555', old.id);
    db.close();

    const store = await withDocument();
    const s = store.getState();
    s.setRecipient('(202) 555-0143', 'Dr. Amy Lee');
    expect(s.keepTyped('US')).toBe(true);
    expect(store.getState()).toMatchObject({
      to: '',
      recipientName: '',
      recipients: [{ kind: 'number', to: '+12025550143', name: 'Dr. Amy Lee' }],
    });
    // The same number again is not a second chip.
    expect(s.addRecipient({ key: 'again', kind: 'number', to: '+12025550143', name: '' })).toBe(false);
    expect(await s.addGroup(group.id)).toBe(true);
    const groupChip = store.getState().recipients[1];
    expect(groupChip).toMatchObject({ kind: 'group', name: 'Clinics', members: 1 });
    expect(groupChip.kind === 'group' && groupChip.leftOut[0]).toMatch(/^Left out: A fax to Old Clinic would be refused: .*too short/);
    s.setTo('202-555-0160');

    const sent = await s.send('US');
    expect(sent && isSend(sent)).toBe(true);
    if (!sent || !isSend(sent)) return;
    expect(sent.jobs.map((j) => [j.to, j.recipientName])).toEqual([
      ['+12025550143', 'Dr. Amy Lee'],
      ['+12025550150', 'Good Clinic'],
      ['+12025550160', ''],
    ]);
    expect(sent.skipped).toHaveLength(1);
    // A fresh fax: chips gone too.
    expect(store.getState()).toMatchObject({ recipients: [], to: '', documents: [] });

    const outbox = createOutboxStore(desk.api);
    const stop = desk.api.on('sendChanged', (send) => outbox.getState().applySend(send));
    const stopJobs = desk.api.on('jobChanged', (j) => outbox.getState().applyJob(j));
    try {
      await outbox.getState().load();
      const rows = outboxRows(outbox.getState());
      expect(rows.filter((row) => row.id === sent.id)).toHaveLength(1);
      expect(rows.some((row) => row.kind === 'job' && row.job.sendId === sent.id)).toBe(false);
      await outbox.getState().selectSend(sent.id);
      expect(outbox.getState().sendJobIds[sent.id]).toEqual(sent.jobs.map((j) => j.id));
      await whenStore(outbox, (o) => o.sends[sent.id]?.counts.delivered === 3, 'the send row says 3 of 3 delivered');
      expect(sendChip(outbox.getState().sends[sent.id]).text).toBe('3 of 3 delivered');
    } finally {
      stop();
      stopJobs();
    }
  });

  it('sends one typed number sent now as a fax on its own, as before', async () => {
    const store = await withDocument();
    store.getState().setTo('2025550143');
    const sent = await store.getState().send('US');
    expect(sent && !isSend(sent) && sent.sendId).toBeNull();
  });

  it('schedules a fax for later; the Outbox row says when; Cancel send cancels it whole', async () => {
    const store = await withDocument();
    store.getState().setTo('2025550143');
    const local = localText(Date.now() + 2 * 86_400_000, ZONE);
    store.getState().setSchedule({ local, timeZone: ZONE });
    const sent = await store.getState().send('US');
    if (!sent || !isSend(sent)) throw new Error('a scheduled fax answers as a send');
    expect(sent.recipients).toBe(1);
    expect(localText(Date.parse(sent.sendAt!), ZONE)).toBe(local);

    const outbox = createOutboxStore(desk.api);
    await outbox.getState().load();
    expect(sendChip(outbox.getState().sends[sent.id]).text).toMatch(/^Scheduled for /);
    await outbox.getState().cancelSend(sent.id);
    expect(outbox.getState().actionError).toBeNull();
    expect(outbox.getState().sends[sent.id].counts.canceled).toBe(1);
    // A second cancel is refused, in words, beside the buttons.
    await outbox.getState().cancelSend(sent.id);
    expect(outbox.getState().actionError).toBe('Nothing of this send can be canceled: every recipient has already finished.');
  });

  it('refuses a time in the past from the engine too, and keeps the fax to fix', async () => {
    const store = await withDocument();
    store.getState().addRecipient({ key: 'n', kind: 'number', to: '+12025550143', name: '' });
    // Past the form's own check: the engine's refusal is said on the form.
    store.setState({ schedule: { local: localText(Date.now() - 3_600_000, ZONE), timeZone: ZONE } });
    expect(await store.getState().send('US')).toBeNull();
    expect(store.getState().documents).toHaveLength(1);
  });
});
