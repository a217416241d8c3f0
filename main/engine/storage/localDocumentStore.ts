// Documents on the local disk, one file each, written atomically (temp file, fsync, rename)
// so a crash never leaves half a document under a real name.
// (Encryption at rest arrives with the storage issue; the interface stays the same.)
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { FaxError } from '../../../shared/errors';
import type { DocumentStore } from './types';

const SAFE_ID = /^[A-Za-z0-9_-]{1,64}$/;

export class LocalDocumentStore implements DocumentStore {
  readonly kind = 'local';
  private readonly dir: string;

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'documents');
    mkdirSync(this.dir, { recursive: true });
  }

  private pathOf(documentId: string): string {
    if (!SAFE_ID.test(documentId)) throw new FaxError('invalid_input', `"${documentId}" is not a document id.`);
    return join(this.dir, `${documentId}.bin`);
  }

  async put(documentId: string, bytes: Uint8Array): Promise<void> {
    const target = this.pathOf(documentId);
    const temp = join(this.dir, `.${documentId}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      const fd = openSync(temp, 'wx', 0o600);
      try {
        let offset = 0;
        while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(temp, target);
      const dirFd = openSync(this.dir, 'r');
      try {
        fsyncSync(dirFd);
      } catch {
        // Some platforms (Windows) cannot fsync a folder; the rename is still atomic there.
      } finally {
        closeSync(dirFd);
      }
    } catch (error) {
      rmSync(temp, { force: true });
      throw new FaxError('storage_error', `The document could not be saved in ${this.dir}: ${(error as Error).message}. Check the disk has space and Faxbot may write there.`, { cause: error });
    }
  }

  async get(documentId: string): Promise<Uint8Array> {
    try {
      return new Uint8Array(await readFile(this.pathOf(documentId)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new FaxError('not_found', 'The document of this fax is no longer stored.');
      }
      throw new FaxError('storage_error', `The document could not be read: ${(error as Error).message}.`, { cause: error });
    }
  }

  async delete(documentId: string): Promise<void> {
    rmSync(this.pathOf(documentId), { force: true });
  }

  /** Leftover temp files from a crash mid-write. */
  sweepTemporaryFiles(): void {
    // Temp names start with a dot; they are never referenced by the database.
    for (const name of readdirSafe(this.dir)) if (name.startsWith('.') && name.endsWith('.tmp')) rmSync(join(this.dir, name), { force: true });
  }
}


function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
