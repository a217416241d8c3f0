// Documents at rest: sealed with AES-256-GCM under a wrapped data key; a changed byte is
// found on reading; nothing in the data folder reads as a PDF.
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LocalDocumentStore, headlessKeyWrapper, loadDataKey, masterKeyWrapper } from '../../main/engine/storage';
import { startEngine, type Harness } from '../support/engineHarness';
import { makeTestPdf } from '../support/pdfs';

const freshDir = () => mkdtempSync(join(tmpdir(), 'faxbot-storage-'));

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

describe('the encrypted local document store', () => {
  it('reads back what it wrote, and stores no readable PDF', async () => {
    const dir = freshDir();
    const store = new LocalDocumentStore(dir, loadDataKey(dir, headlessKeyWrapper(dir, {})));
    const pdf = await makeTestPdf(2);
    await store.put('doc-1', pdf);
    expect(Buffer.from(await store.get('doc-1')).equals(Buffer.from(pdf))).toBe(true);
    const onDisk = readFileSync(join(dir, 'documents', 'doc-1.bin'));
    expect(onDisk.includes(Buffer.from('%PDF'))).toBe(false);
    expect(onDisk.subarray(0, 4).toString()).toBe('FXE2');
  });

  it('says a document is damaged when one byte changed, or when it was moved under another id', async () => {
    const dir = freshDir();
    const store = new LocalDocumentStore(dir, loadDataKey(dir, headlessKeyWrapper(dir, {})));
    await store.put('doc-1', await makeTestPdf(1));
    const path = join(dir, 'documents', 'doc-1.bin');
    const bytes = readFileSync(path);
    const flipped = Buffer.from(bytes);
    flipped[flipped.length - 10] ^= 0x01;
    writeFileSync(path, flipped);
    await expect(store.get('doc-1')).rejects.toMatchObject({ code: 'document_damaged', message: expect.stringMatching(/damaged/) });
    // The id is bound as associated data: the same sealed bytes under another name do not open.
    writeFileSync(join(dir, 'documents', 'doc-2.bin'), bytes);
    await expect(store.get('doc-2')).rejects.toMatchObject({ code: 'document_damaged' });
    writeFileSync(path, Buffer.from('short'));
    await expect(store.get('doc-1')).rejects.toMatchObject({ code: 'document_damaged' });
  });

  it('keeps the data key wrapped: a key file made 0600, or FAXBOT_MASTER_KEY; a wrong master key is refused in words', () => {
    const dir = freshDir();
    const key = loadDataKey(dir, headlessKeyWrapper(dir, {}));
    expect(statSync(join(dir, 'master.key')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'data.key')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, 'data.key')).includes(key)).toBe(false);
    expect(loadDataKey(dir, headlessKeyWrapper(dir, {})).equals(key)).toBe(true);

    const envDir = freshDir();
    const master = Buffer.alloc(32, 7).toString('base64');
    const envKey = loadDataKey(envDir, headlessKeyWrapper(envDir, { FAXBOT_MASTER_KEY: master }));
    expect(existsSync(join(envDir, 'master.key'))).toBe(false);
    expect(loadDataKey(envDir, headlessKeyWrapper(envDir, { FAXBOT_MASTER_KEY: master })).equals(envKey)).toBe(true);
    expect(() => loadDataKey(envDir, masterKeyWrapper(Buffer.alloc(32, 8), 'FAXBOT_MASTER_KEY'))).toThrow(
      /cannot be unlocked with FAXBOT_MASTER_KEY/,
    );
    expect(() => headlessKeyWrapper(envDir, { FAXBOT_MASTER_KEY: 'too short' })).toThrow(/32 random bytes/);
  });

  it('seals documents an earlier version stored in the clear', async () => {
    const dir = freshDir();
    const store = new LocalDocumentStore(dir, loadDataKey(dir, headlessKeyWrapper(dir, {})));
    const pdf = await makeTestPdf(1);
    writeFileSync(join(dir, 'documents', 'old-doc.bin'), pdf);
    expect(await store.encryptLegacyDocuments()).toBe(1);
    expect(readFileSync(join(dir, 'documents', 'old-doc.bin')).includes(Buffer.from('%PDF'))).toBe(false);
    expect(Buffer.from(await store.get('old-doc')).equals(Buffer.from(pdf))).toBe(true);
    expect(await store.encryptLegacyDocuments()).toBe(0);
  });
});

describe('a data folder after faxing both ways', () => {
  it('holds no PDF or TIFF in the clear anywhere in the data folder, the simulator’s loopback records included', async () => {
    harness = await startEngine();
    await harness.engine.call('updateSettings', { stationNumber: '(202) 555-0177' });
    const job = await harness.send('+12025550177', { pages: 2, cover: true });
    await harness.waitForJob(job.id, (j) => j.status === 'delivered');
    await harness.waitForInbound(() => true);
    expect(filesUnder(harness.dataDir).some((path) => path.endsWith('simulator.sqlite'))).toBe(true);
    const offending = filesUnder(harness.dataDir).filter((path) => {
      const bytes = readFileSync(path);
      return (
        bytes.includes(Buffer.from('%PDF')) ||
        bytes.subarray(0, 4).equals(Buffer.from([0x49, 0x49, 0x2a, 0x00])) ||
        bytes.subarray(0, 4).equals(Buffer.from([0x4d, 0x4d, 0x00, 0x2a]))
      );
    });
    expect(offending).toEqual([]);
  });
});
