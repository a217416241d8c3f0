// A real S3 stand-in for tests and the benchmark: s3rver on 127.0.0.1, on a free port, over
// a fresh temp folder, with one bucket made. It records each request's method, path and
// headers so tests can see what Faxbot sent (SSE headers) without touching the client.
// s3rver checks the access key id (S3RVER) but, for SigV4, not the signature itself.
import { mkdtempSync, rmSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, PutObjectCommand, S3Client, type PutObjectCommandInput } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { s3SettingsFromEnv, type S3Settings } from '../../main/engine/storage/s3Settings';

export const S3RVER_KEY = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

export interface FakeS3 {
  endpoint: string;
  bucket: string;
  directory: string;
  requests: SeenRequest[];
  /** Settings for a store against this server; tests override retries and prefixes. */
  settings(overrides?: Partial<S3Settings>): S3Settings;
  /** The object exactly as the bucket holds it (no client-side decryption). */
  rawObject(key: string): Promise<Buffer>;
  /** Overwrites an object bypassing Faxbot (to tamper with it). */
  putRawObject(key: string, body: Buffer, metadata?: Record<string, string>): Promise<void>;
  close(): Promise<void>;
}

export async function startFakeS3(bucket = 'faxbot-docs'): Promise<FakeS3> {
  const directory = mkdtempSync(join(tmpdir(), 'faxbot-s3rver-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, directory, silent: true, configureBuckets: [{ name: bucket }] });
  const { port } = await server.run();
  const requests: SeenRequest[] = [];
  server.httpServer!.on('request', (req) => requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers }));
  const endpoint = `http://127.0.0.1:${port}`;
  let closed = false;
  const raw = new S3Client({
    region: 'us-east-1',
    endpoint,
    forcePathStyle: true,
    credentials: S3RVER_KEY,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  return {
    endpoint,
    bucket,
    directory,
    requests,
    settings: (overrides = {}) =>
      s3SettingsFromEnv(
        {
          S3_BUCKET: bucket,
          S3_ENDPOINT_URL: endpoint,
          S3_REGION: 'us-east-1',
          AWS_ACCESS_KEY_ID: S3RVER_KEY.accessKeyId,
          AWS_SECRET_ACCESS_KEY: S3RVER_KEY.secretAccessKey,
        },
        { retryBaseMs: 5, connectTimeoutMs: 2_000, idleTimeoutMs: 10_000, ...overrides },
      ),
    async rawObject(key) {
      const response = await raw.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return Buffer.from(await response.Body!.transformToByteArray());
    },
    async putRawObject(key, body, metadata) {
      const input: PutObjectCommandInput = { Bucket: bucket, Key: key, Body: body, ...(metadata ? { Metadata: metadata } : {}) };
      await raw.send(new PutObjectCommand(input));
    },
    async close() {
      if (closed) return;
      closed = true;
      raw.destroy();
      server.httpServer?.closeAllConnections?.();
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
