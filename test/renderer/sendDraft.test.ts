// The fax on the Send screen beyond its documents: the cover page preview, Esc-clear with
// Undo, and documents handed over by another screen (Inbox → Forward). Real engine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDesk, createSendStore, totalPages } from '../../renderer/src/stores';
import { probePdf } from '../imaging/pdfProbe';
import { makeTestPdf } from '../support/pdfs';
import { droppedFile, startDeskEngine, TRANSPORTS, whenStore, type DeskEngine } from './deskEngine';

/** The pages of a PDF the engine answered, and all their words in one string. */
async function openPdf(pdfBase64: string): Promise<{ pages: number; text: string }> {
  const pages = await probePdf(new Uint8Array(Buffer.from(pdfBase64, 'base64')));
  return { pages: pages.length, text: pages.flatMap((p) => p.text.map((t) => t.str)).join(' ') };
}

const stillStaged = (desk: DeskEngine, documentId: string) =>
  desk.api.getStagedDocument({ documentId }).then(
    () => 'kept',
    (e: { code: string }) => e.code,
  );

describe.each(TRANSPORTS)('the fax being prepared, with the real engine over %s', (transport) => {
  let desk: DeskEngine;
  const engine = () => desk;
  beforeAll(async () => {
    desk = await startDeskEngine({ transport });
  });
  afterAll(async () => desk?.close());

  it('draws the cover page as the first page, counts it, and draws it again when the subject changes', async () => {
    const calls: string[] = [];
    const store = createSendStore(
      { ...desk.api, previewCoverPage: (input) => (calls.push(input.cover.subject ?? ''), desk.api.previewCoverPage(input)) },
      { coverPreviewDelayMs: 20 },
    );
    await store.getState().addFiles([droppedFile('letter.pdf', await makeTestPdf(2))]);
    store.getState().setTo('(202) 555-0143');
    store.getState().setRecipientName('Dr. Amy Lee');
    store.getState().setCover(true);
    expect(totalPages(store.getState())).toBe(3);
    const first = await whenStore(store, (s) => s.coverPreview.state === 'ready', 'the cover page is drawn');
    const cover = await openPdf(first.coverPreview.pdfBase64!);
    expect(cover.pages).toBe(1);
    expect(cover.text).toContain('Amy Lee');

    // Typing fast asks once the typing pauses, not for every letter; the newest drawing wins.
    for (const subject of ['R', 'Re', 'Ref', 'Referral']) store.getState().setSubject(subject);
    const second = await whenStore(store, (s) => s.coverPreview.version > first.coverPreview.version, 'the cover page is drawn again');
    expect((await openPdf(second.coverPreview.pdfBase64!)).text).toContain('Referral');
    expect(calls).not.toContain('Re');

    store.getState().setCover(false);
    expect(store.getState().coverPreview).toMatchObject({ state: 'off', pdfBase64: null });
    expect(totalPages(store.getState())).toBe(2);
  });

  it('shows why the cover page could not be drawn, and keeps the fax', async () => {
    const store = createSendStore(
      { ...desk.api, previewCoverPage: () => Promise.reject(new Error('Faxbot is not answering.')) },
      { coverPreviewDelayMs: 5 },
    );
    store.getState().setTo('(202) 555-0143');
    store.getState().setCover(true);
    const state = await whenStore(store, (s) => s.coverPreview.state === 'error', 'the preview fails');
    expect(state.coverPreview.message).toBe('Faxbot is not answering.');
    expect(state).toMatchObject({ cover: true, to: '(202) 555-0143' });
  });

  it('clears the fax on Esc and brings all of it back with Undo, documents still on the engine', async () => {
    const store = createSendStore(desk.api, { undoMs: 60_000 });
    await store.getState().addFiles([droppedFile('a.pdf', await makeTestPdf(1)), droppedFile('b.pdf', await makeTestPdf(2))]);
    store.getState().setTo('(202) 555-0143');
    store.getState().setRecipientName('Dr. Amy Lee');
    store.getState().setCover(true);
    store.getState().setSubject('Referral');
    store.getState().setNotes('Please call.');
    const before = store.getState();
    const ids = before.documents.map((d) => (d.state === 'ready' ? d.staged.documentId : ''));

    expect(store.getState().clear()).toBe(true);
    expect(store.getState()).toMatchObject({ documents: [], to: '', recipientName: '', cover: false, subject: '', notes: '' });
    expect(store.getState().cleared).not.toBeNull();
    for (const id of ids) expect(await stillStaged(desk, id)).toBe('kept');

    expect(store.getState().undoClear()).toBe(true);
    const after = store.getState();
    expect(after.documents).toEqual(before.documents);
    expect(after).toMatchObject({
      to: '(202) 555-0143',
      recipientName: 'Dr. Amy Lee',
      cover: true,
      subject: 'Referral',
      notes: 'Please call.',
      cleared: null,
    });
    expect(after.undoClear()).toBe(false);
    // What came back still sends.
    const job = await after.send('US');
    expect(job).toMatchObject({ fileNames: ['a.pdf', 'b.pdf'], coverPage: true, pages: 4 });
  });

  it('lets the engine forget the cleared documents only when the undo time is over', async () => {
    const store = createSendStore(desk.api, { undoMs: 150 });
    await store.getState().addFiles([droppedFile('gone.pdf', await makeTestPdf(1))]);
    const doc = store.getState().documents[0];
    if (doc.state !== 'ready') throw new Error('not staged');
    store.getState().clear();
    expect(await stillStaged(desk, doc.staged.documentId)).toBe('kept');
    await whenStore(store, (s) => s.cleared === null, 'the undo time is over');
    expect(store.getState().undoClear()).toBe(false);
    expect(store.getState().documents).toEqual([]);
    await expect.poll(() => stillStaged(desk, doc.staged.documentId)).toBe('not_found');
  });

  it('keeps a file that was still loading when the fax was cleared, so Undo brings it back ready', async () => {
    const store = createSendStore(desk.api, { undoMs: 60_000 });
    const adding = store.getState().addFiles([droppedFile('slow.pdf', await makeTestPdf(3))]);
    store.getState().clear();
    await adding;
    expect(store.getState().cleared?.documents[0]).toMatchObject({ fileName: 'slow.pdf', state: 'ready' });
    store.getState().undoClear();
    const doc = store.getState().documents[0];
    expect(doc.state === 'ready' && doc.staged.pages).toBe(3);
    expect(await stillStaged(desk, doc.state === 'ready' ? doc.staged.documentId : 'x')).toBe('kept');
  });

  it('has nothing to clear on an empty fax, and a second clear lets the first one go', async () => {
    const store = createSendStore(desk.api, { undoMs: 60_000 });
    expect(store.getState().clear()).toBe(false);
    expect(store.getState().cleared).toBeNull();
    await store.getState().addFiles([droppedFile('first.pdf', await makeTestPdf(1))]);
    const first = store.getState().documents[0];
    store.getState().clear();
    store.getState().setTo('(202) 555-0143');
    store.getState().clear();
    expect(store.getState().cleared).toMatchObject({ to: '(202) 555-0143', documents: [] });
    await expect.poll(() => stillStaged(desk, first.state === 'ready' ? first.staged.documentId : 'x')).toBe('not_found');
  });

  it('takes a document the engine already staged (Forward) after the ones on the fax, and sends it', async () => {
    const store = createSendStore(desk.api);
    await store.getState().addFiles([droppedFile('note.txt', 'Forwarding the attached.\n')]);
    const staged = await desk.api.stageDocument({
      fileName: 'fax-from-clinic.pdf',
      contentBase64: Buffer.from(await makeTestPdf(2)).toString('base64'),
    });
    store.getState().addStagedDocument(staged);
    expect(store.getState().documents.map((d) => [d.fileName, d.state])).toEqual([
      ['note.txt', 'ready'],
      ['fax-from-clinic.pdf', 'ready'],
    ]);
    expect(totalPages(store.getState())).toBe(3);
    store.getState().setTo('(202) 555-0143');
    expect(await store.getState().send('US')).toMatchObject({ fileNames: ['note.txt', 'fax-from-clinic.pdf'], pages: 3 });
  });

  it('forwards a received fax: Send opens with it attached, next to what was already there', async () => {
    const desk = createDesk(engine().api);
    const stop = desk.start();
    const doc = await engine().api.stageDocument({
      fileName: 'lab.pdf',
      contentBase64: Buffer.from(await makeTestPdf(2)).toString('base64'),
    });
    // The simulator's loopback number delivers the fax back to this station's Inbox.
    await engine().api.sendFax({ to: '+12025550100', recipientName: '', documentIds: [doc.documentId], cover: null });
    const inbox = await whenStore(desk.inbox, (s) => Object.keys(s.faxes).length > 0, 'the fax is received');
    const received = Object.values(inbox.faxes)[0];
    await desk.send.getState().addFiles([droppedFile('cover-note.txt', 'See the attached results.\n')]);
    desk.nav.getState().go('inbox');

    expect(await desk.forwardFax(received.id)).toBe(true);
    expect(desk.nav.getState().screen).toBe('send');
    const docs = desk.send.getState().documents;
    expect(docs.map((d) => d.state)).toEqual(['ready', 'ready']);
    expect(docs[0].fileName).toBe('cover-note.txt');
    expect(docs[1].state === 'ready' && docs[1].staged.pages).toBe(2);
    stop();
  });
});
