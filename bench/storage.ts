// Storing documents: throughput of encrypting and storing a 10 MB document locally beside a
// plain file copy of the same bytes (copy + fsync), and into s3rver beside a plain PutObject
// of the same bytes without client-side encryption — each pair in the same run, so the ratio
// is the figure. Then the peak growth of resident memory while a 200 MB document streams
// through putStream and back out of getStream (s3rver runs in its own process, so only
// Faxbot's memory is measured).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, copyFileSync, fsyncSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { DeleteObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { LocalDocumentStore, type DocumentStore } from '../main/engine/storage';
import { S3DocumentStore } from '../main/engine/storage/s3DocumentStore';
import { s3SettingsFromEnv } from '../main/engine/storage/s3Settings';
import { result, type BenchResult } from './stats';

const MB = 1024 * 1024;
const DOCUMENT_MB = 10;
const STREAM_MB = 200;
const BUCKET = 'faxbot-bench';

/** s3rver in a child process on a free port, with one bucket. */
async function startS3rverProcess(directory: string): Promise<{ endpoint: string; child: ChildProcess }> {
  const bin = resolve(import.meta.dirname, '..', 'node_modules', 's3rver', 'bin', 's3rver.js');
  const child = spawn(process.execPath, [bin, '-d', directory, '-a', '127.0.0.1', '-p', '0', '-s', '--configure-bucket', BUCKET], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const endpoint = await new Promise<string>((done, fail) => {
    let text = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const match = /listening on ([\d.]+):(\d+)/.exec(text);
      if (match) done(`http://${match[1]}:${match[2]}`);
    });
    child.once('exit', (code) => fail(new Error(`s3rver exited (${code}) before listening`)));
  });
  return { endpoint, child };
}

function slices(bytes: Buffer, size = 64 * 1024): Readable {
  return Readable.from(
    (function* () {
      for (let offset = 0; offset < bytes.length; offset += size) yield bytes.subarray(offset, offset + size);
    })(),
    { objectMode: false },
  );
}

async function* randomDocument(megabytes: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < megabytes; i++) yield randomBytes(MB);
}

const mbPerSecond = (ms: number) => DOCUMENT_MB / (ms / 1000);

async function timed(work: () => Promise<unknown> | unknown): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

/** Peak RSS above the starting point while `work` runs, sampled every 10 ms. */
async function peakRssGrowthMb(work: () => Promise<void>): Promise<number> {
  (globalThis as { gc?: () => void }).gc?.();
  const base = process.memoryUsage.rss();
  let peak = base;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10);
  try {
    await work();
  } finally {
    clearInterval(sampler);
  }
  peak = Math.max(peak, process.memoryUsage.rss());
  return (peak - base) / MB;
}

async function streamThrough(store: DocumentStore, id: string): Promise<void> {
  await store.putStream(id, randomDocument(STREAM_MB));
  let bytes = 0;
  for await (const chunk of (await store.getStream(id)) as AsyncIterable<Uint8Array>) bytes += chunk.length;
  if (bytes !== STREAM_MB * MB) throw new Error(`read back ${bytes} bytes of ${STREAM_MB * MB}`);
  await store.delete(id);
}

export async function benchStorage(runs: number): Promise<BenchResult[]> {
  const work = mkdtempSync(join(tmpdir(), 'faxbot-bench-storage-'));
  const dataKey = randomBytes(32);
  const document = randomBytes(DOCUMENT_MB * MB);
  const source = join(work, 'source.pdf');
  writeFileSync(source, document);
  const local = new LocalDocumentStore(join(work, 'data'), dataKey);
  const s3rver = await startS3rverProcess(mkdtempSync(join(tmpdir(), 'faxbot-bench-s3rver-')));
  const env = {
    S3_BUCKET: BUCKET,
    S3_ENDPOINT_URL: s3rver.endpoint,
    S3_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
  };
  const s3 = new S3DocumentStore(s3SettingsFromEnv(env), dataKey);
  const plainS3 = new S3Client({
    region: 'us-east-1',
    endpoint: s3rver.endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    requestChecksumCalculation: 'WHEN_REQUIRED',
  });

  const copy: number[] = [];
  const sealLocal: number[] = [];
  const localRatio: number[] = [];
  const putPlain: number[] = [];
  const sealS3: number[] = [];
  const s3Ratio: number[] = [];
  const rssLocal: number[] = [];
  const rssS3: number[] = [];
  try {
    for (let run = 0; run < runs; run++) {
      const copied = join(work, `copy-${run}.pdf`);
      const copyMs = await timed(() => {
        copyFileSync(source, copied);
        const fd = openSync(copied, 'r+');
        fsyncSync(fd);
        closeSync(fd);
      });
      const localMs = await timed(() => local.putStream(`bench-${run}`, slices(document)));
      copy.push(mbPerSecond(copyMs));
      sealLocal.push(mbPerSecond(localMs));
      localRatio.push(localMs / copyMs);
      rmSync(copied);
      await local.delete(`bench-${run}`);

      const plainMs = await timed(() => plainS3.send(new PutObjectCommand({ Bucket: BUCKET, Key: `plain-${run}`, Body: document })));
      const s3Ms = await timed(() => s3.putStream(`bench-${run}`, slices(document)));
      putPlain.push(mbPerSecond(plainMs));
      sealS3.push(mbPerSecond(s3Ms));
      s3Ratio.push(s3Ms / plainMs);
      await plainS3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: `plain-${run}` }));
      await s3.delete(`bench-${run}`);
    }
    for (let run = 0; run < Math.min(runs, 3); run++) {
      rssLocal.push(await peakRssGrowthMb(() => streamThrough(local, `stream-${run}`)));
      rssS3.push(await peakRssGrowthMb(() => streamThrough(s3, `stream-${run}`)));
    }
  } finally {
    s3.close();
    plainS3.destroy();
    s3rver.child.kill();
    rmSync(work, { recursive: true, force: true });
  }
  return [
    result(`storage: plain file copy + fsync, ${DOCUMENT_MB} MB`, 'MB/s', copy),
    result(`storage: encrypt + store locally, ${DOCUMENT_MB} MB`, 'MB/s', sealLocal),
    result('storage: local store time ÷ plain copy time', '×', localRatio, 'same run, same bytes'),
    result(`storage: plain PutObject to s3rver, ${DOCUMENT_MB} MB`, 'MB/s', putPlain, 'no client-side encryption'),
    result(`storage: encrypt + store in s3rver, ${DOCUMENT_MB} MB`, 'MB/s', sealS3, 'lib-storage Upload, SSE header'),
    result('storage: S3 store time ÷ plain PutObject time', '×', s3Ratio, 'same run, same bytes'),
    result(`storage: peak RSS growth, ${STREAM_MB} MB through local putStream + getStream`, 'MB', rssLocal),
    result(`storage: peak RSS growth, ${STREAM_MB} MB through S3 putStream + getStream`, 'MB', rssS3, 's3rver in its own process'),
  ];
}
