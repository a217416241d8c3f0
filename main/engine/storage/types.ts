export interface DocumentStore {
  readonly kind: string;
  put(documentId: string, bytes: Uint8Array): Promise<void>;
  /** Throws FaxError('not_found') when the document is gone, ('storage_error') when damaged. */
  get(documentId: string): Promise<Uint8Array>;
  delete(documentId: string): Promise<void>;
  sweepTemporaryFiles?(): void;
  /** Seals documents an earlier version stored unencrypted; answers how many. */
  encryptLegacyDocuments?(): Promise<number>;
}
