// Documents as objects in an S3 bucket (or an S3-compatible store), one object each under
// `${S3_PREFIX}${documentId}`. Each object is sealed on this machine with the data key before
// it leaves (the envelope, as for local files), so the bucket never holds a readable fax, and
// the bucket is asked to encrypt at rest too (SSE-KMS or SSE-S3). Uploads and reads stream,
// so memory does not grow with a document's size. A put resolves only once S3 has the whole
// object; a failed one is aborted and reported, never half-stored under the real key.
import { randomBytes } from 'node:crypto';
import { PassThrough, Readable, pipeline } from 'node:stream';
import type * as S3Sdk from '@aws-sdk/client-s3';
import type { PutObjectCommandInput, S3Client } from '@aws-sdk/client-s3';
import type { Upload } from '@aws-sdk/lib-storage';
import type { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { FaxError } from '../../../shared/errors';
import { openBytes, openStream, sealBytes, sealStream } from './envelope';
import { isMissingObject, s3Failure, s3Where } from './s3Errors';
import type { S3Settings } from './s3Settings';
import type { DocumentStore } from './types';

const SAFE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The AWS SDK, loaded on first use: it costs more than a tenth of a second to load, and most
 * desks never store in S3, so Faxbot does not pay for it at every start.
 */
const loadSdk = (() => {
  let loading: Promise<Sdk> | null = null;
  return () =>
    (loading ??= Promise.all([import('@aws-sdk/client-s3'), import('@aws-sdk/lib-storage'), import('@smithy/core/retry')]).then(
      ([s3, storage, retry]) => ({
        ...s3,
        Upload: storage.Upload,
        ConfiguredRetryStrategy: retry.ConfiguredRetryStrategy,
      }),
    ));
})();
type Sdk = typeof S3Sdk & { Upload: typeof Upload; ConfiguredRetryStrategy: typeof ConfiguredRetryStrategy };
/** Object metadata marking a sealed object, so a store with client-side encryption off still opens them. */
const SEALED_META = 'faxbot-sealed';

export interface S3ConnectionReport {
  /** Where, in words: the endpoint URL or "AWS S3 (region)". */
  where: string;
  bucket: string;
  prefix: string;
  serverSideEncryption: 'aws:kms' | 'AES256' | 'off';
  clientSideEncryption: boolean;
}

export class S3DocumentStore implements DocumentStore {
  readonly kind = 's3';
  private connecting: Promise<{ client: S3Client; sdk: Sdk }> | null = null;
  private client: S3Client | null = null;

  constructor(
    private readonly settings: S3Settings,
    private readonly dataKey: Buffer,
  ) {
    if (dataKey.length !== 32) throw new Error('The data key is 32 bytes.');
  }

  /** The client, made on first use (with the SDK loaded then). */
  private s3(): Promise<{ client: S3Client; sdk: Sdk }> {
    this.connecting ??= loadSdk().then((sdk) => {
      this.client = this.makeClient(sdk);
      return { client: this.client, sdk };
    });
    return this.connecting;
  }

  private makeClient({ S3Client, ConfiguredRetryStrategy }: Sdk): S3Client {
    const settings = this.settings;
    return new S3Client({
      region: settings.region,
      ...(settings.endpoint ? { endpoint: settings.endpoint, forcePathStyle: true } : {}),
      ...(settings.credentials ? { credentials: settings.credentials } : {}),
      retryStrategy: new ConfiguredRetryStrategy(settings.maxAttempts, (attempt) => settings.retryBaseMs * 2 ** Math.max(0, attempt - 1)),
      // An idle-socket limit, not a whole-request one: a 200 MB document may take minutes to
      // move, but a connection silent this long is dead and the attempt is retried.
      requestHandler: { connectionTimeout: settings.connectTimeoutMs, socketTimeout: settings.idleTimeoutMs },
      // Checksums only where S3 demands them: streaming "aws-chunked" trailers are not
      // understood by every S3-compatible store, and the envelope already authenticates.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  private keyOf(documentId: string): string {
    if (!SAFE_ID.test(documentId)) throw new FaxError('invalid_input', `"${documentId}" is not a document id.`);
    return `${this.settings.prefix}${documentId}`;
  }

  private encryptionHeaders(): Pick<PutObjectCommandInput, 'ServerSideEncryption' | 'SSEKMSKeyId'> {
    if (!this.settings.serverSideEncryption) return {};
    if (this.settings.kmsKeyId) return { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: this.settings.kmsKeyId };
    return { ServerSideEncryption: 'AES256' };
  }

  async put(documentId: string, bytes: Uint8Array): Promise<void> {
    await this.putStream(documentId, Readable.from([Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)], { objectMode: false }));
  }

  async putStream(documentId: string, source: AsyncIterable<Uint8Array>): Promise<void> {
    const Key = this.keyOf(documentId);
    const input = source instanceof Readable ? source : Readable.from(source, { objectMode: false });
    const body = this.settings.clientSideEncryption ? sealStream(this.dataKey, documentId) : new PassThrough();
    let sourceError: unknown;
    input.once('error', (error) => (sourceError = error));
    // pipeline fails `body` when the source fails, which fails the upload's read of it.
    pipeline(input, body, () => undefined);
    const { client, sdk } = await this.s3();
    const upload = new sdk.Upload({
      client,
      params: {
        Bucket: this.settings.bucket,
        Key,
        Body: body,
        ContentType: 'application/octet-stream',
        ...(this.settings.clientSideEncryption ? { Metadata: { [SEALED_META]: 'fxe2' } } : {}),
        ...this.encryptionHeaders(),
      },
      partSize: this.settings.partSizeBytes,
      queueSize: this.settings.queueSize,
      // We abort ourselves: the SDK's abort would replace the real error with its own failure.
      leavePartsOnError: true,
    });
    try {
      await upload.done();
    } catch (error) {
      input.destroy();
      body.destroy();
      if (upload.uploadId) await this.abortUpload(Key, upload.uploadId);
      if (sourceError !== undefined) {
        if (sourceError instanceof FaxError) throw sourceError;
        throw new FaxError(
          'storage_error',
          `The document ${documentId} could not be read while storing it in S3: ${(sourceError as Error).message ?? sourceError}. Nothing was stored.`,
          { cause: sourceError },
        );
      }
      throw s3Failure(error, `store document ${documentId}`, this.settings);
    }
  }

  /** Parts of a failed multipart upload cost money and hold ciphertext: drop them, best effort. */
  private async abortUpload(Key: string, UploadId: string): Promise<void> {
    try {
      const { client, sdk } = await this.s3();
      await client.send(new sdk.AbortMultipartUploadCommand({ Bucket: this.settings.bucket, Key, UploadId }));
    } catch {
      // The upload was never completed, so nothing is readable under Key; a bucket lifecycle
      // rule (AbortIncompleteMultipartUpload) clears what an unreachable S3 keeps.
    }
  }

  async get(documentId: string): Promise<Uint8Array> {
    const stream = await this.getStream(documentId);
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return new Uint8Array(Buffer.concat(chunks));
  }

  async getStream(documentId: string): Promise<Readable> {
    const Key = this.keyOf(documentId);
    let response;
    try {
      const { client, sdk } = await this.s3();
      response = await client.send(new sdk.GetObjectCommand({ Bucket: this.settings.bucket, Key }));
    } catch (error) {
      if (isMissingObject(error)) throw new FaxError('not_found', 'The document of this fax is no longer stored.');
      throw s3Failure(error, `read document ${documentId}`, this.settings);
    }
    const body = response.Body as Readable;
    // With client-side encryption on, every object must open: one that is not sealed is
    // refused as damaged, whatever its metadata says.
    const sealed = this.settings.clientSideEncryption || response.Metadata?.[SEALED_META] !== undefined;
    const out = sealed ? openStream(this.dataKey, documentId) : new PassThrough();
    body.once('error', (error) => {
      out.destroy(
        new FaxError('storage_error', `The connection to S3 broke while reading document ${documentId} (${error.message}): try again.`, {
          retryable: true,
          cause: error,
        }),
      );
    });
    out.once('close', () => {
      if (!body.destroyed) body.destroy();
    });
    body.pipe(out);
    return out;
  }

  describe() {
    const where = `s3://${this.settings.bucket}/${this.settings.prefix}`;
    const encrypted = this.settings.clientSideEncryption ? 'encrypted before upload' : 'encrypted by the bucket only';
    return {
      kind: 's3',
      label: `S3 bucket, ${encrypted}`,
      location: this.settings.endpoint ? `${where} at ${this.settings.endpoint}` : `${where} (${this.settings.region})`,
    };
  }

  async has(documentId: string): Promise<boolean> {
    const Key = this.keyOf(documentId);
    try {
      const { client, sdk } = await this.s3();
      await client.send(new sdk.HeadObjectCommand({ Bucket: this.settings.bucket, Key }));
      return true;
    } catch (error) {
      if (isMissingObject(error)) return false;
      throw s3Failure(error, `check document ${documentId}`, this.settings);
    }
  }

  async delete(documentId: string): Promise<void> {
    const Key = this.keyOf(documentId);
    try {
      const { client, sdk } = await this.s3();
      await client.send(new sdk.DeleteObjectCommand({ Bucket: this.settings.bucket, Key }));
    } catch (error) {
      throw s3Failure(error, `delete document ${documentId}`, this.settings);
    }
  }

  /**
   * For Settings' "Test connection": the bucket answers, and a small sealed object can be
   * written, read back intact and deleted with these credentials. Throws the storage error.
   */
  async testConnection(): Promise<S3ConnectionReport> {
    const { bucket: Bucket, prefix } = this.settings;
    const { client, sdk } = await this.s3();
    try {
      await client.send(new sdk.HeadBucketCommand({ Bucket }));
    } catch (error) {
      // HEAD answers carry no error body: 404 means no bucket; a 403 is left to the object
      // requests below, whose answers say whether the keys or the permissions are wrong.
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (status === 404) throw s3Failure(Object.assign(error as object, { name: 'NoSuchBucket' }), 'check the bucket', this.settings);
      if (status !== 403) throw s3Failure(error, `check the bucket ${Bucket}`, this.settings);
    }
    // Not a document id (ids never contain "."), so it can never meet a real document.
    const Key = `${prefix}.faxbot-connection-test-${randomBytes(6).toString('hex')}`;
    const probe = randomBytes(64);
    const sealedId = 'connection-test';
    const what = 'write, read and delete a test object';
    try {
      const Body = this.settings.clientSideEncryption ? sealBytes(this.dataKey, sealedId, probe) : probe;
      await client.send(
        new sdk.PutObjectCommand({ Bucket, Key, Body, ContentType: 'application/octet-stream', ...this.encryptionHeaders() }),
      );
      const read = await client.send(new sdk.GetObjectCommand({ Bucket, Key }));
      const stored = Buffer.from(await read.Body!.transformToByteArray());
      await client.send(new sdk.DeleteObjectCommand({ Bucket, Key }));
      const back = this.settings.clientSideEncryption ? openBytes(this.dataKey, sealedId, stored) : stored;
      if (!back.equals(probe))
        throw new FaxError(
          'storage_error',
          `S3 at ${s3Where(this.settings)} returned different bytes than were written to the bucket ${Bucket}: check S3_ENDPOINT_URL points at a real S3 store.`,
        );
    } catch (error) {
      throw s3Failure(error, what, this.settings);
    }
    const encryption = this.encryptionHeaders().ServerSideEncryption as 'aws:kms' | 'AES256' | undefined;
    return {
      where: s3Where(this.settings),
      bucket: Bucket,
      prefix,
      serverSideEncryption: encryption ?? 'off',
      clientSideEncryption: this.settings.clientSideEncryption,
    };
  }

  /** Closes the client's sockets (engine shutdown, tests). */
  close(): void {
    this.client?.destroy();
  }
}
