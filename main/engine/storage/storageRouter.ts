// The engine's one DocumentStore over every configured backend: new documents go to the
// current backend (STORAGE_BACKEND), and each document is read and deleted where its row
// says it is. So switching backend leaves older documents readable where they are, and a
// document on a backend that is no longer configured gets an error saying what to set up.
import type { Readable } from 'node:stream';
import { FaxError } from '../../../shared/errors';
import { STORAGE_BACKEND_LABELS, STORAGE_BACKEND_PLACES, type StorageBackendName } from '../../../shared/storageMove';
import type { Db } from '../database';
import { S3DocumentStore } from './s3DocumentStore';
import { s3SettingsFromEnv } from './s3Settings';
import type { DocumentStore } from './types';

export type DocumentStores = Partial<Record<StorageBackendName, DocumentStore>>;

interface PlacementRow {
  backend: string;
  moving_to: string | null;
  left_in: string | null;
}

/** What a person must configure for a backend to be readable again. */
const HOW_TO_CONFIGURE: Record<string, string> = {
  local: 'Faxbot always stores documents on this computer; check the data folder is the one these documents were stored in',
  s3: 'Set S3_BUCKET (and S3_REGION, S3_ENDPOINT_URL or S3_PREFIX as before) so Faxbot can reach the bucket again, then restart Faxbot',
};

export function backendLabel(backend: string): string {
  return (STORAGE_BACKEND_LABELS as Record<string, string>)[backend] ?? `"${backend}"`;
}

export function backendPlace(backend: string): string {
  return (STORAGE_BACKEND_PLACES as Record<string, string>)[backend] ?? `in "${backend}"`;
}

export class StorageRouter implements DocumentStore {
  readonly kind = 'router';

  private currentBackend: StorageBackendName;

  constructor(
    private readonly db: Db,
    private readonly stores: DocumentStores,
    current: StorageBackendName,
  ) {
    if (!stores[current])
      throw new FaxError(
        'invalid_input',
        `STORAGE_BACKEND=${current}, but ${backendLabel(current)} is not set up: ${HOW_TO_CONFIGURE[current]}, or unset STORAGE_BACKEND to store documents on this computer.`,
        { field: 'STORAGE_BACKEND' },
      );
    this.currentBackend = current;
    this.stampCurrent();
  }

  /** Where new documents go. */
  get current(): StorageBackendName {
    return this.currentBackend;
  }

  /**
   * Applying the storage plugin: new documents go to `backend` from now on (its store given
   * when it was just built from the plugin's settings). Existing documents stay readable where
   * they are; moving them is Settings → Storage & retention's job.
   */
  switchCurrent(backend: StorageBackendName, store?: DocumentStore): void {
    if (store) (this.stores as Record<string, DocumentStore>)[backend] = store;
    if (!this.stores[backend]) throw new FaxError('invalid_input', `${backendLabel(backend)} is not set up: ${HOW_TO_CONFIGURE[backend]}.`);
    this.currentBackend = backend;
    this.stampCurrent();
  }

  private stampCurrent(): void {
    // The insert trigger (migration 7) stamps each new row with this backend.
    this.db
      .prepare("INSERT INTO storage_state (key, value) VALUES ('current', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
      .run(this.currentBackend);
  }

  /** The backends this engine can reach now, current first. */
  configured(): StorageBackendName[] {
    const names = Object.keys(this.stores) as StorageBackendName[];
    return [this.current, ...names.filter((name) => name !== this.current)];
  }

  /** The store of a backend, or an error naming it and what to configure. */
  storeOf(backend: string, documentId?: string): DocumentStore {
    const store = (this.stores as Record<string, DocumentStore | undefined>)[backend];
    if (store) return store;
    const what = documentId
      ? `The document ${documentId} is stored ${backendPlace(backend)}`
      : `Documents are stored ${backendPlace(backend)}`;
    throw new FaxError(
      'storage_error',
      `${what}, which Faxbot is not set up to reach any more. ${HOW_TO_CONFIGURE[backend] ?? `Configure the "${backend}" storage backend again`}; or, while it is still reachable, move its documents first (Settings → Storage & retention).`,
    );
  }

  /** Where a document's bytes are: its row's backend; a document without a row yet is in the current one. */
  backendOf(documentId: string): string {
    return this.placement(documentId)?.backend ?? this.current;
  }

  private placement(documentId: string): PlacementRow | undefined {
    return this.db.prepare('SELECT backend, moving_to, left_in FROM documents WHERE id = ?').get(documentId) as PlacementRow | undefined;
  }

  describe() {
    return this.storeOf(this.current).describe();
  }

  put(documentId: string, bytes: Uint8Array): Promise<void> {
    return this.storeOf(this.current).put(documentId, bytes);
  }

  putStream(documentId: string, source: AsyncIterable<Uint8Array>): Promise<void> {
    return this.storeOf(this.current).putStream(documentId, source);
  }

  get(documentId: string): Promise<Uint8Array> {
    const backend = this.backendOf(documentId);
    return this.storeOf(backend, documentId).get(documentId);
  }

  getStream(documentId: string): Promise<Readable> {
    const backend = this.backendOf(documentId);
    return this.storeOf(backend, documentId).getStream(documentId);
  }

  has(documentId: string): Promise<boolean> {
    const backend = this.backendOf(documentId);
    return this.storeOf(backend, documentId).has(documentId);
  }

  /**
   * Deletes every copy: where the row says, where a move was copying it to, and where a
   * finished move left the old one. The catalog deletes some rows before the bytes, so a
   * document without a row is deleted from every configured backend.
   */
  async delete(documentId: string): Promise<void> {
    const row = this.placement(documentId);
    if (!row) {
      await this.storeOf(this.current).delete(documentId);
      // Elsewhere only in the rare case a row was dropped mid-move; an unreachable backend must not fail this.
      for (const backend of this.configured().slice(1))
        await this.storeOf(backend)
          .delete(documentId)
          .catch(() => undefined);
      return;
    }
    for (const backend of new Set([row.backend, row.moving_to, row.left_in])) {
      const store = backend === null ? undefined : (this.stores as Record<string, DocumentStore | undefined>)[backend];
      // A copy on a backend that is gone cannot be deleted now; its row is what mattered.
      if (store) await store.delete(documentId);
    }
  }

  sweepTemporaryFiles(): void {
    for (const store of Object.values(this.stores)) store?.sweepTemporaryFiles?.();
  }

  async encryptLegacyDocuments(): Promise<number> {
    let sealed = 0;
    for (const store of Object.values(this.stores)) sealed += (await store?.encryptLegacyDocuments?.()) ?? 0;
    return sealed;
  }
}

/** STORAGE_BACKEND: where new documents go ('local' when unset). */
export function storageBackendFromEnv(env: Readonly<Record<string, string | undefined>>): StorageBackendName {
  const raw = (env.STORAGE_BACKEND ?? '').trim().toLowerCase() || 'local';
  if (raw === 'local' || raw === 's3') return raw;
  throw new FaxError(
    'invalid_input',
    `STORAGE_BACKEND=${env.STORAGE_BACKEND} is not a storage backend: use local (this computer) or s3, or unset it.`,
    { field: 'STORAGE_BACKEND' },
  );
}

/**
 * The backends besides this computer that the environment sets up: S3 when S3_BUCKET is set
 * (STORAGE_BACKEND=s3 without it is refused in words). S3 stays reachable after switching
 * back to local, so its documents stay readable and can be moved home.
 */
export function documentStoresFromEnv(env: Readonly<Record<string, string | undefined>>, dataKey: Buffer): DocumentStores {
  if (!env.S3_BUCKET?.trim() && storageBackendFromEnv(env) !== 's3') return {};
  return { s3: new S3DocumentStore(s3SettingsFromEnv(env), dataKey) };
}
