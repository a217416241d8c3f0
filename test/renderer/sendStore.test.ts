import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSendStore, canSend, totalPages, whyNotSendable, type SendDocument } from '../../renderer/src/stores';
import { makeTestPdf } from '../support/pdfs';
import { droppedFile, startDeskEngine, TRANSPORTS, whenStore, type DeskEngine } from './deskEngine';

const ready = (pages: number): SendDocument => ({
  key: `k${pages}`,
  fileName: `${pages}.pdf`,
  state: 'ready',
  staged: { documentId: `d${pages}`, fileName: `${pages}.pdf`, kind: 'pdf', pages, bytes: 100 },
});
const loading: SendDocument = { key: 'kl', fileName: 'big.pdf', state: 'loading' };

describe('the rules of the Send button', () => {
  const base = { documents: [ready(2)], to: '(202) 555-0143', cover: false, sending: false };

  it('allows a valid number with at least one loaded document', () => {
    expect(whyNotSendable(base, 'US')).toBeNull();
    expect(canSend(base, 'US')).toBe(true);
  });

  it('says why not: no document, a file still loading, a bad number, already sending', () => {
    expect(whyNotSendable({ ...base, documents: [] }, 'US')).toMatch(/Add a document/);
    expect(whyNotSendable({ ...base, documents: [ready(1), loading] }, 'US')).toMatch(/loading/);
    expect(whyNotSendable({ ...base, to: '555-01' }, 'US')).toMatch(/valid fax number/);
    expect(whyNotSendable({ ...base, to: '' }, 'US')).toMatch(/valid fax number/);
    expect(whyNotSendable({ ...base, sending: true }, 'US')).toMatch(/Sending/);
  });

  it('reads a number without + in the default country', () => {
    expect(canSend({ ...base, to: '020 7946 0018' }, 'GB')).toBe(true);
    expect(canSend({ ...base, to: '020 7946 0018' }, 'US')).toBe(false);
  });

  it('counts pages of loaded documents, plus one for the cover page', () => {
    expect(totalPages({ documents: [ready(2), ready(3), loading], cover: false })).toBe(5);
    expect(totalPages({ documents: [ready(2), ready(3)], cover: true })).toBe(6);
    expect(totalPages({ documents: [], cover: true })).toBe(0);
  });
});

describe.each(TRANSPORTS)('the send store with the real engine over %s', (transport) => {
  let desk: DeskEngine;
  beforeAll(async () => {
    desk = await startDeskEngine({ transport });
  });
  afterAll(async () => desk?.close());

  it('stages dropped files in drop order, with the page counts the engine found', async () => {
    const store = createSendStore(desk.api);
    const adding = store
      .getState()
      .addFiles([droppedFile('long.pdf', await makeTestPdf(5)), droppedFile('note.txt', 'Please call the office.\n')]);
    // Placeholders hold the order while the engine works.
    expect(store.getState().documents.map((d) => [d.fileName, d.state])).toEqual([
      ['long.pdf', 'loading'],
      ['note.txt', 'loading'],
    ]);
    await adding;
    const docs = store.getState().documents;
    expect(docs.map((d) => d.fileName)).toEqual(['long.pdf', 'note.txt']);
    expect(docs.map((d) => (d.state === 'ready' ? [d.staged.kind, d.staged.pages] : null))).toEqual([
      ['pdf', 5],
      ['text', 1],
    ]);
    store.getState().setCover(true);
    expect(totalPages(store.getState())).toBe(7);
  });

  it('reorders with up and down, and ignores a move past either end', async () => {
    const store = createSendStore(desk.api);
    const pdf = await makeTestPdf(1);
    await store.getState().addFiles(['a.pdf', 'b.pdf', 'c.pdf'].map((name) => droppedFile(name, pdf)));
    const names = () => store.getState().documents.map((d) => d.fileName);
    const key = (name: string) => store.getState().documents.find((d) => d.fileName === `${name}.pdf`)!.key;
    store.getState().move(key('c'), -1);
    expect(names()).toEqual(['a.pdf', 'c.pdf', 'b.pdf']);
    store.getState().move(key('a'), -1);
    store.getState().move(key('b'), 1);
    expect(names()).toEqual(['a.pdf', 'c.pdf', 'b.pdf']);
    store.getState().move(key('a'), 1);
    expect(names()).toEqual(['c.pdf', 'a.pdf', 'b.pdf']);
  });

  it('removes a document with Undo, and tells the engine to forget it once the undo time is over', async () => {
    const store = createSendStore(desk.api, { undoMs: 300 });
    await store.getState().addFiles([droppedFile('first.pdf', await makeTestPdf(1)), droppedFile('gone.pdf', await makeTestPdf(2))]);
    const [first, doc] = store.getState().documents;
    if (doc.state !== 'ready' || first.state !== 'ready') throw new Error('not staged');
    // Undo puts it back where it was, with its pages still on the engine.
    store.getState().remove(first.key);
    expect(store.getState().documents.map((d) => d.fileName)).toEqual(['gone.pdf']);
    expect(store.getState().removed?.doc.fileName).toBe('first.pdf');
    expect(store.getState().undoRemove()).toBe(true);
    expect(store.getState().documents.map((d) => d.fileName)).toEqual(['first.pdf', 'gone.pdf']);
    expect(store.getState().undoRemove()).toBe(false);
    await desk.api.getStagedDocument({ documentId: first.staged.documentId });

    store.getState().remove(doc.key);
    expect(store.getState().documents.map((d) => d.fileName)).toEqual(['first.pdf']);
    await expect
      .poll(() =>
        desk.api.getStagedDocument({ documentId: doc.staged.documentId }).then(
          () => 'still there',
          (e: { code: string }) => e.code,
        ),
      )
      .toBe('not_found');
    expect(store.getState().removed).toBeNull();
    expect(store.getState().undoRemove()).toBe(false);
  });

  it('shows why a broken or unsupported file was refused, and keeps the other documents', async () => {
    const store = createSendStore(desk.api);
    await store
      .getState()
      .addFiles([
        droppedFile('good.pdf', await makeTestPdf(1)),
        droppedFile('broken.pdf', '%PDF-1.7 garbage'),
        droppedFile('movie.mp4', new Uint8Array([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x6d, 0x70, 0x34, 0x32])),
        droppedFile('empty.pdf', ''),
      ]);
    expect(store.getState().documents.map((d) => d.fileName)).toEqual(['good.pdf']);
    const problems = store.getState().problems;
    expect(problems.map((p) => p.fileName).sort()).toEqual(['broken.pdf', 'empty.pdf', 'movie.mp4']);
    for (const p of problems) expect(p.message.length).toBeGreaterThan(15);
    const broken = problems.find((p) => p.fileName === 'broken.pdf')!;
    store.getState().dismissProblem(broken.key);
    expect(
      store
        .getState()
        .problems.map((p) => p.fileName)
        .sort(),
    ).toEqual(['empty.pdf', 'movie.mp4']);
  });

  it('discards a file the person removed while it was still loading', async () => {
    const staged: string[] = [];
    const store = createSendStore({
      ...desk.api,
      stageDocument: async (input) => {
        const doc = await desk.api.stageDocument(input);
        staged.push(doc.documentId);
        return doc;
      },
    });
    const adding = store.getState().addFiles([droppedFile('changed-my-mind.pdf', await makeTestPdf(2))]);
    store.getState().remove(store.getState().documents[0].key);
    await adding;
    expect(store.getState().documents).toEqual([]);
    expect(staged).toHaveLength(1);
    await expect(desk.api.getStagedDocument({ documentId: staged[0] })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('sends the documents in the shown order with the cover page, then starts a fresh fax', async () => {
    const store = createSendStore(desk.api);
    await store.getState().addFiles([droppedFile('first.pdf', await makeTestPdf(1)), droppedFile('second.pdf', await makeTestPdf(2))]);
    store.getState().move(store.getState().documents[1].key, -1);
    store.getState().setTo('(202) 555-0143');
    store.getState().setRecipientName('  Dr. Amy Lee ');
    store.getState().setCover(true);
    store.getState().setSubject('Referral');
    const job = await store.getState().send('US');
    expect(job).toMatchObject({
      to: '+12025550143',
      recipientName: 'Dr. Amy Lee',
      fileNames: ['second.pdf', 'first.pdf'],
      coverPage: true,
      pages: 4,
    });
    expect(store.getState()).toMatchObject({ documents: [], to: '', cover: false, sending: false, sendError: null });
  });

  it('does not send an incomplete fax, and shows the engine’s reason when a send is refused', async () => {
    const store = createSendStore(desk.api);
    expect(await store.getState().send('US')).toBeNull();
    await store.getState().addFiles([droppedFile('x.pdf', await makeTestPdf(1))]);
    store.getState().setTo('(202) 555-0143');
    const doc = store.getState().documents[0];
    if (doc.state !== 'ready') throw new Error('not staged');
    // The staged file disappears behind the store's back (another window discarded it).
    await desk.api.discardStagedDocument({ documentId: doc.staged.documentId });
    expect(await store.getState().send('US')).toBeNull();
    const state = await whenStore(store, (s) => s.sendError !== null, 'the send error shows');
    expect(state.sending).toBe(false);
    expect(state.sendError!.length).toBeGreaterThan(15);
    expect(state.documents).toHaveLength(1);
  });
});
