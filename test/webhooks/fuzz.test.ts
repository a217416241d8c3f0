// Thousands of random and mutated requests at the listener: it never crashes, never changes
// state, and refuses every one with a 4xx. Seeded, so a failure can be replayed.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  count,
  multipart,
  rawRequest,
  signRequest,
  startListener,
  TEST_PROVIDER,
  urlEncoded,
  type ListenerFixture,
} from './listenerFixture';
import { prng, type Prng } from '../support/prng';

const SEED = Number(process.env.FUZZ_SEED ?? 20261125);
const REQUESTS = 2400;
const CONCURRENCY = 16;

type Case =
  { kind: 'http'; path: string; method: string; headers: Record<string, string | number>; body: Buffer } | { kind: 'raw'; data: Buffer };

let fx: ListenerFixture;
beforeAll(async () => {
  fx = await startListener({ publicUrl: 'loopback' });
});
afterAll(async () => {
  await fx.close();
});

function makeCase(r: Prng): Case {
  const secretPaths = [
    `/${fx.secret}/${TEST_PROVIDER}/status`,
    `/${fx.secret}/${TEST_PROVIDER}/inbound`,
    `/${fx.secret}/selftest/${r.alnum(16)}`,
  ];
  const path = () =>
    r.pick([
      () => r.pick(secretPaths),
      () => r.pick(secretPaths) + '?' + r.alnum(r.int(30)),
      () => '/' + r.alnum(r.int(60)),
      () => `/${fx.secret.slice(0, r.int(43))}/${TEST_PROVIDER}/status`,
      () => `/${fx.secret}/${r.alnum(6)}/${r.alnum(6)}`,
      () => '/' + encodeURIComponent(r.bytes(r.int(40)).toString('latin1')),
      () => `/${fx.secret}/${TEST_PROVIDER}/status/../../${r.alnum(4)}`,
      () => `/${fx.secret}//${TEST_PROVIDER}/status`,
    ])();
  const contentType = () =>
    r.pick([
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=zz',
      'multipart/form-data',
      'application/json',
      'text/plain',
      r.alnum(12),
      'multipart/form-data; boundary=' + r.alnum(70 + r.int(30)),
    ]);
  const fields = [
    { name: 'fax_id', value: r.alnum(8) },
    { name: 'status', value: r.pick(['delivered', 'failed']) },
  ];
  const choice = r.int(10);
  if (choice === 0) {
    // Not HTTP at all, or HTTP broken in the request line or headers.
    const data = r.pick([
      () => r.bytes(1 + r.int(400)),
      () => Buffer.from(`POST /${fx.secret}/${TEST_PROVIDER}/status HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n`),
      () =>
        Buffer.from(
          `POST /${fx.secret}/${TEST_PROVIDER}/status HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n${r.alnum(10)}\r\n0\r\n\r\n`,
        ),
      () => Buffer.concat([Buffer.from('POST / HTTP/1.1\r\nX-Bad: '), r.bytes(50), Buffer.from('\r\n\r\n')]),
      () => Buffer.from(`GET /${'a'.repeat(20000)} HTTP/1.1\r\nHost: x\r\n\r\n`),
    ])();
    return { kind: 'raw', data };
  }
  if (choice === 1) {
    // Huge headers.
    return {
      kind: 'http',
      path: r.pick(secretPaths),
      method: 'POST',
      headers: { 'x-filler': 'a'.repeat(17_000 + r.int(20_000)), 'content-type': contentType() },
      body: Buffer.alloc(0),
    };
  }
  if (choice <= 3) {
    // A genuine signed urlencoded request, then one byte changed in its body.
    const p = `/${fx.secret}/${TEST_PROVIDER}/status`;
    const body = Buffer.from(urlEncoded(fields));
    const at = r.int(body.length);
    body[at] = (body[at] + 1 + r.int(255)) % 256;
    return {
      kind: 'http',
      path: p,
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-test-signature': signRequest(fx.base + p, fields) },
      body,
    };
  }
  if (choice <= 5) {
    // A genuine signed multipart inbound fax, truncated or with its file changed.
    const p = `/${fx.secret}/${TEST_PROVIDER}/inbound`;
    const pdf = Buffer.from('%PDF-1.4 ' + r.alnum(200));
    const inFields = [{ name: 'fax_id', value: r.alnum(8) }];
    const body = multipart('zz', inFields, [{ name: 'file', fileName: 'f.pdf', data: pdf }]);
    const headers = {
      'content-type': 'multipart/form-data; boundary=zz',
      'x-test-signature': signRequest(fx.base + p, inFields, [{ name: 'file', data: pdf }]),
    };
    if (r.next() < 0.5)
      return { kind: 'http', path: p, method: 'POST', headers, body: body.subarray(0, body.length - 10 - r.int(body.length - 10)) };
    const fileAt = body.indexOf(pdf) + r.int(pdf.length);
    body[fileAt] ^= 1 + r.int(255);
    return { kind: 'http', path: p, method: 'POST', headers, body };
  }
  // Anything at all.
  const method = r.pick(['POST', 'POST', 'POST', 'GET', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD']);
  const headers: Record<string, string | number> = { 'content-type': contentType() };
  if (r.next() < 0.3) headers['x-test-signature'] = r.alnum(64);
  const body = r.pick([
    () => r.bytes(r.int(3000)),
    () => Buffer.from(urlEncoded(fields)),
    () => multipart('zz', fields).subarray(0, r.int(200)),
    () => Buffer.alloc(70_000 + r.int(100_000), 0x61),
  ])();
  return { kind: 'http', path: path(), method, headers, body: method === 'GET' || method === 'HEAD' ? Buffer.alloc(0) : body };
}

function rawStatus(base: string, data: Buffer): Promise<number> {
  const url = new URL(base);
  return new Promise((resolve) => {
    const socket = connect(Number(url.port), '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      const line = Buffer.concat(chunks).toString('latin1').split('\r\n')[0];
      resolve(Number(/^HTTP\/1\.[01] (\d{3})/.exec(line)?.[1] ?? 0));
    });
    // Half-close: "that is all", so the server answers and hangs up.
    socket.end(data);
  });
}

describe('listener fuzz', () => {
  it(`refuses ${REQUESTS} random and mutated requests with a 4xx, changing nothing`, async () => {
    const r = prng(SEED);
    const cases = Array.from({ length: REQUESTS }, () => makeCase(r));
    const answers = new Map<number, number>();
    const bad: string[] = [];
    let nextCase = 0;
    const worker = async () => {
      while (nextCase < cases.length) {
        const index = nextCase++;
        const c = cases[index];
        const status =
          c.kind === 'raw'
            ? await rawStatus(fx.base, c.data)
            : (
                await rawRequest(fx.base, c.path, {
                  method: c.method,
                  headers: { ...c.headers, 'content-length': c.body.length },
                  body: c.body,
                })
              ).status;
        answers.set(status, (answers.get(status) ?? 0) + 1);
        if (status < 400 || status > 499)
          bad.push(`case ${index} (${c.kind === 'raw' ? 'raw' : `${c.method} ${c.path.slice(0, 60)}`}): ${status}`);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    await fx.service.listener.settled();

    expect(bad.slice(0, 10)).toEqual([]);
    // The mix really exercised each refusal.
    for (const status of [400, 401, 404, 413, 431]) expect(answers.get(status) ?? 0, `answers ${status}`).toBeGreaterThan(0);
    expect(count(fx.db, 'webhook_events')).toBe(0);
    expect(count(fx.db, 'fax_jobs')).toBe(0);
    expect(count(fx.db, 'inbound_faxes')).toBe(0);
    expect(fx.statuses).toEqual([]);
    expect(fx.received).toEqual([]);
    expect(fx.service.getHealth().providers[0].events).toBe(0);
    // Still serving a genuine request afterwards.
    const p = `/${fx.secret}/${TEST_PROVIDER}/status`;
    const fields = [
      { name: 'fax_id', value: 'after' },
      { name: 'status', value: 'delivered' },
    ];
    const ok = await rawRequest(fx.base, p, {
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-test-signature': signRequest(fx.base + p, fields) },
      body: urlEncoded(fields),
    });
    expect(ok.status).toBe(200);
  }, 120_000);
});
