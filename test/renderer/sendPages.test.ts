// Send's page view through the store: a page turned or deleted is what the fax sends, the
// page count follows, and a refused change leaves the document as it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSendStore, totalPages, turnedPages, whyNotSendable, withoutPage, type SendStore } from '../../renderer/src/stores';
import { makeTestPdf } from '../support/pdfs';
import { allText, probePdf } from '../imaging/pdfProbe';
import { droppedFile, startDeskEngine, TRANSPORTS, type DeskEngine } from './deskEngine';

describe('the edit lists of the page view', () => {
  it('turns one page, or every page, a quarter; deletes one page', () => {
    expect(turnedPages(3, 2)).toEqual([
      { page: 1, rotate: 0 },
      { page: 2, rotate: 90 },
      { page: 3, rotate: 0 },
    ]);
    expect(turnedPages(2, null).map((e) => e.rotate)).toEqual([90, 90]);
    expect(withoutPage(3, 1)).toEqual([
      { page: 2, rotate: 0 },
      { page: 3, rotate: 0 },
    ]);
  });
});

describe.each(TRANSPORTS)('page edits on Send with the real engine over %s', (transport) => {
  let desk: DeskEngine;
  beforeAll(async () => {
    desk = await startDeskEngine({ transport });
  });
  afterAll(async () => desk?.close());

  const readyDoc = (store: SendStore) => {
    const doc = store.getState().documents[0];
    if (doc.state !== 'ready') throw new Error('not staged');
    return doc;
  };

  it('sends the pages as the view left them: one turned, one deleted, the count following', async () => {
    const store = createSendStore(desk.api);
    await store.getState().addFiles([droppedFile('referral.pdf', await makeTestPdf(3))]);
    const key = readyDoc(store).key;
    const editing = store.getState().editPages(key, turnedPages(3, 2));
    // While the engine rewrites it, the fax waits.
    expect(whyNotSendable({ ...store.getState(), to: '(202) 555-0143' }, 'US')).toBe('Wait for the page changes to be saved.');
    expect(await editing).toBeNull();
    expect(await store.getState().editPages(key, withoutPage(3, 3))).toBeNull();
    const doc = readyDoc(store);
    expect(doc).toMatchObject({ key, fileName: 'referral.pdf', editing: false, staged: { pages: 2 } });
    store.getState().setCover(true);
    expect(totalPages(store.getState())).toBe(3);
    store.getState().setTo('(202) 555-0143');
    const job = await store.getState().send('US');
    expect(job).toMatchObject({ pages: 3, coverPage: true });
    const sent = await probePdf(
      new Uint8Array(Buffer.from((await desk.api.getJobDocument({ id: (job as { id: string }).id })).pdfBase64, 'base64')),
    );
    expect(sent.map((p) => p.rotate)).toEqual([0, 0, 90]);
    expect(allText(sent.slice(1)).split('\n')).toEqual(['Test page 1 of 3', 'Test page 2 of 3']);
  });

  it('answers the engine’s sentence for a change it refuses, and keeps the document as it was', async () => {
    const store = createSendStore(desk.api);
    await store.getState().addFiles([droppedFile('one.pdf', await makeTestPdf(1))]);
    const before = readyDoc(store);
    expect(await store.getState().editPages(before.key, [])).toBe('A document needs at least one page: remove the document instead.');
    expect(readyDoc(store)).toMatchObject({ editing: false, staged: before.staged });
    expect((await desk.api.getStagedDocument({ documentId: before.staged.documentId })).pdfBase64.length).toBeGreaterThan(100);
  });

  it('lets the new pages go when the document was removed while the engine worked', async () => {
    const made: string[] = [];
    let answer = () => {};
    const answered = new Promise<void>((resolve) => (answer = resolve));
    const store = createSendStore({
      ...desk.api,
      // The engine's answer reaches the window only after the person removed the document.
      editStagedDocument: async (input) => {
        const doc = await desk.api.editStagedDocument(input);
        made.push(doc.documentId);
        await answered;
        return doc;
      },
    });
    await store.getState().addFiles([droppedFile('gone.pdf', await makeTestPdf(2))]);
    const key = readyDoc(store).key;
    const editing = store.getState().editPages(key, turnedPages(2, 1));
    await expect.poll(() => made.length).toBe(1);
    store.getState().remove(key);
    answer();
    expect(await editing).toBeNull();
    expect(made).toHaveLength(1);
    await expect(desk.api.getStagedDocument({ documentId: made[0] })).rejects.toMatchObject({ code: 'not_found' });
  });
});
