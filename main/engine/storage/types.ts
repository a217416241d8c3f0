export interface DocumentStore {
  readonly kind: string;
  put(documentId: string, bytes: Uint8Array): Promise<void>;
  /** Throws FaxError('not_found') when the document is gone. */
  get(documentId: string): Promise<Uint8Array>;
  delete(documentId: string): Promise<void>;
  sweepTemporaryFiles?(): void;
}
