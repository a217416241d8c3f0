// What the storage-move tests share: an engine environment pointing at s3rver, the
// documents table read straight from the data folder, and waiting for a move to end.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import type { Engine } from '../../main/engine';
import type { StorageMoveProgress } from '../../shared/storageMove';
import { S3RVER_KEY, type FakeS3 } from '../support/s3rver';

/** The environment of an engine that can reach the fake S3; `current` is STORAGE_BACKEND. */
export function s3Env(s3: Pick<FakeS3, 'bucket' | 'endpoint'>, current: 'local' | 's3'): Record<string, string> {
  return {
    STORAGE_BACKEND: current,
    S3_BUCKET: s3.bucket,
    S3_ENDPOINT_URL: s3.endpoint,
    S3_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: S3RVER_KEY.accessKeyId,
    AWS_SECRET_ACCESS_KEY: S3RVER_KEY.secretAccessKey,
  };
}

export interface DocumentPlacement {
  id: string;
  backend: string;
  moving_to: string | null;
  left_in: string | null;
  sha256: string;
}

export function documentRows(dataDir: string): DocumentPlacement[] {
  const db = new Database(join(dataDir, 'faxbot.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT id, backend, moving_to, left_in, sha256 FROM documents ORDER BY id').all() as DocumentPlacement[];
  } finally {
    db.close();
  }
}

export function auditActions(dataDir: string, action: string): { target: string | null; details: Record<string, unknown> }[] {
  const db = new Database(join(dataDir, 'faxbot.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT target, details FROM audit_log WHERE action = ? ORDER BY seq').all(action) as {
      target: string | null;
      details: string;
    }[];
    return rows.map((row) => ({ target: row.target, details: JSON.parse(row.details) as Record<string, unknown> }));
  } finally {
    db.close();
  }
}

/** Document ids with a file in this computer's documents folder. */
export function localDocumentIds(dataDir: string): string[] {
  const dir = join(dataDir, 'documents');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.bin') && !name.startsWith('.'))
    .map((name) => name.slice(0, -'.bin'.length))
    .sort();
}

/** Object keys in the fake bucket (no prefix is configured, so a key is a document id). */
export async function s3DocumentIds(s3: Pick<FakeS3, 'bucket' | 'endpoint'>): Promise<string[]> {
  const client = new S3Client({ region: 'us-east-1', endpoint: s3.endpoint, forcePathStyle: true, credentials: S3RVER_KEY });
  try {
    const listed = await client.send(new ListObjectsV2Command({ Bucket: s3.bucket }));
    return (listed.Contents ?? []).map((object) => object.Key!).sort();
  } finally {
    client.destroy();
  }
}

/**
 * Every storageMoveProgress event from now on, and a wait for the move to end. The listener
 * is attached before the status is read, so an end announced in between is not missed.
 */
export function watchMoves(engine: Engine) {
  const seen: StorageMoveProgress[] = [];
  const waiters = new Set<() => void>();
  engine.on((event, payload) => {
    if (event !== 'storageMoveProgress') return;
    seen.push(payload as StorageMoveProgress);
    for (const wake of waiters) wake();
  });
  const ended = (p: StorageMoveProgress) => p.state !== 'running';
  return {
    seen,
    onProgress(listener: (progress: StorageMoveProgress) => void) {
      waiters.add(() => listener(seen[seen.length - 1]));
    },
    async ended(timeoutMs = 30_000): Promise<StorageMoveProgress> {
      const from = seen.length;
      const status = await engine.call('getStorageStatus', {});
      if (status.move && ended(status.move)) return status.move;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`No move ended within ${timeoutMs} ms; seen: ${JSON.stringify(seen.slice(-3))}`)),
          timeoutMs,
        );
        const check = () => {
          const last = seen.slice(from).find(ended);
          if (!last) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(last);
        };
        waiters.add(check);
        check();
      });
    },
  };
}
