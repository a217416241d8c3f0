// The S3 document store against s3rver on 127.0.0.1: what goes in comes back out, the
// bucket only ever holds ciphertext, and a failed upload leaves nothing behind.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { S3DocumentStore } from '../../main/engine/storage/s3DocumentStore';
import { startFakeS3, type FakeS3 } from '../support/s3rver';
import { makeTestPdf } from '../support/pdfs';

const key = randomBytes(32);
let s3: FakeS3;
const stores: S3DocumentStore[] = [];
const storeWith = (overrides: Parameters<FakeS3['settings']>[0] = {}, dataKey = key) => {
  const store = new S3DocumentStore(s3.settings(overrides), dataKey);
  stores.push(store);
  return store;
};

beforeEach(async () => {
  s3 = await startFakeS3();
});
afterEach(async () => {
  for (const store of stores.splice(0)) store.close();
  await s3.close();
});

/** A document of `megabytes` MB in 1 MB pieces, and the SHA-256 of all of it. */
function bigDocument(megabytes: number, failAfter?: number) {
  const hash = createHash('sha256');
  const pieces = Array.from({ length: megabytes }, () => randomBytes(1024 * 1024));
  for (const piece of pieces) hash.update(piece);
  async function* source() {
    for (const [i, piece] of pieces.entries()) {
      if (failAfter !== undefined && i === failAfter) throw new Error('the scanner was unplugged');
      yield piece;
    }
  }
  return { source, sha256: hash.digest('hex') };
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

describe('the S3 document store', () => {
  it('reads back a PDF it stored, under S3_PREFIX, and the bucket holds no plaintext', async () => {
    const store = storeWith({ prefix: 'office-a/faxes/' });
    const pdf = await makeTestPdf(2);
    await store.put('doc-1', pdf);
    expect(Buffer.from(await store.get('doc-1')).equals(Buffer.from(pdf))).toBe(true);
    expect(await store.has('doc-1')).toBe(true);

    const raw = await s3.rawObject('office-a/faxes/doc-1');
    expect(raw.subarray(0, 4).toString()).toBe('FXE2');
    expect(raw.includes(Buffer.from('%PDF'))).toBe(false);
    expect(raw.includes(Buffer.from(pdf).subarray(0, 64))).toBe(false);
    // Nor does anything s3rver keeps on disk read as a PDF.
    const files = filesUnder(s3.directory);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(readFileSync(file).includes(Buffer.from('%PDF'))).toBe(false);
  });

  it('streams a 20 MB document up in parts and back, byte for byte', async () => {
    const store = storeWith({ partSizeBytes: 5 * 1024 * 1024, queueSize: 2 });
    const doc = bigDocument(20);
    await store.putStream('big-doc', doc.source());
    // More than one part went up (a multipart upload), and it was completed.
    expect(s3.requests.filter((r) => r.method === 'PUT' && r.url.includes('partNumber=')).length).toBeGreaterThanOrEqual(4);
    const hash = createHash('sha256');
    for await (const chunk of await store.getStream('big-doc')) hash.update(chunk as Buffer);
    expect(hash.digest('hex')).toBe(doc.sha256);
  });

  it('deletes a document for good, and deleting it again is not an error', async () => {
    const store = storeWith();
    await store.put('doc-gone', await makeTestPdf(1));
    await store.delete('doc-gone');
    expect(await store.has('doc-gone')).toBe(false);
    await expect(s3.rawObject('doc-gone')).rejects.toMatchObject({ name: 'NoSuchKey' });
    await expect(store.get('doc-gone')).rejects.toMatchObject({ code: 'not_found' });
    await store.delete('doc-gone');
  });

  it('answers not_found for a document that was never stored, before any stream is returned', async () => {
    const store = storeWith();
    await expect(store.getStream('never-stored')).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringMatching(/no longer stored/),
    });
    await expect(store.get('never-stored')).rejects.toMatchObject({ code: 'not_found' });
    expect(await store.has('never-stored')).toBe(false);
  });

  it('refuses a document id that is not one, before any request', async () => {
    const store = storeWith();
    const before = s3.requests.length;
    for (const bad of ['../escape', 'a/b', '', 'x'.repeat(65), 'dot.ted']) {
      await expect(store.put(bad, Buffer.from('x'))).rejects.toMatchObject({ code: 'invalid_input' });
      await expect(store.get(bad)).rejects.toMatchObject({ code: 'invalid_input' });
    }
    expect(s3.requests.length).toBe(before);
  });

  it('says a document is damaged when one byte of the object changed, was cut short, or is another document', async () => {
    const store = storeWith();
    await store.put('doc-t', await makeTestPdf(1));
    await store.put('doc-u', await makeTestPdf(1));
    const raw = await s3.rawObject('doc-t');
    const flipped = Buffer.from(raw);
    flipped[flipped.length - 20] ^= 0x01;
    await s3.putRawObject('doc-t', flipped, { 'faxbot-sealed': 'fxe2' });
    await expect(store.get('doc-t')).rejects.toMatchObject({
      code: 'document_damaged',
      message: expect.stringMatching(/doc-t is damaged/),
    });

    await s3.putRawObject('doc-t', raw.subarray(0, raw.length - 1), { 'faxbot-sealed': 'fxe2' });
    await expect(store.get('doc-t')).rejects.toMatchObject({ code: 'document_damaged', message: expect.stringMatching(/damaged/) });

    // Sealed bytes moved under another document's key do not open (the id is bound in).
    await s3.putRawObject('doc-u', raw, { 'faxbot-sealed': 'fxe2' });
    await expect(store.get('doc-u')).rejects.toMatchObject({ code: 'document_damaged', message: expect.stringMatching(/damaged/) });

    // A plaintext object someone put in the bucket is not handed out as a document.
    await s3.putRawObject('doc-u', Buffer.from(await makeTestPdf(1)));
    await expect(store.get('doc-u')).rejects.toMatchObject({ code: 'document_damaged', message: expect.stringMatching(/damaged/) });

    // And a store with another data key cannot open what this one stored.
    await store.put('doc-k', await makeTestPdf(1));
    await expect(storeWith({}, randomBytes(32)).get('doc-k')).rejects.toMatchObject({ code: 'document_damaged' });
  });

  it('asks the bucket for SSE-S3 by default and SSE-KMS with S3_KMS_KEY_ID', async () => {
    await storeWith().put('doc-sse', Buffer.from('hello'));
    const plainPut = s3.requests.filter((r) => r.method === 'PUT' && r.url.includes('doc-sse'));
    expect(plainPut.length).toBe(1);
    expect(plainPut[0].headers['x-amz-server-side-encryption']).toBe('AES256');

    await storeWith({ kmsKeyId: 'alias/faxbot' }).putStream('doc-kms', bigDocument(12).source());
    const create = s3.requests.find((r) => r.method === 'POST' && r.url.includes('doc-kms') && r.url.includes('uploads'));
    expect(create?.headers['x-amz-server-side-encryption']).toBe('aws:kms');
    expect(create?.headers['x-amz-server-side-encryption-aws-kms-key-id']).toBe('alias/faxbot');
  });

  it('stores nothing and reports the failure when the document source fails half way', async () => {
    const store = storeWith({ partSizeBytes: 5 * 1024 * 1024, queueSize: 1 });
    const doc = bigDocument(14, 12);
    await expect(store.putStream('doc-half', doc.source())).rejects.toMatchObject({
      code: 'storage_error',
      message: expect.stringMatching(/could not be read.*scanner was unplugged.*Nothing was stored/),
    });
    expect(await store.has('doc-half')).toBe(false);
    // The multipart upload had begun (parts went up) and Faxbot asked S3 to abort it.
    expect(s3.requests.some((r) => r.method === 'PUT' && r.url.includes('doc-half') && r.url.includes('partNumber='))).toBe(true);
    expect(s3.requests.some((r) => r.method === 'DELETE' && r.url.includes('doc-half') && r.url.includes('uploadId='))).toBe(true);
  });

  it('with client-side encryption turned off, stores the bytes as they are and still reads sealed ones', async () => {
    const sealing = storeWith();
    await sealing.put('doc-sealed', Buffer.from('sealed before'));
    const plain = storeWith({ clientSideEncryption: false });
    await plain.put('doc-plain', Buffer.from('%PDF-1.7 plain'));
    expect((await s3.rawObject('doc-plain')).toString()).toBe('%PDF-1.7 plain');
    expect(Buffer.from(await plain.get('doc-plain')).toString()).toBe('%PDF-1.7 plain');
    expect(Buffer.from(await plain.get('doc-sealed')).toString()).toBe('sealed before');
  });

  it('passes the connection test against a working bucket, leaving no test object', async () => {
    const report = await storeWith({ prefix: 'p/' }).testConnection();
    expect(report).toEqual({
      where: s3.endpoint,
      bucket: 'faxbot-docs',
      prefix: 'p/',
      serverSideEncryption: 'AES256',
      clientSideEncryption: true,
    });
    expect(filesUnder(join(s3.directory, 'faxbot-docs')).filter((f) => f.includes('connection-test'))).toEqual([]);
  });
});
