// Documents on the local disk, one file each, sealed with the envelope (chunked AES-256-GCM
// under the data key, the document id bound to every chunk) and written atomically (temp
// file, fsync, rename): a crash never leaves half a document under a real name, a changed
// byte is found on reading and never returned as garbage, and a document of any size goes
// in and out through a fixed amount of memory.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, type Readable as ReadableStream } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { FaxError } from '../../../shared/errors';
import { syncFolder, tempPathBeside, writeFileAtomic } from '../atomicFile';
import { isSealed, openBytes, openStream, sealBytes, sealStream } from './envelope';
import type { DocumentStore } from './types';

const SAFE_ID = /^[A-Za-z0-9_-]{1,64}$/;

export class LocalDocumentStore implements DocumentStore {
  readonly kind = 'local';
  private readonly dir: string;

  constructor(
    dataDir: string,
    private readonly dataKey: Buffer,
  ) {
    if (dataKey.length !== 32) throw new Error('The data key is 32 bytes.');
    this.dir = join(dataDir, 'documents');
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
  }

  private pathOf(documentId: string): string {
    if (!SAFE_ID.test(documentId)) throw new FaxError('invalid_input', `"${documentId}" is not a document id.`);
    return join(this.dir, `${documentId}.bin`);
  }

  private saveFailed(error: unknown): FaxError {
    if (error instanceof FaxError) return error;
    return new FaxError(
      'storage_error',
      `The document could not be saved in ${this.dir}: ${(error as Error).message}. Check the disk has space and Faxbot may write there.`,
      { cause: error },
    );
  }

  private writeAtomically(documentId: string, contents: Buffer): void {
    try {
      writeFileAtomic(this.pathOf(documentId), contents);
    } catch (error) {
      throw this.saveFailed(error);
    }
  }

  async put(documentId: string, bytes: Uint8Array): Promise<void> {
    this.writeAtomically(documentId, sealBytes(this.dataKey, documentId, bytes));
  }

  async putStream(documentId: string, source: AsyncIterable<Uint8Array>): Promise<void> {
    const target = this.pathOf(documentId);
    const temp = tempPathBeside(target);
    try {
      const file = await open(temp, 'wx', 0o600);
      try {
        await pipeline(
          Readable.from(source, { objectMode: false }),
          sealStream(this.dataKey, documentId),
          async (sealed: AsyncIterable<Buffer>) => {
            for await (const chunk of sealed) await file.write(chunk);
          },
        );
        await file.sync();
      } finally {
        await file.close();
      }
      renameSync(temp, target);
      syncFolder(this.dir);
    } catch (error) {
      rmSync(temp, { force: true });
      throw this.saveFailed(error);
    }
  }

  async get(documentId: string): Promise<Uint8Array> {
    let file: Buffer;
    try {
      file = await readFile(this.pathOf(documentId));
    } catch (error) {
      throw readFailed(error);
    }
    return new Uint8Array(openBytes(this.dataKey, documentId, file));
  }

  async getStream(documentId: string): Promise<ReadableStream> {
    const path = this.pathOf(documentId);
    // Opened first so a missing document rejects here rather than failing the stream later.
    const file = await open(path, 'r').catch((error: unknown) => {
      throw readFailed(error);
    });
    const plain = openStream(this.dataKey, documentId);
    const sealed = file.createReadStream();
    sealed.on('error', (error) => plain.destroy(readFailed(error)));
    // pipe() does not close its source when the reader stops early (a client left mid-download):
    // without this the file would stay open until garbage collection.
    plain.once('close', () => sealed.destroy());
    return sealed.pipe(plain);
  }

  describe() {
    return { kind: 'local', label: 'This computer, encrypted', location: this.dir };
  }

  async has(documentId: string): Promise<boolean> {
    return existsSync(this.pathOf(documentId));
  }

  async delete(documentId: string): Promise<void> {
    rmSync(this.pathOf(documentId), { force: true });
  }

  /** Leftover temp files from a crash mid-write (never referenced by the database). */
  sweepTemporaryFiles(): void {
    for (const name of readdirSafe(this.dir))
      if (name.startsWith('.') && name.endsWith('.tmp')) rmSync(join(this.dir, name), { force: true });
  }

  /** Documents written before encryption (plain PDFs from an earlier version) are sealed in place. */
  async encryptLegacyDocuments(): Promise<number> {
    let sealed = 0;
    for (const name of readdirSafe(this.dir)) {
      const match = /^([A-Za-z0-9_-]{1,64})\.bin$/.exec(name);
      if (!match) continue;
      // Runs at every start: look at the first bytes only, and read the whole file just for
      // the plain ones an earlier version left.
      const path = join(this.dir, name);
      if (isSealed(await readHead(path))) continue;
      this.writeAtomically(match[1], sealBytes(this.dataKey, match[1], await readFile(path)));
      sealed++;
    }
    return sealed;
  }
}

async function readHead(path: string): Promise<Buffer> {
  const file = await open(path, 'r');
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await file.read(head, 0, 4, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

function readFailed(error: unknown): FaxError {
  if (error instanceof FaxError) return error;
  if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new FaxError('not_found', 'The document of this fax is no longer stored.');
  return new FaxError('storage_error', `The document could not be read: ${(error as Error).message}.`, { cause: error });
}

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
