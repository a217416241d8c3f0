// Documents on the local disk, one file each, encrypted with AES-256-GCM under the data key
// (a fresh nonce per file, the document id bound as associated data) and written atomically
// (temp file, fsync, rename): a crash never leaves half a document under a real name, and
// a changed byte is found on reading, never returned as garbage.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FaxError } from '../../../shared/errors';
import type { DocumentStore } from './types';

const SAFE_ID = /^[A-Za-z0-9_-]{1,64}$/;
/** File layout: magic (4) | nonce (12) | tag (16) | ciphertext. */
const MAGIC = Buffer.from('FXE1');
const HEADER = MAGIC.length + 12 + 16;

export class LocalDocumentStore implements DocumentStore {
  readonly kind = 'local';
  private readonly dir: string;

  constructor(
    dataDir: string,
    private readonly dataKey: Buffer,
  ) {
    if (dataKey.length !== 32) throw new Error('The data key is 32 bytes.');
    this.dir = join(dataDir, 'documents');
    mkdirSync(this.dir, { recursive: true });
  }

  private pathOf(documentId: string): string {
    if (!SAFE_ID.test(documentId)) throw new FaxError('invalid_input', `"${documentId}" is not a document id.`);
    return join(this.dir, `${documentId}.bin`);
  }

  private seal(documentId: string, bytes: Uint8Array): Buffer {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.dataKey, nonce);
    cipher.setAAD(Buffer.from(documentId));
    const body = Buffer.concat([cipher.update(bytes), cipher.final()]);
    return Buffer.concat([MAGIC, nonce, cipher.getAuthTag(), body]);
  }

  private open(documentId: string, file: Buffer): Uint8Array {
    if (file.length < HEADER || !file.subarray(0, MAGIC.length).equals(MAGIC)) throw damaged(documentId);
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.dataKey, file.subarray(4, 16));
      decipher.setAAD(Buffer.from(documentId));
      decipher.setAuthTag(file.subarray(16, HEADER));
      return new Uint8Array(Buffer.concat([decipher.update(file.subarray(HEADER)), decipher.final()]));
    } catch {
      throw damaged(documentId);
    }
  }

  private writeAtomically(documentId: string, contents: Buffer): void {
    const target = this.pathOf(documentId);
    const temp = join(this.dir, `.${documentId}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      const fd = openSync(temp, 'wx', 0o600);
      try {
        let offset = 0;
        while (offset < contents.length) offset += writeSync(fd, contents, offset, contents.length - offset);
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

  async put(documentId: string, bytes: Uint8Array): Promise<void> {
    this.writeAtomically(documentId, this.seal(documentId, bytes));
  }

  async get(documentId: string): Promise<Uint8Array> {
    let file: Buffer;
    try {
      file = await readFile(this.pathOf(documentId));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new FaxError('not_found', 'The document of this fax is no longer stored.');
      throw new FaxError('storage_error', `The document could not be read: ${(error as Error).message}.`, { cause: error });
    }
    return this.open(documentId, file);
  }

  async delete(documentId: string): Promise<void> {
    rmSync(this.pathOf(documentId), { force: true });
  }

  /** Leftover temp files from a crash mid-write (never referenced by the database). */
  sweepTemporaryFiles(): void {
    for (const name of readdirSafe(this.dir)) if (name.startsWith('.') && name.endsWith('.tmp')) rmSync(join(this.dir, name), { force: true });
  }

  /** Documents written before encryption (plain PDFs from an earlier version) are sealed in place. */
  async encryptLegacyDocuments(): Promise<number> {
    let sealed = 0;
    for (const name of readdirSafe(this.dir)) {
      const match = /^([A-Za-z0-9_-]{1,64})\.bin$/.exec(name);
      if (!match) continue;
      const file = await readFile(join(this.dir, name));
      if (file.subarray(0, MAGIC.length).equals(MAGIC)) continue;
      this.writeAtomically(match[1], this.seal(match[1], file));
      sealed++;
    }
    return sealed;
  }
}

function damaged(documentId: string): FaxError {
  return new FaxError(
    'storage_error',
    `The stored document ${documentId} is damaged: it failed its integrity check and was not opened. Restore the data folder from a backup, or ask the sender to fax it again.`,
  );
}

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
