// Fix and resend (issue 15): a fax whose number was the problem is not dialled again blindly;
// Edit and resend gets its pages, number, recipient and cover back; the attempts are kept.
import { afterEach, describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { SIMULATOR_NUMBERS } from '../../main/engine/providers';
import { resendFileName } from '../../main/engine/operations';
import { isFinalStatus } from '../../shared/jobState';
import { startEngine, type Harness } from '../support/engineHarness';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

const final = (job: { status: Parameters<typeof isFinalStatus>[0] }) => isFinalStatus(job.status);

async function pageCount(pdfBase64: string): Promise<number> {
  return (await PDFDocument.load(Buffer.from(pdfBase64, 'base64'))).getPageCount();
}

describe('resending a fax that failed because of its number', () => {
  it('refuses to dial the same wrong number again in one step, saying why and what to do', async () => {
    harness = await startEngine();
    const job = await harness.send(SIMULATOR_NUMBERS.notAFax);
    await harness.waitForJob(job.id, final);
    const refused = harness.engine.call('resendJob', { id: job.id });
    await expect(refused).rejects.toMatchObject({ code: 'wrong_state', field: 'to' });
    await expect(refused).rejects.toThrow(/\(202\) 555-0133 failed because a person or a voice line answered.*Edit and resend/);
    const page = await harness.engine.call('listJobs', { limit: 10 });
    expect(page.total).toBe(1);
  });

  it('sends to the same number at once when the person confirms it', async () => {
    harness = await startEngine();
    const job = await harness.send(SIMULATOR_NUMBERS.notAFax);
    await harness.waitForJob(job.id, final);
    const again = await harness.engine.call('resendJob', { id: job.id, sameNumber: true });
    expect(again).toMatchObject({ to: job.to, status: 'queued', attempts: 0 });
    const done = await harness.waitForJob(again.id, final, 5_000);
    expect(done.attempts).toBe(1);
  });

  it('resends any other finished fax in one step, as before', async () => {
    harness = await startEngine({ retryBaseMs: 5 });
    await harness.engine.call('updateSettings', { maxAttempts: 1 });
    const job = await harness.send(SIMULATOR_NUMBERS.noAnswer);
    const failed = await harness.waitForJob(job.id, final);
    expect(failed.lastError?.code).toBe('no_answer');
    const again = await harness.engine.call('resendJob', { id: job.id });
    expect(again.status).toBe('queued');
    const delivered = await harness.send('+12025550143');
    await harness.waitForJob(delivered.id, final);
    expect((await harness.engine.call('resendJob', { id: delivered.id })).to).toBe('+12025550143');
  });
});

describe('Edit and resend', () => {
  it('stages the pages of a fax without its cover, with its number, recipient and cover text', async () => {
    harness = await startEngine();
    const documentId = await harness.stagePdf(2, 'referral.pdf');
    const job = await harness.engine.call('sendFax', {
      to: SIMULATOR_NUMBERS.notAFax,
      recipientName: 'Dr. Amy Lee',
      documentIds: [documentId],
      cover: { subject: 'Referral', notes: 'Please call back' },
    });
    expect(job.pages).toBe(3);
    await harness.waitForJob(job.id, final);
    const staged = await harness.engine.call('stageResend', { id: job.id });
    expect(staged).toMatchObject({
      to: SIMULATOR_NUMBERS.notAFax,
      recipientName: 'Dr. Amy Lee',
      cover: { subject: 'Referral', notes: 'Please call back' },
      document: { fileName: 'referral.pdf', kind: 'pdf', pages: 2 },
    });
    const pdf = await harness.engine.call('getStagedDocument', { documentId: staged.document.documentId });
    expect(await pageCount(pdf.pdfBase64)).toBe(2);
    // Corrected and sent again: a new fax of the same pages with a new cover, three pages in all.
    const fixed = await harness.engine.call('sendFax', {
      to: '+12025550143',
      recipientName: staged.recipientName,
      documentIds: [staged.document.documentId],
      cover: staged.cover,
    });
    expect((await harness.waitForJob(fixed.id, final)).status).toBe('delivered');
    expect(fixed.pages).toBe(3);
  });

  it('keeps every page of a fax sent without a cover, and says no cover', async () => {
    harness = await startEngine();
    const job = await harness.send('+12025550143', { pages: 2 });
    await harness.waitForJob(job.id, final);
    const staged = await harness.engine.call('stageResend', { id: job.id });
    expect(staged.cover).toBeNull();
    expect(staged.document.pages).toBe(2);
  });

  it('refuses a fax still going, and an unknown one, in words', async () => {
    harness = await startEngine({ retryBaseMs: 60_000 });
    const job = await harness.send(SIMULATOR_NUMBERS.busyOnce);
    await expect(harness.engine.call('stageResend', { id: job.id })).rejects.toMatchObject({
      code: 'wrong_state',
      message: expect.stringMatching(/still going: wait for it to finish, or cancel it/),
    });
    await expect(harness.engine.call('stageResend', { id: 'no-such-job' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('names the pages after the files they came from', () => {
    expect(resendFileName(['referral.pdf'])).toBe('referral.pdf');
    expect(resendFileName(['referral.pdf', 'card.png'])).toBe('referral.pdf and 1 more');
    expect(resendFileName(['a.pdf', 'b.pdf', 'c.pdf'])).toBe('a.pdf and 2 more');
    expect(resendFileName([])).toBe('fax.pdf');
  });
});

describe('the attempt history', () => {
  it('keeps each attempt of a busy-then-delivered fax, with its provider and result, across a restart', async () => {
    harness = await startEngine();
    const job = await harness.send(SIMULATOR_NUMBERS.busyOnce);
    await harness.waitForJob(job.id, (j) => j.status === 'delivered');
    const dataDir = harness.dataDir;
    await harness.close();
    harness = await startEngine({}, dataDir);
    const read = await harness.engine.call('getJob', { id: job.id });
    expect(read.history.map((a) => [a.number, a.provider, a.outcome, a.error?.code ?? null])).toEqual([
      [1, 'simulator', 'retry', 'line_busy'],
      [2, 'simulator', 'delivered', null],
    ]);
    for (const attempt of read.history) expect(Date.parse(attempt.startedAt)).not.toBeNaN();
    // The list carries no history (it is read per job, when a fax is opened).
    const listed = (await harness.engine.call('listJobs', { limit: 5 })).items.find((j) => j.id === job.id);
    expect(listed?.attempts).toBe(2);
  });
});
