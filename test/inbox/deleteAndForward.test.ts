import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../main/engine';
import { openDatabase } from '../../main/engine/database';
import { InboxStore } from '../../main/engine/inbox';
import { SIMULATOR_NUMBERS } from '../../main/engine/providers';
import { isFinalStatus } from '../../shared/jobState';
import type { InboundFax } from '../../shared/model';
import { documentIdOf, startEngine, type Harness } from '../support/engineHarness';
import { recordInboxChanges } from './inboxEvents';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

const STATION = '+12025550177';

/** A real received fax: sent to the simulator's own line, which loops it back into the Inbox. */
async function receiveFax(h: Harness, pages = 2): Promise<InboundFax> {
  await h.engine.call('updateSettings', { stationNumber: STATION });
  const job = await h.send(SIMULATOR_NUMBERS.loopback, { pages });
  return h.waitForInbound((fax) => fax.providerFaxId !== '' && fax.pages === pages && fax.receivedAt >= job.createdAt);
}

const storedDocuments = (dataDir: string) => new Set(readdirSync(join(dataDir, 'documents')).filter((name) => name.endsWith('.bin')));

async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; message: string };
  }
  throw new Error('expected the operation to be refused');
}

describe('deleting a received fax, with Undo', () => {
  it('hides it at once everywhere, announces it, and brings it back on restore', async () => {
    harness = await startEngine();
    const changes = recordInboxChanges(harness.engine);
    const fax = await receiveFax(harness);
    expect((await harness.engine.call('getStatus', {})).unreadFaxes).toBe(1);

    const before = Date.now();
    const deleted = await harness.engine.call('deleteInboundFax', { id: fax.id });
    expect(deleted.id).toBe(fax.id);
    const undoUntil = Date.parse(deleted.undoUntil);
    expect(undoUntil).toBeGreaterThanOrEqual(before + 10_000);
    expect(undoUntil).toBeLessThanOrEqual(Date.now() + 10_000);
    expect(changes.seen).toContainEqual({ id: fax.id, deleted: true });

    expect((await harness.engine.call('listInbox', { limit: 50 })).items.map((f) => f.id)).not.toContain(fax.id);
    expect((await harness.engine.call('listInbox', { limit: 50 })).total).toBe(0);
    expect((await harness.engine.call('getStatus', {})).unreadFaxes).toBe(0);
    expect(await refusal(harness.engine.call('getInboundFax', { id: fax.id }))).toMatchObject({ code: 'not_found' });
    expect(await refusal(harness.engine.call('getInboundDocument', { id: fax.id }))).toMatchObject({ code: 'not_found' });
    expect(await refusal(harness.engine.call('markInboundRead', { id: fax.id, read: true }))).toMatchObject({ code: 'not_found' });

    const restored = await harness.engine.call('restoreInboundFax', { id: fax.id });
    expect(restored).toEqual(fax);
    expect(changes.seen).toContainEqual({ id: fax.id, deleted: false });
    const audited = harness.engine.api.auditLog
      .recent(20)
      .filter((e) => e.target === fax.id)
      .map((e) => e.action);
    expect(audited).toEqual(expect.arrayContaining(['inbound_deleted', 'inbound_restored']));
    expect((await harness.engine.call('listInbox', { limit: 50 })).items.map((f) => f.id)).toEqual([fax.id]);
    expect((await harness.engine.call('getStatus', {})).unreadFaxes).toBe(1);
    const doc = await harness.engine.call('getInboundDocument', { id: fax.id });
    expect(Buffer.from(doc.pdfBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('treats a second delete as harmless: same undo time, no second announcement', async () => {
    harness = await startEngine();
    const changes = recordInboxChanges(harness.engine);
    const fax = await receiveFax(harness);
    const first = await harness.engine.call('deleteInboundFax', { id: fax.id });
    const second = await harness.engine.call('deleteInboundFax', { id: fax.id });
    expect(second).toEqual(first);
    expect(changes.seen.filter((c) => c.id === fax.id && c.deleted === true)).toHaveLength(1);
    // Restoring a fax that is not deleted answers it as it is.
    await harness.engine.call('restoreInboundFax', { id: fax.id });
    expect(await harness.engine.call('restoreInboundFax', { id: fax.id })).toEqual(fax);
  });

  it('deletes the document for good when the undo time runs out, and refuses a late Undo', async () => {
    harness = await startEngine({ inboxUndoMs: 300 });
    const changes = recordInboxChanges(harness.engine);
    const fax = await receiveFax(harness);
    const documentId = documentIdOf(harness.dataDir, 'inbound_faxes', fax.id);
    const storedBefore = storedDocuments(harness.dataDir);
    expect(storedBefore.has(`${documentId}.bin`)).toBe(true);

    await harness.engine.call('deleteInboundFax', { id: fax.id });
    // The second announcement is the purge: gone for good.
    await changes.waitFor((c) => c.id === fax.id && c.deleted === true, 2);

    const removed = [...storedBefore].filter((name) => !storedDocuments(harness!.dataDir).has(name));
    expect(removed).toHaveLength(1);
    expect(removed[0]).toBe(`${documentId}.bin`);
    const late = await refusal(harness.engine.call('restoreInboundFax', { id: fax.id }));
    expect(late.code).toBe('not_found');
    expect(late.message).toMatch(/^It was deleted for good/);
    expect(await refusal(harness.engine.call('getInboundFax', { id: fax.id }))).toMatchObject({ code: 'not_found' });
    // Deleting it again is still harmless.
    expect((await harness.engine.call('deleteInboundFax', { id: fax.id })).id).toBe(fax.id);
  });

  it('finishes a deletion whose undo time ran out while Faxbot was closed, at the next start', async () => {
    harness = await startEngine({ inboxUndoMs: 60_000 });
    const fax = await receiveFax(harness);
    const storedBefore = storedDocuments(harness.dataDir);
    await harness.engine.call('deleteInboundFax', { id: fax.id });
    const dataDir = harness.dataDir;
    await harness.close();

    harness = await startEngine({ inboxUndoMs: 0 }, dataDir);
    expect(storedBefore.size - storedDocuments(dataDir).size).toBe(1);
    expect((await refusal(harness.engine.call('restoreInboundFax', { id: fax.id }))).message).toMatch(/deleted for good/);
  });

  it('never lets a provider announcing the same fax again bring a purged fax back', async () => {
    harness = await startEngine({ inboxUndoMs: 0 });
    const changes = recordInboxChanges(harness.engine);
    const fax = await receiveFax(harness);
    await harness.engine.call('deleteInboundFax', { id: fax.id });
    await changes.waitFor((c) => c.id === fax.id && c.deleted === true, 2);
    const { dataDir } = harness;
    await harness.close();
    harness = null;

    const db = openDatabase({ dataDir });
    try {
      const inbox = new InboxStore(db);
      expect(inbox.has(fax.provider, fax.providerFaxId)).toBe(true);
      const again = inbox.insert({
        from: fax.from,
        fromName: fax.fromName,
        to: fax.to,
        pages: fax.pages,
        receivedAt: new Date(),
        provider: fax.provider,
        providerFaxId: fax.providerFaxId,
        documentId: 'x',
      });
      expect(again).toBeNull();
    } finally {
      db.close();
    }
  });

  it('answers not_found for a fax that never existed', async () => {
    harness = await startEngine();
    expect(await refusal(harness.engine.call('deleteInboundFax', { id: 'no-such-fax' }))).toMatchObject({ code: 'not_found' });
    expect(await refusal(harness.engine.call('restoreInboundFax', { id: 'no-such-fax' }))).toMatchObject({ code: 'not_found' });
  });
});

describe('forwarding a received fax', () => {
  it('stages its PDF on the Send screen under the sender’s number, and it can be sent on', async () => {
    harness = await startEngine();
    const fax = await receiveFax(harness, 3);
    const staged = await harness.engine.call('forwardInboundFax', { id: fax.id });
    expect(staged).toMatchObject({ fileName: 'fax from (202) 555-0177.pdf', kind: 'pdf', pages: 3 });
    expect(staged.bytes).toBeGreaterThan(0);
    const pdf = await harness.engine.call('getStagedDocument', { documentId: staged.documentId });
    expect(Buffer.from(pdf.pdfBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');

    const job = await harness.engine.call('sendFax', {
      to: '(202) 555-0143',
      recipientName: 'Dr. Baker',
      documentIds: [staged.documentId],
      cover: null,
    });
    expect(job.pages).toBe(3);
    expect(job.fileNames).toEqual(['fax from (202) 555-0177.pdf']);
    const done = await harness.waitForJob(job.id, (j) => isFinalStatus(j.status));
    expect(done.status).toBe('delivered');
    // The received fax itself is untouched.
    expect(await harness.engine.call('getInboundFax', { id: fax.id })).toEqual(fax);
  });

  it('refuses to forward a deleted fax', async () => {
    harness = await startEngine();
    const fax = await receiveFax(harness, 1);
    await harness.engine.call('deleteInboundFax', { id: fax.id });
    expect(await refusal(harness.engine.call('forwardInboundFax', { id: fax.id }))).toMatchObject({ code: 'not_found' });
  });
});

describe('delete, restore and forward refuse bad ids with field errors', () => {
  const names = ['deleteInboundFax', 'restoreInboundFax', 'forwardInboundFax'] as const;
  const bad = [{}, { id: '' }, { id: '../../etc/passwd' }, { id: 42 }, { id: 'x'.repeat(65) }, null, 'id'];
  it.each(names)('%s', async (name) => {
    harness = await startEngine();
    for (const payload of bad) {
      const reply = await dispatch(harness.engine, name, payload);
      expect(reply.ok, JSON.stringify(payload)).toBe(false);
      if (!reply.ok) {
        expect(reply.error.code).toBe('invalid_input');
        expect(reply.error.fields).toBeDefined();
      }
    }
  });
});
