// The webhook listener against real HTTP on 127.0.0.1 and a real SQLite file.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebhookService } from '../../main/engine/webhooks';
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
import { testLogger } from '../support/testLog';

let fx: ListenerFixture;
beforeEach(async () => {
  fx = await startListener({ publicUrl: 'loopback' });
});
afterEach(async () => {
  await fx.close();
});

const statusPath = (query = '') => `/${fx.secret}/${TEST_PROVIDER}/status${query}`;

function signedStatus(fields: { name: string; value: string }[], path = statusPath()) {
  const body = urlEncoded(fields);
  return {
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-test-signature': signRequest(fx.base + path, fields) },
    body,
  };
}

const delivered = (faxId = 'fax-1') => [
  { name: 'fax_id', value: faxId },
  { name: 'status', value: 'delivered' },
];

describe('routing', () => {
  it('applies a signed status callback on the provider route', async () => {
    const reply = await rawRequest(fx.base, statusPath(), signedStatus(delivered()));
    expect(reply.status).toBe(200);
    await fx.service.listener.settled();
    expect(fx.statuses).toEqual([{ providerFaxId: 'fax-1', state: 'delivered' }]);
  });

  it.each([
    ['a wrong secret', () => `/${'A'.repeat(43)}/${TEST_PROVIDER}/status`],
    ['a secret one character short', () => `/${fx.secret.slice(1)}/${TEST_PROVIDER}/status`],
    ['no secret', () => `/${TEST_PROVIDER}/status`],
    ['an unknown provider', () => `/${fx.secret}/phaxio/status`],
    ['an unknown route', () => `/${fx.secret}/${TEST_PROVIDER}/inbound-v2`],
    ['an extra segment', () => `/${fx.secret}/${TEST_PROVIDER}/status/x`],
    ['the root', () => '/'],
  ])('answers a bare 404 to %s', async (_what, path) => {
    const { headers, body } = signedStatus(delivered());
    const reply = await rawRequest(fx.base, path(), { headers, body });
    expect(reply.status).toBe(404);
    expect(reply.body).toBe('');
    await fx.service.listener.settled();
    expect(fx.statuses).toEqual([]);
  });

  it.each(['GET', 'PUT', 'DELETE', 'OPTIONS', 'HEAD'])('answers 404 to %s on a real route', async (method) => {
    const reply = await rawRequest(fx.base, statusPath(), { method });
    expect(reply.status).toBe(404);
  });

  it('builds route URLs with the secret under the public URL, and none without one', () => {
    expect(fx.service.addressBook.urlFor(TEST_PROVIDER, 'status', { job: 'j 1' })).toBe(
      `${fx.base}/${fx.secret}/${TEST_PROVIDER}/status?job=j+1`,
    );
    fx.service.setPublicUrl(null);
    expect(fx.service.addressBook.urlFor(TEST_PROVIDER, 'status')).toBeNull();
  });

  it('gives verify the public URL the provider was given, with its query, not the loopback one', async () => {
    fx.service.setPublicUrl('https://faxbot.example.net/hooks/');
    const path = statusPath('?job=abc&attempt=2');
    const fields = delivered();
    const signature = signRequest(`https://faxbot.example.net/hooks${path}`, fields);
    // A tunnel that keeps the base path forwards /hooks/<secret>/…
    const reply = await rawRequest(fx.base, `/hooks${path}`, {
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-test-signature': signature },
      body: urlEncoded(fields),
    });
    expect(reply.status).toBe(200);
    // …and one that strips it forwards /<secret>/…
    const again = await rawRequest(fx.base, path, {
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-test-signature': signature },
      body: urlEncoded(delivered()),
    });
    expect(again.status).toBe(200);
  });

  it('keeps the same path secret across restarts of the same install', async () => {
    const again = new WebhookService({ db: fx.db, port: 0, env: {}, logger: testLogger('error') });
    expect(again.store.pathSecret()).toBe(fx.secret);
    expect(Buffer.from(fx.secret, 'base64url')).toHaveLength(32);
  });
});

describe('body limits and malformed bodies', () => {
  it('answers 413 from Content-Length alone, before reading the body', async () => {
    const reply = await rawRequest(fx.base, statusPath(), {
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': 10 * 1024 * 1024 },
      chunks: [Buffer.from('fax_id=1')],
    });
    expect(reply.status).toBe(413);
  });

  it('answers 413 to a chunked body once it passes the limit while streaming', async () => {
    const chunk = Buffer.alloc(16 * 1024, 0x61);
    const reply = await rawRequest(fx.base, statusPath(), {
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'transfer-encoding': 'chunked' },
      chunks: Array.from({ length: 8 }, () => chunk),
    });
    expect(reply.status).toBe(413);
    expect(count(fx.db, 'webhook_events')).toBe(0);
  });

  it.each([
    ['no boundary', 'multipart/form-data', Buffer.from('--x\r\n')],
    [
      'a truncated part',
      'multipart/form-data; boundary=xyz',
      Buffer.from('--xyz\r\nContent-Disposition: form-data; name="fax_id"\r\n\r\n12'),
    ],
    ['a missing closing boundary', 'multipart/form-data; boundary=xyz', multipart('xyz', delivered()).subarray(0, -8)],
    ['broken percent-encoding', 'application/x-www-form-urlencoded', Buffer.from('fax_id=%zz&status=delivered')],
    ['invalid UTF-8', 'application/x-www-form-urlencoded', Buffer.from([0x66, 0x3d, 0xff, 0xfe])],
  ])('answers 400 to a malformed form: %s', async (_what, contentType, body) => {
    const reply = await rawRequest(fx.base, statusPath(), { headers: { 'content-type': contentType, 'x-test-signature': 'x' }, body });
    expect(reply.status).toBe(400);
    expect(fx.service.getHealth().providers[0].verificationFailures).toBe(0);
  });

  it('answers 400 when a verified request cannot be read, and stores nothing', async () => {
    const reply = await rawRequest(
      fx.base,
      statusPath(),
      signedStatus([
        { name: 'fax_id', value: 'f' },
        { name: 'status', value: 'exploded' },
      ]),
    );
    expect(reply.status).toBe(400);
    expect(count(fx.db, 'webhook_events')).toBe(0);
  });

  it('reads a multipart inbound fax with its file and hands it to the sink', async () => {
    const pdf = Buffer.from('%PDF-1.4 test');
    const fields = [{ name: 'fax_id', value: 'in-7' }];
    const path = `/${fx.secret}/${TEST_PROVIDER}/inbound`;
    const signature = signRequest(fx.base + path, fields, [{ name: 'file', data: pdf }]);
    const reply = await rawRequest(fx.base, path, {
      headers: { 'content-type': 'multipart/form-data; boundary=b0undary', 'x-test-signature': signature },
      body: multipart('b0undary', fields, [{ name: 'file', fileName: 'fax.pdf', data: pdf }]),
    });
    expect(reply.status).toBe(200);
    await fx.service.listener.settled();
    expect(fx.received).toHaveLength(1);
    expect(Buffer.from(fx.received[0].pdf).equals(pdf)).toBe(true);
  });
});

describe('verification', () => {
  it('answers 401 to a forged signature, applies nothing, stores nothing, and counts it', async () => {
    const { body } = signedStatus(delivered());
    const reply = await rawRequest(fx.base, statusPath(), {
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-test-signature': 'f'.repeat(64) },
      body,
    });
    expect(reply.status).toBe(401);
    await fx.service.listener.settled();
    expect(fx.statuses).toEqual([]);
    expect(count(fx.db, 'webhook_events')).toBe(0);
    const health = fx.service.getHealth().providers.find((p) => p.providerId === TEST_PROVIDER)!;
    expect(health).toMatchObject({ verificationFailures: 1, events: 0, lastEventAt: null });
  });

  it('refuses a genuine body whose fields were changed after signing', async () => {
    const { headers } = signedStatus(delivered());
    const reply = await rawRequest(fx.base, statusPath(), {
      headers,
      body: urlEncoded([
        { name: 'fax_id', value: 'fax-1' },
        { name: 'status', value: 'failed' },
      ]),
    });
    expect(reply.status).toBe(401);
  });

  it('refuses a signature made for another URL (a different query)', async () => {
    const signed = signedStatus(delivered(), statusPath('?job=a'));
    const reply = await rawRequest(fx.base, statusPath('?job=b'), signed);
    expect(reply.status).toBe(401);
  });
});

describe('dedupe and answering', () => {
  it('recognises a replay: 200 again, nothing applied twice', async () => {
    const request = signedStatus(delivered());
    expect((await rawRequest(fx.base, statusPath(), request)).status).toBe(200);
    expect((await rawRequest(fx.base, statusPath(), request)).status).toBe(200);
    await fx.service.listener.settled();
    expect(fx.statuses).toHaveLength(1);
    expect(count(fx.db, 'webhook_events')).toBe(1);
  });

  it('treats another status of the same fax as a new event', async () => {
    await rawRequest(fx.base, statusPath(), signedStatus(delivered()));
    await rawRequest(
      fx.base,
      statusPath(),
      signedStatus([
        { name: 'fax_id', value: 'fax-1' },
        { name: 'status', value: 'failed' },
      ]),
    );
    await fx.service.listener.settled();
    expect(fx.statuses.map((s) => s.state)).toEqual(['delivered', 'failed']);
  });

  it('answers before the sink has finished: a slow sink does not hold the 200', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    fx.sinkHooks.beforeReceive = () => gate;
    const pdf = Buffer.from('%PDF-1.4 slow');
    const fields = [{ name: 'fax_id', value: 'slow-1' }];
    const path = `/${fx.secret}/${TEST_PROVIDER}/inbound`;
    const reply = await rawRequest(fx.base, path, {
      headers: {
        'content-type': 'multipart/form-data; boundary=zz',
        'x-test-signature': signRequest(fx.base + path, fields, [{ name: 'file', data: pdf }]),
      },
      body: multipart('zz', fields, [{ name: 'file', fileName: 'a.pdf', data: pdf }]),
    });
    expect(reply.status).toBe(200);
    expect(fx.received).toHaveLength(0); // still held at the gate
    release();
    await fx.service.listener.settled();
    expect(fx.received).toHaveLength(1);
  });

  it('forgets an event the sink failed on, so the provider’s retry is applied', async () => {
    let failures = 1;
    fx.sinkHooks.beforeStatus = () => {
      if (failures-- > 0) throw new Error('queue not ready');
    };
    const request = signedStatus(delivered());
    expect((await rawRequest(fx.base, statusPath(), request)).status).toBe(200);
    await fx.service.listener.settled();
    expect(fx.statuses).toHaveLength(0);
    expect((await rawRequest(fx.base, statusPath(), request)).status).toBe(200);
    await fx.service.listener.settled();
    expect(fx.statuses).toHaveLength(1);
  });

  it('counts verified events per provider with the kind and time of the last one', async () => {
    await rawRequest(fx.base, statusPath(), signedStatus(delivered('a')));
    await rawRequest(
      fx.base,
      statusPath(),
      signedStatus([
        { name: 'fax_id', value: 'b' },
        { name: 'status', value: 'noise' },
      ]),
    );
    const health = fx.service.getHealth();
    expect(health.listening).toBe(true);
    expect(health.publicUrl).toBe(fx.base);
    expect(health.publicUrlSource).toBe('setting');
    expect(health.providers).toEqual([
      { providerId: TEST_PROVIDER, events: 2, verificationFailures: 0, lastEventKind: 'ignored', lastEventAt: expect.any(String) },
    ]);
  });
});

describe('event memory', () => {
  it('forgets dedupe rows older than a cutoff, keeping recent ones', () => {
    fx.db
      .prepare(
        "INSERT INTO webhook_events (provider, dedupe_key, received_at) VALUES ('testfax', 'old', '2020-01-01T00:00:00.000Z'), ('testfax', 'new', ?)",
      )
      .run(new Date().toISOString());
    fx.service.store.forgetEventsBefore(new Date(Date.now() - 24 * 3600 * 1000));
    expect(fx.db.prepare('SELECT dedupe_key FROM webhook_events').all()).toEqual([{ dedupe_key: 'new' }]);
  });
});
