// The sealed form of a stored document, shared by every backend (local files, S3 objects).
// "FXE2" is chunked AES-256-GCM so documents of any size stream through a fixed amount of
// memory, and no plaintext is released before its chunk's tag has been checked:
//
//   header  = "FXE2" | chunk size (u32 BE) | base nonce (12)
//   chunk i = ciphertext (chunk size bytes; the last one shorter or empty) | tag (16)
//
// Each chunk's nonce is the base nonce with i added to its last 8 bytes, and its associated
// data binds the document id, the header, i and whether it is the last chunk — so chunks
// cannot be reordered, moved to another document, dropped from the end or appended to.
// "FXE1" (one GCM message: magic | nonce | tag | ciphertext) is still read for documents
// written by the first encrypted version.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { FaxError } from '../../../shared/errors';

const MAGIC_V1 = Buffer.from('FXE1');
const MAGIC_V2 = Buffer.from('FXE2');
const TAG = 16;
const NONCE = 12;
const HEADER_V1 = MAGIC_V1.length + NONCE + TAG;
const HEADER_V2 = MAGIC_V2.length + 4 + NONCE;
export const CHUNK_BYTES = 64 * 1024;
/** Larger chunk sizes in a header are refused: a damaged header must not make us buffer gigabytes. */
const MAX_CHUNK_BYTES = 16 * 1024 * 1024;

/** Whether bytes begin like a sealed document (either version): legacy plain files do not. */
export function isSealed(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 4));
  return head.equals(MAGIC_V1) || head.equals(MAGIC_V2);
}

export function damagedDocument(documentId: string): FaxError {
  return new FaxError(
    'document_damaged',
    `The stored document ${documentId} is damaged: it failed its integrity check and was not opened. Restore the data folder from a backup, or ask the sender to fax it again.`,
  );
}

function chunkNonce(base: Buffer, index: number): Buffer {
  const nonce = Buffer.from(base);
  nonce.writeBigUInt64BE((nonce.readBigUInt64BE(4) + BigInt(index)) & 0xffffffffffffffffn, 4);
  return nonce;
}

function chunkAad(documentId: string, header: Buffer, index: number, last: boolean): Buffer {
  const position = Buffer.alloc(9);
  position.writeBigUInt64BE(BigInt(index));
  position[8] = last ? 1 : 0;
  return Buffer.concat([Buffer.from(documentId, 'utf8'), Buffer.from([0]), header, position]);
}

function checkKey(dataKey: Buffer): void {
  if (dataKey.length !== 32) throw new Error('The data key is 32 bytes.');
}

/** Plaintext in, FXE2 out. */
export function sealStream(dataKey: Buffer, documentId: string, chunkBytes = CHUNK_BYTES): Transform {
  checkKey(dataKey);
  const header = Buffer.alloc(HEADER_V2);
  MAGIC_V2.copy(header, 0);
  header.writeUInt32BE(chunkBytes, 4);
  randomBytes(NONCE).copy(header, 8);
  const baseNonce = header.subarray(8);
  let index = 0;
  let started = false;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const start = (stream: Transform) => {
    if (!started) stream.push(header);
    started = true;
  };

  const sealChunk = (plain: Buffer, last: boolean): Buffer => {
    const cipher = createCipheriv('aes-256-gcm', dataKey, chunkNonce(baseNonce, index));
    cipher.setAAD(chunkAad(documentId, header, index, last));
    index++;
    return Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
  };

  return new Transform({
    transform(data: Buffer, _encoding, done: TransformCallback) {
      start(this);
      pending.push(Buffer.isBuffer(data) ? data : Buffer.from(data));
      pendingBytes += data.length;
      // A chunk is sealed only once more bytes follow it: the last chunk is marked as last.
      if (pendingBytes > chunkBytes) {
        let all = Buffer.concat(pending);
        while (all.length > chunkBytes) {
          this.push(sealChunk(all.subarray(0, chunkBytes), false));
          all = all.subarray(chunkBytes);
        }
        pending = [all];
        pendingBytes = all.length;
      }
      done();
    },
    flush(done: TransformCallback) {
      start(this);
      this.push(sealChunk(Buffer.concat(pending), true));
      done();
    },
  });
}

/** FXE2 (or FXE1) in, plaintext out; a changed, missing or extra byte fails as "damaged". */
export function openStream(dataKey: Buffer, documentId: string): Transform {
  checkKey(dataKey);
  let buffered = Buffer.alloc(0);
  let header: Buffer | null = null;
  let legacy = false;
  let chunkBytes = 0;
  let index = 0;

  const openChunk = (record: Buffer, last: boolean): Buffer => {
    const decipher = createDecipheriv('aes-256-gcm', dataKey, chunkNonce(header!.subarray(8), index));
    decipher.setAAD(chunkAad(documentId, header!, index, last));
    decipher.setAuthTag(record.subarray(record.length - TAG));
    index++;
    return Buffer.concat([decipher.update(record.subarray(0, record.length - TAG)), decipher.final()]);
  };

  return new Transform({
    transform(data: Buffer, _encoding, done: TransformCallback) {
      try {
        buffered = buffered.length ? Buffer.concat([buffered, data]) : Buffer.from(data);
        if (!header && !legacy && buffered.length >= 4) {
          const magic = buffered.subarray(0, 4);
          if (magic.equals(MAGIC_V1)) legacy = true;
          else if (!magic.equals(MAGIC_V2)) throw damagedDocument(documentId);
        }
        if (legacy) return done(); // FXE1 is one GCM message: opened whole at the end.
        if (!header && buffered.length >= HEADER_V2) {
          header = Buffer.from(buffered.subarray(0, HEADER_V2));
          chunkBytes = header.readUInt32BE(4);
          if (chunkBytes < 1 || chunkBytes > MAX_CHUNK_BYTES) throw damagedDocument(documentId);
          buffered = buffered.subarray(HEADER_V2);
        }
        if (!header) return done();
        const record = chunkBytes + TAG;
        // Only a record with bytes after it is known not to be the last.
        while (buffered.length > record) {
          this.push(openChunk(buffered.subarray(0, record), false));
          buffered = buffered.subarray(record);
        }
        done();
      } catch (error) {
        done(error instanceof FaxError ? error : damagedDocument(documentId));
      }
    },
    flush(done: TransformCallback) {
      try {
        if (legacy) {
          if (buffered.length < HEADER_V1) throw damagedDocument(documentId);
          const decipher = createDecipheriv('aes-256-gcm', dataKey, buffered.subarray(4, 16));
          decipher.setAAD(Buffer.from(documentId));
          decipher.setAuthTag(buffered.subarray(16, HEADER_V1));
          this.push(Buffer.concat([decipher.update(buffered.subarray(HEADER_V1)), decipher.final()]));
          return done();
        }
        if (!header || buffered.length < TAG) throw damagedDocument(documentId);
        this.push(openChunk(buffered, true));
        done();
      } catch (error) {
        done(error instanceof FaxError ? error : damagedDocument(documentId));
      }
    },
  });
}

export function sealBytes(dataKey: Buffer, documentId: string, bytes: Uint8Array, chunkBytes = CHUNK_BYTES): Buffer {
  return sealSync(dataKey, documentId, bytes, chunkBytes);
}

export function openBytes(dataKey: Buffer, documentId: string, sealed: Uint8Array): Buffer {
  return openSync(dataKey, documentId, Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength));
}

// The whole-buffer forms write and read exactly what the streams do.
function sealSync(dataKey: Buffer, documentId: string, bytes: Uint8Array, chunkBytes: number): Buffer {
  checkKey(dataKey);
  const header = Buffer.alloc(HEADER_V2);
  MAGIC_V2.copy(header, 0);
  header.writeUInt32BE(chunkBytes, 4);
  randomBytes(NONCE).copy(header, 8);
  const plain = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: Buffer[] = [header];
  let index = 0;
  for (let offset = 0; ; offset += chunkBytes) {
    const last = offset + chunkBytes >= plain.length;
    const cipher = createCipheriv('aes-256-gcm', dataKey, chunkNonce(header.subarray(8), index));
    cipher.setAAD(chunkAad(documentId, header, index, last));
    parts.push(cipher.update(plain.subarray(offset, offset + chunkBytes)), cipher.final(), cipher.getAuthTag());
    index++;
    if (last) break;
  }
  return Buffer.concat(parts);
}

function openSync(dataKey: Buffer, documentId: string, sealed: Buffer): Buffer {
  checkKey(dataKey);
  try {
    const magic = sealed.subarray(0, 4);
    if (magic.equals(MAGIC_V1)) {
      if (sealed.length < HEADER_V1) throw damagedDocument(documentId);
      const decipher = createDecipheriv('aes-256-gcm', dataKey, sealed.subarray(4, 16));
      decipher.setAAD(Buffer.from(documentId));
      decipher.setAuthTag(sealed.subarray(16, HEADER_V1));
      return Buffer.concat([decipher.update(sealed.subarray(HEADER_V1)), decipher.final()]);
    }
    if (!magic.equals(MAGIC_V2) || sealed.length < HEADER_V2 + TAG) throw damagedDocument(documentId);
    const header = sealed.subarray(0, HEADER_V2);
    const chunkBytes = header.readUInt32BE(4);
    if (chunkBytes < 1 || chunkBytes > MAX_CHUNK_BYTES) throw damagedDocument(documentId);
    const record = chunkBytes + TAG;
    const parts: Buffer[] = [];
    let index = 0;
    for (let offset = HEADER_V2; ; offset += record) {
      const last = offset + record >= sealed.length;
      const chunk = sealed.subarray(offset, offset + record);
      if (chunk.length < TAG) throw damagedDocument(documentId);
      const decipher = createDecipheriv('aes-256-gcm', dataKey, chunkNonce(header.subarray(8), index));
      decipher.setAAD(chunkAad(documentId, header, index, last));
      decipher.setAuthTag(chunk.subarray(chunk.length - TAG));
      parts.push(decipher.update(chunk.subarray(0, chunk.length - TAG)), decipher.final());
      index++;
      if (last) break;
    }
    return Buffer.concat(parts);
  } catch (error) {
    throw error instanceof FaxError ? error : damagedDocument(documentId);
  }
}
