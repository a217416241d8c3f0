// The sealed form every backend stores: chunked AES-256-GCM that streams in bounded memory
// and refuses any changed, reordered, missing or extra byte as "damaged".
import { createCipheriv, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { LocalDocumentStore, openBytes, openStream, sealBytes, sealStream } from '../../main/engine/storage';
import { CHUNK_BYTES } from '../../main/engine/storage/envelope';

const key = randomBytes(32);
const CHUNK = 1024; // small chunks so the edge cases need few bytes
const RECORD = CHUNK + 16;
const HEADER = 20;

/** Feeds bytes in uneven pieces, the way files and sockets deliver them. */
function piecewise(bytes: Buffer, sizes = [1, 7, 1000, 4096, 3]): Readable {
  const pieces: Buffer[] = [];
  for (let offset = 0, i = 0; offset < bytes.length; i++) {
    const size = sizes[i % sizes.length];
    pieces.push(bytes.subarray(offset, offset + size));
    offset += size;
  }
  return Readable.from(pieces);
}

async function sealViaStream(id: string, plain: Buffer, chunk = CHUNK): Promise<Buffer> {
  return buffer(piecewise(plain).pipe(sealStream(key, id, chunk)));
}

async function openViaStream(id: string, sealed: Buffer): Promise<Buffer> {
  const out = openStream(key, id);
  const done = buffer(out);
  piecewise(sealed).pipe(out);
  return done;
}

describe('the document envelope', () => {
  const sizes = [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 3 * CHUNK + 17];

  it.each(sizes)('round-trips %i bytes through the stream and the whole-buffer forms alike', async (size) => {
    const plain = randomBytes(size);
    const streamed = await sealViaStream('doc-a', plain);
    const whole = sealBytes(key, 'doc-a', plain, CHUNK);
    // Same layout (only the random nonce differs): header + one record per chunk, last one shorter.
    expect(streamed.length).toBe(whole.length);
    expect(streamed.length).toBe(HEADER + Math.max(1, Math.ceil(size / CHUNK)) * 16 + size);
    expect((await openViaStream('doc-a', streamed)).equals(plain)).toBe(true);
    expect(openBytes(key, 'doc-a', streamed).equals(plain)).toBe(true);
    expect((await openViaStream('doc-a', whole)).equals(plain)).toBe(true);
  });

  it('holds no plaintext: a PDF sealed does not contain "%PDF"', async () => {
    const plain = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(5000)]);
    const sealed = await sealViaStream('doc-a', plain);
    expect(sealed.includes(Buffer.from('%PDF'))).toBe(false);
    expect(sealed.subarray(0, 4).toString()).toBe('FXE2');
  });

  describe('refuses tampering as "damaged", in the stream and the whole-buffer forms', () => {
    const plain = randomBytes(3 * CHUNK + 100);
    const cases: Array<[string, (sealed: Buffer) => Buffer]> = [
      ['one bit flipped in the first chunk', (s) => flip(s, HEADER + 5)],
      ['one bit flipped in a middle tag', (s) => flip(s, HEADER + 2 * RECORD - 3)],
      ['one bit flipped in the header', (s) => flip(s, 10)],
      ['the last chunk cut off at a chunk boundary', (s) => s.subarray(0, HEADER + 3 * RECORD)],
      ['the last byte cut off', (s) => s.subarray(0, s.length - 1)],
      ['a byte appended', (s) => Buffer.concat([s, Buffer.from([0])])],
      [
        'two chunks swapped',
        (s) =>
          Buffer.concat([
            s.subarray(0, HEADER),
            s.subarray(HEADER + RECORD, HEADER + 2 * RECORD),
            s.subarray(HEADER, HEADER + RECORD),
            s.subarray(HEADER + 2 * RECORD),
          ]),
      ],
      ['only the header', (s) => s.subarray(0, HEADER)],
      ['nothing at all', () => Buffer.alloc(0)],
      ['a plain PDF', () => Buffer.from('%PDF-1.4 not sealed')],
      [
        'an absurd chunk size in the header',
        (s) => {
          const t = Buffer.from(s);
          t.writeUInt32BE(0xffffffff, 4);
          return t;
        },
      ],
    ];
    it.each(cases)('%s', async (_name, tamper) => {
      const sealed = tamper(sealBytes(key, 'doc-a', plain, CHUNK));
      await expect(openViaStream('doc-a', sealed)).rejects.toMatchObject({
        code: 'document_damaged',
        message: expect.stringMatching(/doc-a is damaged/),
      });
      expect(() => openBytes(key, 'doc-a', sealed)).toThrow(/doc-a is damaged/);
    });

    it('a document sealed under one id does not open under another, nor with another key', async () => {
      const sealed = sealBytes(key, 'doc-a', plain, CHUNK);
      expect(() => openBytes(key, 'doc-b', sealed)).toThrow(/damaged/);
      expect(() => openBytes(randomBytes(32), 'doc-a', sealed)).toThrow(/damaged/);
    });
  });

  it('still opens documents sealed by the first encrypted version (FXE1)', async () => {
    const plain = randomBytes(5000);
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, nonce);
    cipher.setAAD(Buffer.from('doc-old'));
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    const v1 = Buffer.concat([Buffer.from('FXE1'), nonce, cipher.getAuthTag(), body]);
    expect(openBytes(key, 'doc-old', v1).equals(plain)).toBe(true);
    expect((await openViaStream('doc-old', v1)).equals(plain)).toBe(true);
    expect(() => openBytes(key, 'doc-old', flip(v1, 40))).toThrow(/damaged/);
  });

  it('uses 64 KiB chunks by default', () => {
    expect(sealBytes(key, 'doc-a', Buffer.alloc(10)).readUInt32BE(4)).toBe(CHUNK_BYTES);
  });
});

describe('the local store, streaming', () => {
  const freshStore = () => {
    const dir = mkdtempSync(join(tmpdir(), 'faxbot-envelope-'));
    return { dir, store: new LocalDocumentStore(dir, key) };
  };

  it('streams a document in and out, leaving only the sealed file', async () => {
    const { dir, store } = freshStore();
    const plain = randomBytes(5 * CHUNK_BYTES + 123);
    await store.putStream('doc-big', piecewise(plain, [65536, 10, 300000]));
    expect(await store.has('doc-big')).toBe(true);
    expect((await buffer(await store.getStream('doc-big'))).equals(plain)).toBe(true);
    expect(Buffer.from(await store.get('doc-big')).equals(plain)).toBe(true);
    expect(readdirSync(join(dir, 'documents'))).toEqual(['doc-big.bin']);
  });

  it('a missing document rejects getStream with not_found before any stream exists', async () => {
    const { store } = freshStore();
    await expect(store.getStream('doc-none')).rejects.toMatchObject({ code: 'not_found' });
    expect(await store.has('doc-none')).toBe(false);
  });

  it('a damaged file fails the stream with "damaged", releasing no unverified bytes of the bad chunk', async () => {
    const { dir, store } = freshStore();
    const plain = randomBytes(3 * CHUNK_BYTES);
    await store.put('doc-x', plain);
    const path = join(dir, 'documents', 'doc-x.bin');
    writeFileSync(path, flip(readFileSync(path), HEADER + CHUNK_BYTES + 16 + 100)); // inside chunk 2
    const received: Buffer[] = [];
    const stream = await store.getStream('doc-x');
    stream.on('data', (chunk: Buffer) => received.push(chunk));
    await expect(new Promise((resolve, reject) => stream.on('end', resolve).on('error', reject))).rejects.toMatchObject({
      code: 'document_damaged',
    });
    expect(Buffer.concat(received).equals(plain.subarray(0, CHUNK_BYTES))).toBe(true);
  });

  it('a source that fails mid-way stores nothing, not even a temp file', async () => {
    const { dir, store } = freshStore();
    async function* failing() {
      yield randomBytes(200000);
      throw new Error('the upload was interrupted');
    }
    await expect(store.putStream('doc-half', failing())).rejects.toMatchObject({
      code: 'storage_error',
      message: expect.stringMatching(/interrupted/),
    });
    expect(await store.has('doc-half')).toBe(false);
    expect(readdirSync(join(dir, 'documents'))).toEqual([]);
  });

  it('refuses an id that is not a document id', async () => {
    const { store } = freshStore();
    await expect(store.putStream('../escape', Readable.from([Buffer.from('x')]))).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(store.getStream('a/b')).rejects.toMatchObject({ code: 'invalid_input' });
  });
});

function flip(bytes: Buffer, at: number): Buffer {
  const copy = Buffer.from(bytes);
  copy[at] ^= 0x01;
  return copy;
}
