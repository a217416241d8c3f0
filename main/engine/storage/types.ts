import type { Readable } from 'node:stream';

export interface DocumentStore {
  readonly kind: string;
  put(documentId: string, bytes: Uint8Array): Promise<void>;
  /** Stores a document of any size in bounded memory; resolves only once it is durably stored. */
  putStream(documentId: string, source: AsyncIterable<Uint8Array>): Promise<void>;
  /** Throws FaxError('not_found') when the document is gone, ('storage_error') when damaged. */
  get(documentId: string): Promise<Uint8Array>;
  /**
   * The document's plaintext as a stream. Rejects with FaxError('not_found') before returning
   * when it is gone; a damaged document fails the stream with FaxError('storage_error').
   */
  getStream(documentId: string): Promise<Readable>;
  has(documentId: string): Promise<boolean>;
  /** Where documents go, in words, for Settings → Storage & retention. */
  describe(): { kind: string; label: string; location: string };
  delete(documentId: string): Promise<void>;
  sweepTemporaryFiles?(): void;
  /** Seals documents an earlier version stored unencrypted; answers how many. */
  encryptLegacyDocuments?(): Promise<number>;
}
