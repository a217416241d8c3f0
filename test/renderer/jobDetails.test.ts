// What the Outbox's job details offer: Cancel / Resend when they make sense, and the
// confirmation page (transmission report) of a finished fax, from the real engine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canCancel, canResend, createOutboxStore, hasReport } from '../../renderer/src/stores';
import { pdfFileName } from '../../renderer/src/documents/savePdf';
import { probePdf } from '../imaging/pdfProbe';
import { makeTestPdf } from '../support/pdfs';
import { startDeskEngine, TRANSPORTS, whenStore, type DeskEngine } from './deskEngine';
import { job } from './jobs';

describe('which actions a job offers', () => {
  it('cancels only a job still waiting, resends only a finished one, and has a confirmation page once it is over', () => {
    const rows = (['queued', 'preparing', 'sending', 'delivered', 'failed', 'canceled'] as const).map((status) => {
      const j = job({ status });
      return [status, canCancel(j), canResend(j), hasReport(j)];
    });
    expect(rows).toEqual([
      ['queued', true, false, false],
      ['preparing', false, false, false],
      ['sending', false, false, false],
      ['delivered', false, true, true],
      ['failed', false, true, true],
      ['canceled', false, true, false],
    ]);
  });
});

describe('the name a saved PDF gets', () => {
  it('keeps a good name, adds .pdf once, and drops what file systems refuse', () => {
    expect(pdfFileName('confirmation-2026-03-03.pdf')).toBe('confirmation-2026-03-03.pdf');
    expect(pdfFileName('Fax to Dr. Lee')).toBe('Fax to Dr. Lee.pdf');
    expect(pdfFileName('a/b\\c:d*?"<>|e.PDF')).toBe('a b c d e.pdf');
    expect(pdfFileName('  ')).toBe('fax.pdf');
    expect(pdfFileName('line\nbreak\u0007.pdf')).toBe('line break.pdf');
    expect(pdfFileName('x'.repeat(300))).toHaveLength(124);
  });
});

describe.each(TRANSPORTS)('the confirmation page with the real engine over %s', (transport) => {
  let desk: DeskEngine;
  beforeAll(async () => {
    desk = await startDeskEngine({ transport });
  });
  afterAll(async () => desk?.close());

  async function deliveredJob() {
    const store = createOutboxStore(desk.api);
    const stop = desk.api.on('jobChanged', (j) => store.getState().applyJob(j));
    const doc = await desk.api.stageDocument({
      fileName: 'letter.pdf',
      contentBase64: Buffer.from(await makeTestPdf(2)).toString('base64'),
    });
    const sent = await desk.api.sendFax({ to: '+12025550143', recipientName: 'Dr. Amy Lee', documentIds: [doc.documentId], cover: null });
    await whenStore(store, (s) => s.jobs[sent.id]?.status === 'delivered', 'the job is delivered');
    stop();
    return { store, id: sent.id };
  }

  it('opens the confirmation page of a delivered fax: a PDF naming the number and the result', async () => {
    const { store, id } = await deliveredJob();
    store.getState().select(id);
    const opening = store.getState().openReport(id);
    expect(store.getState().report).toEqual({ jobId: id, state: 'loading' });
    await opening;
    const report = store.getState().report;
    if (report?.state !== 'ready') throw new Error(`report is ${JSON.stringify(report)}`);
    expect(report.fileName).toMatch(/\.pdf$/);
    const pages = await probePdf(new Uint8Array(Buffer.from(report.pdfBase64, 'base64')));
    expect(pages.length).toBeGreaterThanOrEqual(1);
    const words = pages[0].text.map((t) => t.str).join(' ');
    expect(words).toMatch(/555.?0143/);
    expect(words).toMatch(/deliver|OK|success/i);
  });

  it('closes the confirmation page, and lets it go when another job is selected', async () => {
    const { store, id } = await deliveredJob();
    await store.getState().openReport(id);
    store.getState().closeReport();
    expect(store.getState().report).toBeNull();
    await store.getState().openReport(id);
    store.getState().select(id);
    expect(store.getState().report?.jobId).toBe(id);
    store.getState().select('another-job');
    expect(store.getState().report).toBeNull();
  });

  it('says in words why there is no confirmation page, for a job the engine does not know', async () => {
    const store = createOutboxStore(desk.api);
    await store.getState().openReport('no-such-job');
    const report = store.getState().report;
    expect(report?.state).toBe('error');
    expect(report?.state === 'error' && report.message).toMatch(/\w+ \w+ \w+/);
  });

  it('shows only the newest report asked for when two answers cross', async () => {
    const gate = { release: () => {} };
    const { id } = await deliveredJob();
    const store = createOutboxStore({
      ...desk.api,
      getTransmissionReport: async (input) => {
        if (input.id === id) await new Promise<void>((r) => (gate.release = r));
        return desk.api.getTransmissionReport(input);
      },
    });
    const slow = store.getState().openReport(id);
    await store.getState().openReport('no-such-job');
    gate.release();
    await slow;
    expect(store.getState().report).toMatchObject({ jobId: 'no-such-job', state: 'error' });
  });
});
