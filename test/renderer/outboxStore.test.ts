import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeJobCount, createOutboxStore, isNewer, jobsNewestFirst } from '../../renderer/src/stores';
import { makeTestPdf } from '../support/pdfs';
import { startDeskEngine, TRANSPORTS, whenStore, type DeskEngine } from './deskEngine';
import { job } from './jobs';

const at = (second: number) => `2026-03-03T14:00:${String(second).padStart(2, '0')}.000Z`;

describe('applying job updates', () => {
  it('applies updates in order and drops one older than what it holds', () => {
    const store = createOutboxStore({} as never);
    const { applyJob } = store.getState();
    applyJob(job({ status: 'queued', updatedAt: at(1) }));
    applyJob(job({ status: 'sending', pagesSent: 2, updatedAt: at(3) }));
    applyJob(job({ status: 'preparing', updatedAt: at(2) })); // late, stale
    expect(store.getState().jobs['job-1']).toMatchObject({ status: 'sending', pagesSent: 2 });
    applyJob(job({ status: 'delivered', updatedAt: at(4) }));
    expect(store.getState().jobs['job-1'].status).toBe('delivered');
  });

  it('never reopens a finished job with an update of the same instant', () => {
    expect(isNewer(job({ status: 'delivered', updatedAt: at(5) }), job({ status: 'sending', updatedAt: at(5) }))).toBe(false);
    expect(isNewer(job({ status: 'sending', updatedAt: at(5) }), job({ status: 'delivered', updatedAt: at(5) }))).toBe(true);
    expect(isNewer(undefined, job())).toBe(true);
  });

  it('keeps an unchanged state object when every update was stale, so nothing re-renders', () => {
    const store = createOutboxStore({} as never);
    store.getState().applyJob(job({ updatedAt: at(9) }));
    const before = store.getState().jobs;
    store.getState().applyJob(job({ updatedAt: at(8) }));
    expect(store.getState().jobs).toBe(before);
  });

  it('lists newest first and counts the jobs still going', () => {
    const jobs = Object.fromEntries(
      [
        job({ id: 'a', createdAt: at(1), status: 'delivered' }),
        job({ id: 'b', createdAt: at(3), status: 'sending' }),
        job({ id: 'c', createdAt: at(2), status: 'queued' }),
        job({ id: 'd', createdAt: at(0), status: 'failed' }),
        job({ id: 'e', createdAt: at(4), status: 'canceled' }),
      ].map((j) => [j.id, j]),
    );
    expect(jobsNewestFirst(jobs).map((j) => j.id)).toEqual(['e', 'b', 'c', 'a', 'd']);
    expect(activeJobCount(jobs)).toBe(2);
  });
});

describe.each(TRANSPORTS)('the outbox store with the real engine over %s', (transport) => {
  let desk: DeskEngine;
  beforeAll(async () => {
    desk = await startDeskEngine({ transport });
  });
  afterAll(async () => desk?.close());

  async function send(to: string) {
    const doc = await desk.api.stageDocument({
      fileName: 'letter.pdf',
      contentBase64: Buffer.from(await makeTestPdf(2)).toString('base64'),
    });
    return desk.api.sendFax({ to, recipientName: 'Clinic', documentIds: [doc.documentId], cover: null });
  }

  it('follows a job from queued to delivered through jobChanged events alone', async () => {
    const store = createOutboxStore(desk.api);
    const seen: string[] = [];
    const stop = desk.api.on('jobChanged', (j) => store.getState().applyJob(j));
    store.subscribe((s) => Object.values(s.jobs).forEach((j) => seen.at(-1) !== j.status && seen.push(j.status)));
    const sent = await send('+12025550143');
    const state = await whenStore(store, (s) => s.jobs[sent.id]?.status === 'delivered', 'the job is delivered');
    stop();
    expect(seen).toContain('sending');
    expect(state.jobs[sent.id].attempts).toBe(1);
  });

  it('loads the list without going back on newer events that arrived first', async () => {
    const sent = await send('+12025550143');
    const store = createOutboxStore(desk.api);
    const stop = desk.api.on('jobChanged', (j) => store.getState().applyJob(j));
    await whenStore(store, (s) => s.jobs[sent.id]?.status === 'delivered', 'the job is delivered');
    stop();
    await store.getState().load();
    expect(store.getState()).toMatchObject({ loaded: true, loadError: null });
    expect(store.getState().jobs[sent.id].status).toBe('delivered');
  });

  it('shows a retry with its reason, then the delivery, for a line busy once', async () => {
    const store = createOutboxStore(desk.api);
    const stop = desk.api.on('jobChanged', (j) => store.getState().applyJob(j));
    const sent = await send('+12025550111');
    const retrying = await whenStore(store, (s) => s.jobs[sent.id]?.lastError?.code === 'line_busy', 'the busy line is reported');
    expect(retrying.jobs[sent.id].attempts).toBeGreaterThanOrEqual(1);
    await whenStore(store, (s) => s.jobs[sent.id]?.status === 'delivered', 'the retry is delivered');
    stop();
  });

  it('resends a delivered job as a new job and selects it; refuses to cancel a finished one with a reason', async () => {
    const store = createOutboxStore(desk.api);
    const stop = desk.api.on('jobChanged', (j) => store.getState().applyJob(j));
    const sent = await send('+12025550143');
    await whenStore(store, (s) => s.jobs[sent.id]?.status === 'delivered', 'the job is delivered');
    const again = await store.getState().resend(sent.id);
    expect(again).not.toBeNull();
    expect(again!.id).not.toBe(sent.id);
    expect(store.getState().selectedId).toBe(again!.id);
    await store.getState().cancel(sent.id);
    expect(store.getState().actionError).toMatch(/\w+ \w+ \w+/);
    expect(store.getState().jobs[sent.id].status).toBe('delivered');
    stop();
  });

  it('reports a list that cannot be loaded', async () => {
    const store = createOutboxStore({ ...desk.api, listJobs: () => Promise.reject(new Error('Faxbot is not answering.')) });
    await store.getState().load();
    expect(store.getState()).toMatchObject({ loaded: true, loadError: 'Faxbot is not answering.' });
  });
});
