// Where documents are stored and moving them between backends, as the window sees it:
// documents per backend, and a move's progress, outcome and failure in words.
import { z } from 'zod';
import { isoTime } from './model';

export const STORAGE_BACKENDS = ['local', 's3'] as const;
export const storageBackendName = z.enum(STORAGE_BACKENDS);
export type StorageBackendName = z.infer<typeof storageBackendName>;

/** How the window names a backend in a sentence ("Move 3 documents to S3"). */
export const STORAGE_BACKEND_LABELS: Record<StorageBackendName, string> = { local: 'this computer', s3: 'S3' };
/** Where a document is, in a sentence ("stored on this computer"). */
export const STORAGE_BACKEND_PLACES: Record<StorageBackendName, string> = { local: 'on this computer', s3: 'in S3' };

export const storageMoveProgress = z.object({
  /** The storage_moves row; one per move, resumed after a restart. */
  moveId: z.number().int().min(1),
  to: storageBackendName,
  state: z.enum(['running', 'moved', 'canceled', 'failed']),
  startedAt: isoTime,
  finishedAt: isoTime.nullable(),
  /** Documents moved so far, of those that were to move when it started. */
  done: z.number().int().min(0),
  total: z.number().int().min(0),
  bytes: z.number().int().min(0),
  /** The document that stopped the move and why, with what to do, in words. */
  failure: z.object({ documentId: z.string(), message: z.string() }).nullable(),
});
export type StorageMoveProgress = z.infer<typeof storageMoveProgress>;

export const storageStatus = z.object({
  /** Where new documents are stored (STORAGE_BACKEND). */
  current: storageBackendName,
  /** Backends this engine can read and write now. */
  configured: z.array(storageBackendName),
  /** Documents per backend, including backends no longer configured. */
  documents: z.array(z.object({ backend: z.string(), count: z.number().int().min(0), configured: z.boolean() })),
  /** The running move, or else the last one (null when there has never been one). */
  move: storageMoveProgress.nullable(),
});
export type StorageStatus = z.infer<typeof storageStatus>;
