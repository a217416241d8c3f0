// Applying the storage plugin at runtime (this computer → S3 via s3rver): a warning first;
// then new documents go to the bucket while earlier ones stay readable where they are, and
// the choice survives a restart.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { S3RVER_KEY, startFakeS3, type FakeS3 } from '../support/s3rver';
import { documentIdOf, type Harness } from '../support/engineHarness';
import { pluginEngine } from './applyFixture';

let h: Harness | undefined;
let s3: FakeS3 | undefined;
afterEach(async () => {
  await h?.close();
  await s3?.close();
  h = s3 = undefined;
});

function backendOf(dataDir: string, documentId: string): string {
  const db = new Database(join(dataDir, 'faxbot.sqlite'), { readonly: true });
  try {
    return (db.prepare('SELECT backend FROM documents WHERE id = ?').get(documentId) as { backend: string }).backend;
  } finally {
    db.close();
  }
}

describe('applying S3 as the storage plugin', () => {
  it('warns, then stores new documents in S3 and keeps earlier ones readable on this computer', async () => {
    s3 = await startFakeS3();
    h = await pluginEngine();
    const before = await h.send('+12025550187');
    await h.waitForJob(before.id, (job) => job.status === 'delivered');
    await h.engine.call('savePluginConfig', {
      id: 's3',
      settings: { bucket: s3.bucket, region: 'us-east-1', endpointUrl: s3.endpoint, accessKeyId: S3RVER_KEY.accessKeyId },
      secrets: { secretAccessKey: S3RVER_KEY.secretAccessKey },
    });

    const warned = await h.engine.call('applyPlugins', { storage: 's3', acknowledgeWarnings: false });
    expect(warned).toMatchObject({ applied: false, slots: { storage: 'local' } });
    expect(warned.warnings).toEqual([
      expect.stringMatching(
        /stored in S3 instead of on this computer\. Patient documents will then leave this computer\. Documents already stored stay on this computer unless you move them/,
      ),
    ]);

    const applied = await h.engine.call('applyPlugins', { storage: 's3', acknowledgeWarnings: true });
    expect(applied).toMatchObject({ applied: true, slots: { outbound: 'simulator', storage: 's3' } });
    const after = await h.send('+12025550188');
    await h.waitForJob(after.id, (job) => job.status === 'delivered');
    expect(backendOf(h.dataDir, documentIdOf(h.dataDir, 'fax_jobs', before.id))).toBe('local');
    expect(backendOf(h.dataDir, documentIdOf(h.dataDir, 'fax_jobs', after.id))).toBe('s3');
    expect((await h.engine.call('getJobDocument', { id: before.id })).pdfBase64).toMatch(/^JVBERi/);
    expect((await h.engine.call('getJobDocument', { id: after.id })).pdfBase64).toMatch(/^JVBERi/);

    const dataDir = h.dataDir;
    await h.close();
    h = await pluginEngine({}, dataDir);
    expect((await h.engine.call('listPlugins', {})).slots.storage).toBe('s3');
    expect((await h.engine.call('getJobDocument', { id: after.id })).pdfBase64).toMatch(/^JVBERi/);
  }, 30_000);

  it('changes nothing when the bucket fails its round trip', async () => {
    s3 = await startFakeS3();
    h = await pluginEngine();
    await h.engine.call('savePluginConfig', {
      id: 's3',
      settings: { bucket: 'no-such-bucket', region: 'us-east-1', endpointUrl: s3.endpoint, accessKeyId: S3RVER_KEY.accessKeyId },
      secrets: { secretAccessKey: S3RVER_KEY.secretAccessKey },
    });
    await expect(h.engine.call('applyPlugins', { storage: 's3', acknowledgeWarnings: true })).rejects.toThrow(
      /^Nothing was changed: Amazon S3 did not pass its start-up check\..*no-such-bucket/,
    );
    expect((await h.engine.call('listPlugins', {})).slots.storage).toBe('local');
    const job = await h.send('+12025550187');
    await h.waitForJob(job.id, (j) => j.status === 'delivered');
    expect(backendOf(h.dataDir, documentIdOf(h.dataDir, 'fax_jobs', job.id))).toBe('local');
  });
});
