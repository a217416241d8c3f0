import { afterEach, describe, expect, it } from 'vitest';
import { SIMULATOR_NUMBERS } from '../../main/engine/providers';
import { isFinalStatus } from '../../shared/jobState';
import { startEngine, type Harness } from '../support/engineHarness';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

const final = (job: { status: Parameters<typeof isFinalStatus>[0] }) => isFinalStatus(job.status);

describe('fax jobs through the simulator', () => {
  it('reports the last page going out before the fax is delivered', async () => {
    harness = await startEngine();
    const progress: string[] = [];
    harness.engine.on((event, payload) => {
      const job = payload as { status: string; pagesSent: number | null };
      if (event === 'jobChanged' && (job.status === 'sending' || job.status === 'delivered'))
        progress.push(`${job.status} ${job.pagesSent}`);
    });
    const job = await harness.send('+12025550143', { pages: 4 });
    await harness.waitForJob(job.id, final);
    expect(progress.at(-1)).toBe('delivered 4');
    expect(progress.at(-2)).toBe('sending 4');
  });

  it('goes queued → sending → delivered, page by page', async () => {
    harness = await startEngine();
    const seen: string[] = [];
    harness.engine.on((event, payload) => {
      if (event === 'jobChanged') seen.push((payload as { status: string }).status);
    });
    const job = await harness.send('(202) 555-0143', { pages: 3 });
    expect(job.status).toBe('queued');
    expect(job.to).toBe('+12025550143');
    const done = await harness.waitForJob(job.id, final);
    expect(done.status).toBe('delivered');
    expect(done.pagesSent).toBe(3);
    expect(done.attempts).toBe(1);
    expect(done.history).toHaveLength(1);
    expect(seen.indexOf('sending')).toBeGreaterThan(-1);
    expect(seen.indexOf('sending')).toBeLessThan(seen.indexOf('delivered'));
  });

  it('retries a busy line with back-off and then delivers', async () => {
    harness = await startEngine();
    const job = await harness.send(SIMULATOR_NUMBERS.busyOnce);
    const retrying = await harness.waitForJob(job.id, (j) => j.status === 'queued' && j.attempts === 1);
    expect(retrying.lastError?.code).toBe('line_busy');
    expect(retrying.nextAttemptAt).not.toBeNull();
    const done = await harness.waitForJob(job.id, final);
    expect(done.status).toBe('delivered');
    expect(done.attempts).toBe(2);
    expect(done.history.map((a) => a.outcome)).toEqual(['retry', 'delivered']);
  });

  it('gives up on a number that never answers after the allowed attempts', async () => {
    harness = await startEngine();
    await harness.engine.call('updateSettings', { maxAttempts: 3 });
    const job = await harness.send(SIMULATOR_NUMBERS.noAnswer);
    const done = await harness.waitForJob(job.id, final);
    expect(done.status).toBe('failed');
    expect(done.attempts).toBe(3);
    expect(done.lastError?.code).toBe('no_answer');
    expect(done.lastError?.message).toMatch(/Gave up after 3 attempts/);
  });

  it('does not retry a permanent failure', async () => {
    harness = await startEngine();
    const job = await harness.send(SIMULATOR_NUMBERS.notAFax);
    const done = await harness.waitForJob(job.id, final);
    expect(done.status).toBe('failed');
    expect(done.attempts).toBe(1);
    expect(done.lastError).toMatchObject({ code: 'not_a_fax_machine' });
    expect(done.lastError?.retryable).toBe(false);
  });

  it('loops a fax to the station’s own number back into the Inbox', async () => {
    harness = await startEngine();
    await harness.engine.call('updateSettings', { stationNumber: '(202) 555-0177' });
    const job = await harness.send('+12025550177', { pages: 2 });
    const received = await harness.waitForInbound((fax) => fax.to === '+12025550177');
    expect(received.pages).toBe(2);
    expect(received.read).toBe(false);
    expect((await harness.engine.call('getJob', { id: job.id })).status).toBe('delivered');
    const doc = await harness.engine.call('getInboundDocument', { id: received.id });
    expect(Buffer.from(doc.pdfBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    const read = await harness.engine.call('markInboundRead', { id: received.id, read: true });
    expect(read.read).toBe(true);
    expect((await harness.engine.call('getStatus', {})).unreadFaxes).toBe(0);
  });

  it('never has more faxes on the line than the concurrency setting', async () => {
    harness = await startEngine();
    await harness.engine.call('updateSettings', { concurrency: 2 });
    let maxBusy = 0;
    const busy = new Map<string, boolean>();
    harness.engine.on((event, payload) => {
      if (event !== 'jobChanged') return;
      const job = payload as { id: string; status: string };
      busy.set(job.id, job.status === 'preparing' || job.status === 'sending');
      maxBusy = Math.max(maxBusy, [...busy.values()].filter(Boolean).length);
    });
    const jobs = [];
    for (let i = 0; i < 6; i++) jobs.push(await harness.send('+12025550143'));
    for (const job of jobs) expect((await harness.waitForJob(job.id, final)).status).toBe('delivered');
    expect(maxBusy).toBeLessThanOrEqual(2);
    expect(maxBusy).toBeGreaterThan(0);
  });
});

describe('cancel and resend', () => {
  it('cancels a queued job, and refuses to cancel a delivered one', async () => {
    harness = await startEngine({ retryBaseMs: 60_000 });
    const job = await harness.send(SIMULATOR_NUMBERS.busyOnce);
    await harness.waitForJob(job.id, (j) => j.status === 'queued' && j.attempts === 1);
    const canceled = await harness.engine.call('cancelJob', { id: job.id });
    expect(canceled.status).toBe('canceled');
    const delivered = await harness.send('+12025550143');
    await harness.waitForJob(delivered.id, final);
    await expect(harness.engine.call('cancelJob', { id: delivered.id })).rejects.toMatchObject({
      code: 'wrong_state',
      message: expect.stringMatching(/already been delivered/),
    });
  });

  it('resends a finished fax as a new job with the same document', async () => {
    harness = await startEngine();
    const job = await harness.send(SIMULATOR_NUMBERS.notAFax, { pages: 2 });
    await harness.waitForJob(job.id, final);
    const again = await harness.engine.call('resendJob', { id: job.id, sameNumber: true });
    expect(again.id).not.toBe(job.id);
    expect(again).toMatchObject({ to: job.to, pages: 2, status: 'queued', attempts: 0 });
    const original = await harness.engine.call('getJobDocument', { id: job.id });
    const copy = await harness.engine.call('getJobDocument', { id: again.id });
    expect(copy.pdfBase64).toBe(original.pdfBase64);
  });

  it('refuses to resend a job that is still going, and unknown ids', async () => {
    harness = await startEngine({ retryBaseMs: 60_000 });
    const job = await harness.send(SIMULATOR_NUMBERS.busyOnce);
    await expect(harness.engine.call('resendJob', { id: job.id })).rejects.toMatchObject({ code: 'wrong_state' });
    await expect(harness.engine.call('getJob', { id: 'no-such-job' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(harness.engine.call('cancelJob', { id: 'no-such-job' })).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('sending refuses bad input whole', () => {
  it('refuses an impossible number with the reason, and creates no job', async () => {
    harness = await startEngine();
    const documentId = await harness.stagePdf();
    await expect(
      harness.engine.call('sendFax', { to: '555-01', recipientName: '', documentIds: [documentId], cover: null }),
    ).rejects.toMatchObject({
      code: 'invalid_number',
      message: expect.stringMatching(/too short/),
    });
    expect((await harness.engine.call('listJobs', { limit: 10 })).total).toBe(0);
    // The staged document is still there for the corrected number.
    expect((await harness.engine.call('getStagedDocument', { documentId })).pdfBase64.length).toBeGreaterThan(0);
  });

  it('refuses unknown or already-sent documents', async () => {
    harness = await startEngine();
    await expect(
      harness.engine.call('sendFax', { to: '+12025550143', recipientName: '', documentIds: ['nope'], cover: null }),
    ).rejects.toMatchObject({ code: 'not_found' });
    const documentId = await harness.stagePdf();
    await harness.engine.call('sendFax', { to: '+12025550143', recipientName: '', documentIds: [documentId], cover: null });
    // A double click sends nothing twice: the draft was used up by the first send.
    await expect(
      harness.engine.call('sendFax', { to: '+12025550143', recipientName: '', documentIds: [documentId], cover: null }),
    ).rejects.toMatchObject({ code: 'not_found' });
    expect((await harness.engine.call('listJobs', { limit: 10 })).total).toBe(1);
  });

  it('merges documents in the order chosen, with a cover page first', async () => {
    harness = await startEngine();
    const a = await harness.stagePdf(2, 'a.pdf');
    const b = await harness.stagePdf(3, 'b.pdf');
    const job = await harness.engine.call('sendFax', {
      to: '+12025550143',
      recipientName: 'Dr. Lee',
      documentIds: [b, a],
      cover: { subject: 'Referral', notes: '' },
    });
    expect(job.pages).toBe(6);
    expect(job.fileNames).toEqual(['b.pdf', 'a.pdf']);
    expect(job.coverPage).toBe(true);
  });
});

describe('lists', () => {
  it('pages through jobs newest first and finds them by number or name', async () => {
    harness = await startEngine({ retryBaseMs: 60_000 });
    await harness.engine.call('updateSettings', { concurrency: 1 });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await harness.send(i === 2 ? '+12025550166' : '+12025550143')).id);
    const first = await harness.engine.call('listJobs', { limit: 2 });
    expect(first.total).toBe(5);
    expect(first.items.map((j) => j.id)).toEqual([ids[4], ids[3]]);
    const second = await harness.engine.call('listJobs', { limit: 2, cursor: first.nextCursor! });
    expect(second.items.map((j) => j.id)).toEqual([ids[2], ids[1]]);
    const third = await harness.engine.call('listJobs', { limit: 2, cursor: second.nextCursor! });
    expect(third.items.map((j) => j.id)).toEqual([ids[0]]);
    expect(third.nextCursor).toBeNull();
    const found = await harness.engine.call('listJobs', { limit: 10, search: '555-0166' });
    expect(found.items.map((j) => j.id)).toEqual([ids[2]]);
    await expect(harness.engine.call('listJobs', { limit: 2, cursor: 'garbage' })).rejects.toMatchObject({ code: 'invalid_input' });
  });
});
