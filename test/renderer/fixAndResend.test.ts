// Fix and resend on the desk (issue 15), over both transports to a real engine: a fax that
// failed because of its number goes to Send to be corrected; the attempts of a reopened fax
// come from the engine; plain Resend stays one step.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIMULATOR_NUMBERS } from '../../main/engine/providers';
import { isFinalStatus } from '../../shared/jobState';
import { createDesk, createOutboxStore, needsNewNumber } from '../../renderer/src/stores';
import { attemptResult, providerName } from '../../renderer/src/screens/AttemptList';
import { jobChip, jobReason } from '../../renderer/src/format';
import { makeTestPdf } from '../support/pdfs';
import { droppedFile, startDeskEngine, TRANSPORTS, whenStore, type DeskEngine } from './deskEngine';
import { job } from './jobs';

describe('the words of a failed or retrying fax', () => {
  it('keeps the chip to where the fax stands and says the reason once, under the row', () => {
    const gaveUp = job({
      status: 'failed',
      attempts: 3,
      lastError: { code: 'no_answer', message: 'Gave up after 3 attempts: nobody answered.', retryable: true },
    });
    expect(jobChip(gaveUp)).toEqual({ tone: 'red', text: 'Failed' });
    expect(jobReason(gaveUp)).toBe('Gave up after 3 attempts: nobody answered.');
    const retrying = job({
      status: 'queued',
      attempts: 1,
      nextAttemptAt: '2026-03-03T14:05:00.000Z',
      lastError: { code: 'line_busy', message: 'The line was busy.', retryable: true },
    });
    expect(jobChip(retrying, 'en-GB', 'UTC')).toEqual({ tone: 'amber', text: 'Retrying at 14:05' });
    expect(jobReason(retrying)).toBe('Line busy');
    expect(jobReason(job({ status: 'delivered', attempts: 2, lastError: null }))).toBeNull();
  });

  it('says each attempt’s provider and result in words, not codes', () => {
    const base = { number: 1, provider: 'simulator', startedAt: '2026-03-03T14:00:00.000Z', endedAt: null };
    expect(attemptResult({ ...base, outcome: 'retry', error: { code: 'line_busy', message: 'The line was busy.' } })).toBe(
      'Line busy — tried again',
    );
    expect(attemptResult({ ...base, outcome: 'delivered', error: null })).toBe('Delivered');
    expect(attemptResult({ ...base, outcome: 'failed', error: { code: 'not_a_fax_machine', message: 'x' } })).toBe('Not a fax machine');
    expect(providerName('simulator')).toBe('Simulator');
    expect(providerName('phaxio')).toBe('Phaxio');
    expect(providerName('my_fax-service')).toBe('My fax service');
  });

  it('asks for a new number only when the number was the problem', () => {
    expect(needsNewNumber(job({ status: 'failed', lastError: { code: 'not_a_fax_machine', message: '' } }))).toBe(true);
    expect(needsNewNumber(job({ status: 'failed', lastError: { code: 'number_not_in_service', message: '' } }))).toBe(true);
    expect(needsNewNumber(job({ status: 'failed', lastError: { code: 'no_answer', message: '' } }))).toBe(false);
    expect(needsNewNumber(job({ status: 'delivered' }))).toBe(false);
  });
});

describe.each(TRANSPORTS)('fix and resend with the real engine over %s', (transport) => {
  let desk: DeskEngine;
  beforeAll(async () => {
    desk = await startDeskEngine({ transport });
  });
  afterAll(async () => desk?.close());

  async function send(to: string, cover: { subject: string; notes: string } | null = null) {
    const doc = await desk.api.stageDocument({
      fileName: 'referral.pdf',
      contentBase64: Buffer.from(await makeTestPdf(2)).toString('base64'),
    });
    return desk.api.sendFax({ to, recipientName: 'Dr. Amy Lee', documentIds: [doc.documentId], cover });
  }

  async function finished(id: string) {
    for (;;) {
      const job = await desk.api.getJob({ id });
      if (isFinalStatus(job.status)) return job;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it('reads the attempts of a busy-then-delivered fax from the engine when it is opened after a reload', async () => {
    const sent = await send(SIMULATOR_NUMBERS.busyOnce);
    await finished(sent.id);
    // A new window: the list carries counts, not attempts.
    const store = createOutboxStore(desk.api);
    await store.getState().load();
    expect(store.getState().jobs[sent.id]).toMatchObject({ attempts: 2, history: [] });
    store.getState().select(sent.id);
    const state = await whenStore(store, (s) => s.jobs[sent.id].history.length === 2, 'the attempts are read');
    expect(state.jobs[sent.id].history.map((a) => [a.provider, a.outcome])).toEqual([
      ['simulator', 'retry'],
      ['simulator', 'delivered'],
    ]);
    // The list read again does not take them away.
    await store.getState().load();
    expect(store.getState().jobs[sent.id].history).toHaveLength(2);
  });

  it('does not dial a wrong number again in one step; says why, and resends only when asked for the same number', async () => {
    const sent = await send(SIMULATOR_NUMBERS.notAFax);
    await finished(sent.id);
    const store = createOutboxStore(desk.api);
    expect(await store.getState().resend(sent.id)).toBeNull();
    expect(store.getState().actionError).toMatch(/failed because a person or a voice line answered.*Edit and resend/);
    const again = await store.getState().resend(sent.id, { sameNumber: true });
    expect(again).toMatchObject({ to: SIMULATOR_NUMBERS.notAFax, status: 'queued' });
    expect(store.getState().selectedId).toBe(again!.id);
  });

  it('Edit and resend puts the pages, number, recipient and cover on Send, editable, and clears what was there with Undo', async () => {
    const sent = await send(SIMULATOR_NUMBERS.notAFax, { subject: 'Referral', notes: 'Please call back' });
    await finished(sent.id);
    const app = createDesk(desk.api);
    await app.settings.getState().load();
    await app.send.getState().addFiles([droppedFile('draft.pdf', await makeTestPdf(1))]);
    expect(await app.editAndResend(sent.id)).toBe(true);
    const draft = app.send.getState();
    expect(app.nav.getState().screen).toBe('send');
    expect(draft.documents.map((d) => [d.fileName, d.state === 'ready' ? d.staged.pages : 0])).toEqual([['referral.pdf', 2]]);
    expect(draft).toMatchObject({
      to: '(202) 555-0133',
      recipientName: 'Dr. Amy Lee',
      cover: true,
      subject: 'Referral',
      notes: 'Please call back',
    });
    expect(draft.cleared?.documents.map((d) => d.fileName)).toEqual(['draft.pdf']);
    // Corrected, it goes in one step: the same pages and cover to the new number.
    draft.setTo('(202) 555-0143');
    const job = await app.sendAndShow();
    expect(job).toMatchObject({ to: '+12025550143', pages: 3, coverPage: true });
  });

  it('says why Edit and resend cannot open a fax, and stays where it was', async () => {
    const app = createDesk(desk.api);
    app.nav.getState().go('outbox');
    expect(await app.editAndResend('no-such-job')).toBe(false);
    expect(app.outbox.getState().actionError).toMatch(/no fax job/i);
    expect(app.nav.getState().screen).toBe('outbox');
  });
});
