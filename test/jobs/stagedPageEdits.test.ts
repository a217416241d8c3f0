// Send's page view: turning and deleting pages rewrites the staged document in the engine, so
// what the person saw is what the job sends.
import { afterEach, describe, expect, it } from 'vitest';
import { isFinalStatus } from '../../shared/jobState';
import { startEngine, type Harness } from '../support/engineHarness';
import { allText, probePdf } from '../imaging/pdfProbe';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

const pdfOf = (base64: string) => new Uint8Array(Buffer.from(base64, 'base64'));

async function stagedPages(documentId: string) {
  return probePdf(pdfOf((await harness!.engine.call('getStagedDocument', { documentId })).pdfBase64));
}

describe('editing the pages of a staged document', () => {
  it('keeps the pages listed, in that order, each turned as asked, as a new staged document', async () => {
    harness = await startEngine();
    const documentId = await harness.stagePdf(4, 'referral.pdf');
    const edited = await harness.engine.call('editStagedDocument', {
      documentId,
      pages: [
        { page: 3, rotate: 0 },
        { page: 1, rotate: 90 },
        { page: 4, rotate: -90 },
      ],
    });
    expect(edited).toMatchObject({ fileName: 'referral.pdf', kind: 'pdf', pages: 3 });
    expect(edited.documentId).not.toBe(documentId);
    const pages = await stagedPages(edited.documentId);
    expect(pages.map((p) => p.rotate)).toEqual([0, 90, 270]);
    expect(allText(pages).split('\n')).toEqual(['Test page 3 of 4', 'Test page 1 of 4', 'Test page 4 of 4']);
    // The turned page is shown across: its text runs down the page.
    expect(pages[1].width).toBeGreaterThan(pages[1].height);
    expect(pages[1].text[0].angle).toBe(90);
    // The old draft is let go: only the new one can be sent.
    await expect(harness.engine.call('getStagedDocument', { documentId })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('adds turns to a page already turned, and a full turn brings it back upright', async () => {
    harness = await startEngine();
    const first = await harness.engine.call('editStagedDocument', {
      documentId: await harness.stagePdf(2),
      pages: [
        { page: 1, rotate: 90 },
        { page: 2, rotate: 180 },
      ],
    });
    const second = await harness.engine.call('editStagedDocument', {
      documentId: first.documentId,
      pages: [
        { page: 1, rotate: 90 },
        { page: 2, rotate: 180 },
      ],
    });
    expect((await stagedPages(second.documentId)).map((p) => p.rotate)).toEqual([180, 0]);
  });

  it('sends the edited pages: the job’s document has them, turned, after the cover', async () => {
    harness = await startEngine();
    const edited = await harness.engine.call('editStagedDocument', {
      documentId: await harness.stagePdf(3),
      pages: [
        { page: 1, rotate: 0 },
        { page: 3, rotate: 90 },
      ],
    });
    const job = await harness.engine.call('sendFax', {
      to: '+12025550143',
      recipientName: 'Dr. Amy Lee',
      documentIds: [edited.documentId],
      cover: { subject: 'Referral', notes: '' },
    });
    expect(job.pages).toBe(3);
    await harness.waitForJob(job.id, (j) => isFinalStatus(j.status));
    const sent = await probePdf(pdfOf((await harness.engine.call('getJobDocument', { id: job.id })).pdfBase64));
    expect(sent.map((p) => p.rotate)).toEqual([0, 0, 90]);
    expect(allText(sent.slice(1)).split('\n')).toEqual(['Test page 1 of 3', 'Test page 3 of 3']);
  });
});

describe('editing pages refuses what cannot be done, in a sentence, and keeps the document', () => {
  const refusals: [string, { page: number; rotate: number }[], RegExp][] = [
    ['every page deleted', [], /^A document needs at least one page: remove the document instead\.$/],
    ['a page past the end', [{ page: 3, rotate: 0 }], /^letter\.pdf has 2 pages, so there is no page 3: choose pages from 1 to 2\.$/],
    ['page 0', [{ page: 0, rotate: 0 }], /there is no page 0: choose pages from 1 to 2\./],
    [
      'a page twice',
      [
        { page: 1, rotate: 0 },
        { page: 1, rotate: 90 },
      ],
      /^Page 1 of letter\.pdf is listed twice: list each page to keep once, in order\.$/,
    ],
    [
      'a turn that is not a quarter',
      [{ page: 2, rotate: 45 }],
      /^Page 2 of letter\.pdf cannot be turned 45 degrees: turn pages in quarter turns/,
    ],
  ];
  it.each(refusals)('refuses %s', async (_what, pages, message) => {
    harness = await startEngine();
    const documentId = await harness.stagePdf(2);
    await expect(harness.engine.call('editStagedDocument', { documentId, pages })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(message),
    });
    // Nothing changed: the draft is still there, whole.
    expect((await stagedPages(documentId)).length).toBe(2);
  });

  it('refuses a document that is unknown, removed or already sent', async () => {
    harness = await startEngine();
    const gone = /^That document is no longer on the Send screen \(it was sent or removed\)\. Add the file again\.$/;
    const edit = (documentId: string) => harness!.engine.call('editStagedDocument', { documentId, pages: [{ page: 1, rotate: 90 }] });
    await expect(edit('no-such-document')).rejects.toMatchObject({ code: 'not_found', message: expect.stringMatching(gone) });
    const removed = await harness.stagePdf(1);
    await harness.engine.call('discardStagedDocument', { documentId: removed });
    await expect(edit(removed)).rejects.toMatchObject({ code: 'not_found', message: expect.stringMatching(gone) });
    const sent = await harness.stagePdf(1);
    await harness.engine.call('sendFax', { to: '+12025550143', recipientName: '', documentIds: [sent], cover: null });
    await expect(edit(sent)).rejects.toMatchObject({ code: 'not_found', message: expect.stringMatching(gone) });
  });
});
