// When S3 cannot be used, the store says why in words a person can act on — a different
// sentence for the network, the credentials, the bucket, the permissions and a failing
// service — after retrying what a retry can fix, and never reports a document stored.
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { S3DocumentStore } from '../../main/engine/storage/s3DocumentStore';
import { startFakeS3, type FakeS3 } from '../support/s3rver';

const key = randomBytes(32);
let s3: FakeS3;
const stores: S3DocumentStore[] = [];
const servers: Server[] = [];
const storeWith = (overrides: Parameters<FakeS3['settings']>[0] = {}) => {
  const store = new S3DocumentStore(s3.settings(overrides), key);
  stores.push(store);
  return store;
};

beforeEach(async () => {
  s3 = await startFakeS3();
});
afterEach(async () => {
  for (const store of stores.splice(0)) store.close();
  for (const server of servers.splice(0)) await new Promise((done) => server.close(done));
  await s3.close();
});

/** A port nothing listens on: bound once, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise((done) => server.close(done));
  return port;
}

/** An HTTP server on 127.0.0.1 that answers every request with S3's error XML. */
async function answeringServer(status: number, code: string): Promise<{ endpoint: string; hits: () => number }> {
  let hits = 0;
  const server = createServer((req, res) => {
    hits++;
    req.resume();
    req.on('end', () => {
      res.writeHead(status, { 'content-type': 'application/xml' });
      res.end(
        `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${code}</Message><RequestId>1</RequestId></Error>`,
      );
    });
  });
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits: () => hits };
}

describe('S3 failures, in words', () => {
  it('says the credentials were refused when the access key is wrong, and stores nothing', async () => {
    const store = storeWith({ credentials: { accessKeyId: 'NOT-A-KEY', secretAccessKey: 'wrong' } });
    const failure = store.put('doc-1', Buffer.from('fax'));
    await expect(failure).rejects.toMatchObject({
      code: 'storage_error',
      retryable: false,
      message: expect.stringMatching(/S3 credentials were refused .*InvalidAccessKeyId.*AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY/),
    });
    await expect(store.get('doc-1')).rejects.toMatchObject({ message: expect.stringMatching(/credentials were refused/) });
    await expect(store.testConnection()).rejects.toMatchObject({ message: expect.stringMatching(/credentials were refused/) });
    expect(await storeWith().has('doc-1')).toBe(false);
  });

  it('retries an unreachable endpoint, then says it could not reach it', async () => {
    const port = await closedPort();
    const store = storeWith({ endpoint: `http://127.0.0.1:${port}`, maxAttempts: 3, retryBaseMs: 5 });
    await expect(store.put('doc-1', Buffer.from('fax'))).rejects.toMatchObject({
      code: 'storage_error',
      retryable: true,
      message: expect.stringMatching(
        new RegExp(
          `could not reach the S3 endpoint http://127.0.0.1:${port} to store document doc-1 \\(ECONNREFUSED, 3 attempts\\).*S3_ENDPOINT_URL`,
        ),
      ),
    });
    await expect(store.getStream('doc-1')).rejects.toMatchObject({ message: expect.stringMatching(/could not reach/) });
    await expect(store.testConnection()).rejects.toMatchObject({ message: expect.stringMatching(/could not reach/) });
  });

  it('says which bucket does not exist', async () => {
    const store = storeWith({ bucket: 'no-such-faxes' });
    await expect(store.put('doc-1', Buffer.from('fax'))).rejects.toMatchObject({
      code: 'storage_error',
      message: expect.stringMatching(/bucket no-such-faxes does not exist at http:\/\/127\.0\.0\.1:\d+: create it, or correct S3_BUCKET/),
    });
    await expect(store.get('doc-1')).rejects.toMatchObject({ message: expect.stringMatching(/bucket no-such-faxes does not exist/) });
    await expect(store.testConnection()).rejects.toMatchObject({ message: expect.stringMatching(/bucket no-such-faxes does not exist/) });
  });

  it('says access was denied (not the credentials) when S3 answers AccessDenied', async () => {
    const denying = await answeringServer(403, 'AccessDenied');
    const store = storeWith({ endpoint: denying.endpoint, maxAttempts: 3 });
    await expect(store.put('doc-1', Buffer.from('fax'))).rejects.toMatchObject({
      code: 'storage_error',
      retryable: false,
      message: expect.stringMatching(/Access to the S3 bucket faxbot-docs was denied .*s3:PutObject/),
    });
    // A refusal is not retried: retrying cannot change a permission.
    expect(denying.hits()).toBe(1);
  });

  it('retries a failing service up to the attempt limit, then says it kept failing', async () => {
    const failing = await answeringServer(503, 'ServiceUnavailable');
    const store = storeWith({ endpoint: failing.endpoint, maxAttempts: 3, retryBaseMs: 5 });
    await expect(store.put('doc-1', Buffer.from('fax'))).rejects.toMatchObject({
      code: 'storage_error',
      retryable: true,
      message: expect.stringMatching(/kept failing to store document doc-1 \(ServiceUnavailable, HTTP 503, 3 attempts\)/),
    });
    expect(failing.hits()).toBe(3);
  });

  it('says the bucket is in another region when S3 redirects', async () => {
    const redirecting = await answeringServer(301, 'PermanentRedirect');
    const store = storeWith({ endpoint: redirecting.endpoint });
    await expect(store.put('doc-1', Buffer.from('fax'))).rejects.toMatchObject({
      message: expect.stringMatching(/not in us-east-1: set S3_REGION/),
    });
  });
});

describe('S3 that accepts the connection but never answers', () => {
  it('gives up on a silent connection after the idle timeout, on each attempt, and says it could not reach the endpoint', async () => {
    let hits = 0;
    const silent = createServer(() => {
      hits++; // never answers
    });
    servers.push(silent);
    await new Promise<void>((done) => silent.listen(0, '127.0.0.1', done));
    const endpoint = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    const store = storeWith({ endpoint, maxAttempts: 2, retryBaseMs: 5, idleTimeoutMs: 300 });
    await expect(store.get('doc-1')).rejects.toMatchObject({
      code: 'storage_error',
      retryable: true,
      message: expect.stringMatching(/could not reach the S3 endpoint .* to read document doc-1 \(.*2 attempts\)/),
    });
    expect(hits).toBe(2);
    silent.closeAllConnections();
  });
});
