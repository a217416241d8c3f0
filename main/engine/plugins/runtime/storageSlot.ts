// The storage slot's plugins (local, s3) as document stores built from their settings, and
// the round trip that proves one works: write a small sealed object, read it back, delete it.
import { randomBytes } from 'node:crypto';
import { FaxError } from '../../../../shared/errors';
import type { StorageBackendName } from '../../../../shared/storageMove';
import { LocalDocumentStore, S3DocumentStore, s3SettingsFromEnv, type DocumentStore } from '../../storage';
import type { PluginEnv } from './providerFactory';

export const STORAGE_PLUGINS: readonly StorageBackendName[] = ['local', 's3'];

export function isStoragePlugin(id: string): id is StorageBackendName {
  return (STORAGE_PLUGINS as readonly string[]).includes(id);
}

export function createDocumentStore(id: StorageBackendName, env: PluginEnv, place: { dataDir: string; dataKey: Buffer }): DocumentStore {
  return id === 'local' ? new LocalDocumentStore(place.dataDir, place.dataKey) : new S3DocumentStore(s3SettingsFromEnv(env), place.dataKey);
}

/** Write, read back and delete a test object; says where it checked. Throws the storage error. */
export async function storageRoundTrip(store: DocumentStore): Promise<string> {
  if (store instanceof S3DocumentStore) {
    const report = await store.testConnection();
    return `wrote, read back and deleted a test object in the bucket ${report.bucket} at ${report.where}`;
  }
  // Not a fax document id shape Faxbot ever makes, so it can never meet a real document.
  const id = `connection-test-${randomBytes(6).toString('hex')}`;
  const probe = randomBytes(64);
  await store.put(id, probe);
  try {
    const back = Buffer.from(await store.get(id));
    if (!back.equals(probe))
      throw new FaxError(
        'storage_error',
        'The test document read back differently than it was written: check the disk of the data folder.',
      );
  } finally {
    await store.delete(id);
  }
  if (await store.has(id))
    throw new FaxError('storage_error', 'The test document could not be deleted again: check Faxbot may delete files in its data folder.');
  return 'wrote, read back and deleted a test document in the data folder, encrypted';
}

/** Releases what a store holds open (S3 sockets). */
export function closeDocumentStore(store: DocumentStore): void {
  if (store instanceof S3DocumentStore) store.close();
}
