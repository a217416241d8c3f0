// A real engine with STORAGE_BACKEND=s3 against s3rver: a fax is sent from a document that
// lives only in the bucket, sealed, and its PDF reads back; with S3 gone, the person sending
// hears why in words and nothing is reported stored.
import { existsSync, readdirSync } from 'node:fs';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { documentIdOf, startEngine, type Harness } from '../support/engineHarness';
import { S3RVER_KEY, startFakeS3, type FakeS3 } from '../support/s3rver';

let s3: FakeS3;
let harness: Harness | null = null;
beforeEach(async () => {
  s3 = await startFakeS3();
});
afterEach(async () => {
  await harness?.close();
  harness = null;
  await s3.close();
});

function documentRows(dataDir: string): number {
  const db = new Database(join(dataDir, 'faxbot.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM documents').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

const s3Env = (endpoint: string) => ({
  STORAGE_BACKEND: 's3',
  S3_BUCKET: 'faxbot-docs',
  S3_PREFIX: 'front-desk',
  S3_REGION: 'us-east-1',
  S3_ENDPOINT_URL: endpoint,
  AWS_ACCESS_KEY_ID: S3RVER_KEY.accessKeyId,
  AWS_SECRET_ACCESS_KEY: S3RVER_KEY.secretAccessKey,
});

describe('the engine with STORAGE_BACKEND=s3', () => {
  it('delivers a fax whose document is stored only in the bucket, sealed, and reads its PDF back', async () => {
    harness = await startEngine({ env: s3Env(s3.endpoint), webhookPort: 0 });
    const job = await harness.send('+12025550143', { pages: 2 });
    const delivered = await harness.waitForJob(job.id, (j) => j.status === 'delivered' || j.status === 'failed');
    expect(delivered.status).toBe('delivered');

    const pdf = Buffer.from((await harness.engine.call('getJobDocument', { id: job.id })).pdfBase64, 'base64');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

    const documentId = documentIdOf(harness.dataDir, 'fax_jobs', job.id);
    const raw = await s3.rawObject(`front-desk/${documentId}`);
    expect(raw.subarray(0, 4).toString()).toBe('FXE2');
    expect(raw.includes(Buffer.from('%PDF'))).toBe(false);
    const localDir = join(harness.dataDir, 'documents');
    expect(existsSync(localDir) ? readdirSync(localDir).filter((name) => name.includes(documentId)) : []).toEqual([]);

    // Settings → Storage & retention names the bucket, not this computer.
    const info = await harness.engine.call('getStorageInfo', {});
    expect(info.backend.kind).toBe('s3');
    expect(info.backend.location).toMatch(/^s3:\/\/[^/]+\/front-desk\//);
    expect(info.backend.label).toMatch(/encrypted before upload/);
  });

  it('refuses to stage a document when S3 cannot be reached, saying so, and keeps no record of it', async () => {
    const endpoint = s3.endpoint;
    await s3.close();
    harness = await startEngine({ env: s3Env(endpoint), webhookPort: 0 });
    await expect(harness.stagePdf(1)).rejects.toMatchObject({
      code: 'storage_error',
      message: expect.stringMatching(/could not reach the S3 endpoint .*ECONNREFUSED/),
    });
    expect(documentRows(harness.dataDir)).toBe(0);
    s3 = await startFakeS3(); // for afterEach
  });

  it('tells the sender why when S3 goes away between staging and sending, and queues nothing', async () => {
    harness = await startEngine({ env: s3Env(s3.endpoint), webhookPort: 0 });
    const staged = await harness.stagePdf(1);
    const rowsBefore = documentRows(harness.dataDir);
    await s3.close();
    await expect(
      harness.engine.call('sendFax', { to: '+12025550143', recipientName: 'Test', documentIds: [staged], cover: null }),
    ).rejects.toMatchObject({
      code: 'storage_error',
      message: expect.stringMatching(/could not reach the S3 endpoint .* to (read|store) document/),
    });
    expect((await harness.engine.call('listJobs', { limit: 10 })).total).toBe(0);
    expect(documentRows(harness.dataDir)).toBe(rowsBefore);
    s3 = await startFakeS3(); // for afterEach
  });

  it('refuses to start with STORAGE_BACKEND=s3 and no bucket, naming S3_BUCKET', async () => {
    await expect(startEngine({ env: { STORAGE_BACKEND: 's3' }, webhookPort: 0 })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/needs S3_BUCKET/),
    });
    await expect(startEngine({ env: { STORAGE_BACKEND: 'dropbox' }, webhookPort: 0 })).rejects.toMatchObject({
      message: expect.stringMatching(/STORAGE_BACKEND=dropbox is not a storage backend/),
    });
  });
});
