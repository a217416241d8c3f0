import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { FaxError } from '../../../shared/errors';
import { PhaxioProvider, PhaxioRateLimited, phaxioSettingsFromEnv } from '../../../main/engine/providers/phaxio';
import { PHAXIO_FAKE_NUMBERS, type FakePhaxio } from '../../fakes/phaxio';
import { CREDENTIALS, fakeAndProvider, outboundFax, quietLogger, STATION } from './phaxioFixtures';

const fakes: FakePhaxio[] = [];
async function setUp(overrides: Parameters<typeof fakeAndProvider>[0] = {}) {
  const made = await fakeAndProvider(overrides);
  fakes.push(made.fake);
  return made;
}
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((f) => f.close()));
});

async function rejection(promise: Promise<unknown>): Promise<FaxError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FaxError);
  return error as FaxError;
}

describe('Phaxio provider against the fake Phaxio', () => {
  it('sends a multipart fax with the station caller ID, trimmed header text, tags and callback URL', async () => {
    const callback = 'https://tunnel.example.test/s3cr3t/phaxio/status?v=1';
    const { fake, provider } = await setUp({
      addressBook: { urlFor: (id, route) => (id === 'phaxio' && route === 'status' ? callback : null) },
    });
    const station = { ...STATION, headerText: '   ' + 'H'.repeat(70) + '  ' };
    const fax = await outboundFax('+12025550100', 2, station);
    const { providerFaxId } = await provider.send(fax);
    expect(providerFaxId).toBe(String(fake.faxes[0]!.id));
    const stored = fake.faxes[0]!;
    expect(stored.to).toBe('+12025550100');
    expect(stored.callerId).toBe(STATION.number);
    expect(stored.headerText).toBe('H'.repeat(50));
    expect(stored.callbackUrl).toBe(callback);
    expect(stored.tags).toEqual({ faxbot_key: fax.idempotencyKey, faxbot_job: fax.jobId });
    expect(Buffer.compare(stored.pdf, Buffer.from(fax.pdf))).toBe(0);
  });

  it('leaves out callback_url and caller_id when there is no public URL and no station number', async () => {
    const { fake, provider } = await setUp();
    await provider.send(await outboundFax('+12025550100', 1, { number: '', name: '', headerText: '' }));
    expect(fake.faxes[0]!.callbackUrl).toBeNull();
    expect(fake.faxes[0]!.callerId).toBeNull();
    expect(fake.faxes[0]!.headerText).toBeNull();
  });

  it('follows a fax by polling until Phaxio reports it delivered', async () => {
    const { fake, provider } = await setUp();
    const { providerFaxId } = await provider.send(await outboundFax('+12025550100', 3));
    expect(['queued', 'sending']).toContain((await provider.getStatus(providerFaxId)).state);
    await fake.waitFor(() => fake.faxes[0]!.status === 'success');
    const status = await provider.getStatus(providerFaxId);
    expect(status).toMatchObject({ providerFaxId, state: 'delivered', pagesSent: 3 });
    expect(status.idempotencyKey).toMatch(/\.1$/);
  });

  it.each([
    [PHAXIO_FAKE_NUMBERS.documentError, 'document_rejected', false, /Mimetype not supported/],
    [PHAXIO_FAKE_NUMBERS.busy, 'line_busy', true, /busy/i],
    [PHAXIO_FAKE_NUMBERS.noAnswer, 'no_answer', true, /No answer/],
  ])('maps a failure to %s as %s (retryable %s) in words', async (to, code, retryable, words) => {
    const { fake, provider } = await setUp();
    const { providerFaxId } = await provider.send(await outboundFax(to));
    await fake.waitFor(() => fake.faxes[0]!.status === 'failure');
    const status = await provider.getStatus(providerFaxId);
    expect(status.state).toBe('failed');
    expect(status.error).toMatchObject({ code, retryable });
    expect(status.error!.message).toMatch(words);
  });

  it('refuses bad credentials with a message naming the variables, not retryable', async () => {
    const { fake, provider } = await setUp({ apiSecret: 'wrong' });
    const error = await rejection(provider.send(await outboundFax('+12025550100')));
    expect(error.code).toBe('provider_auth');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('PHAXIO_API_KEY / PHAXIO_API_SECRET');
    expect(fake.faxes).toHaveLength(0);
    expect((await rejection(provider.testConnection())).code).toBe('provider_auth');
  });

  it('passes testConnection with good credentials', async () => {
    const { fake, provider } = await setUp();
    await provider.testConnection();
    expect(fake.requests).toContain('GET /account/status');
  });

  it('treats 429 without Retry-After as retryable with a default wait', async () => {
    const { fake, provider } = await setUp();
    fake.failNextSend('429');
    const error = await rejection(provider.send(await outboundFax('+12025550100')));
    expect(error).toBeInstanceOf(PhaxioRateLimited);
    expect(error.retryable).toBe(true);
    expect((error as PhaxioRateLimited).retryAfterMs).toBe(30_000);
    expect(fake.faxes).toHaveLength(0);
  });

  it('honours a Retry-After header on 429 (seconds and HTTP date)', async () => {
    const answers = ['17', new Date(Date.now() + 120_000).toUTCString(), 'soon'];
    const server = createServer((request, response) => {
      request.resume();
      response.writeHead(429, { 'content-type': 'application/json; charset=utf-8', 'retry-after': answers.shift()! });
      response.end('{"success":false,"message":"Rate limit exceeded."}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const provider = new PhaxioProvider({
        baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v2.1`,
        ...CREDENTIALS,
        addressBook: { urlFor: () => null },
        station: () => STATION,
        logger: quietLogger,
      });
      const first = (await rejection(provider.send(await outboundFax('+12025550100')))) as PhaxioRateLimited;
      expect(first.retryAfterMs).toBe(17_000);
      expect(first.message).toContain('17 seconds');
      const second = (await rejection(provider.send(await outboundFax('+12025550100')))) as PhaxioRateLimited;
      expect(second.retryAfterMs).toBeGreaterThan(60_000);
      expect(second.retryAfterMs).toBeLessThanOrEqual(120_000);
      const third = (await rejection(provider.send(await outboundFax('+12025550100')))) as PhaxioRateLimited;
      expect(third.retryAfterMs).toBe(30_000);
    } finally {
      server.close();
    }
  });

  it('treats a 2xx with success:false as a refusal, an unreadable 2xx to a send as an unknown outcome, and a 502 page as retryable', async () => {
    const answers: [number, string][] = [
      [200, '{"success":false,"message":"Phone number is not valid"}'],
      [200, '{"success":false,"message":"Something else went wrong"}'],
      [200, '<html>proxy</html>'],
      [502, '<html>Bad gateway</html>'],
    ];
    const server = createServer((request, response) => {
      request.resume();
      const [status, body] = answers.shift()!;
      response.writeHead(status, { 'content-type': body.startsWith('{') ? 'application/json; charset=utf-8' : 'text/html' });
      response.end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const provider = new PhaxioProvider({
        baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v2.1`,
        ...CREDENTIALS,
        addressBook: { urlFor: () => null },
        station: () => STATION,
        logger: quietLogger,
      });
      const fax = await outboundFax('+12025550100');
      expect(await rejection(provider.send(fax))).toMatchObject({ code: 'invalid_number', retryable: false });
      const other = await rejection(provider.send(fax));
      expect(other).toMatchObject({ code: 'provider_error', retryable: false });
      expect(other.message).toContain('Something else went wrong');
      expect((await rejection(provider.send(fax))).code).toBe('outcome_unknown');
      expect(await rejection(provider.send(fax))).toMatchObject({ code: 'provider_unavailable', retryable: true });
    } finally {
      server.close();
    }
  });

  it('treats 503 as retryable', async () => {
    const { fake, provider } = await setUp();
    fake.failNextSend('503');
    const error = await rejection(provider.send(await outboundFax('+12025550100')));
    expect(error).toMatchObject({ code: 'provider_unavailable', retryable: true });
  });

  it('reports outcome_unknown when the connection drops after Phaxio queued the fax, and lookup finds it (sent once)', async () => {
    const { fake, provider } = await setUp();
    fake.failNextSend('drop-after-queue');
    const fax = await outboundFax('+12025550100');
    const error = await rejection(provider.send(fax));
    expect(error.code).toBe('outcome_unknown');
    const found = await provider.lookup(fax.idempotencyKey);
    expect(found).not.toBeNull();
    expect(found!.providerFaxId).toBe(String(fake.faxes[0]!.id));
    expect(found!.idempotencyKey).toBe(fax.idempotencyKey);
    expect(fake.faxes).toHaveLength(1);
    expect(fake.requests.filter((r) => r === 'POST /faxes')).toHaveLength(1);
  });

  it('reports outcome_unknown when Phaxio queued the fax but the answer never came (timeout)', async () => {
    const { fake, provider } = await setUp({ timeoutMs: 300 });
    fake.failNextSend('hang-after-queue');
    const fax = await outboundFax('+12025550100');
    expect((await rejection(provider.send(fax))).code).toBe('outcome_unknown');
    expect((await provider.lookup(fax.idempotencyKey))?.providerFaxId).toBe(String(fake.faxes[0]!.id));
  });

  it('reports a refused connection as retryable, not as an unknown outcome', async () => {
    const { fake, provider } = await setUp();
    await fake.close();
    const error = await rejection(provider.send(await outboundFax('+12025550100')));
    expect(error).toMatchObject({ code: 'provider_unavailable', retryable: true });
  });

  it('lookup answers null for an attempt Phaxio never saw, even when other faxes carry tags', async () => {
    const { provider } = await setUp();
    await provider.send(await outboundFax('+12025550100'));
    expect(await provider.lookup('job-never.1')).toBeNull();
  });

  it('maps 422 answers to an invalid number, an unsupported document, and insufficient funds', async () => {
    const { fake, provider } = await setUp();
    const badNumber = await rejection(provider.send({ ...(await outboundFax('+12025550100')), to: '12345' }));
    expect(badNumber).toMatchObject({ code: 'invalid_number', retryable: false });
    const notPdf = await rejection(
      provider.send({ ...(await outboundFax('+12025550100')), pdf: new TextEncoder().encode('hello, not a pdf') }),
    );
    expect(notPdf).toMatchObject({ code: 'unsupported_type', retryable: false });
    fake.failNextSend('insufficient-funds');
    const funds = await rejection(provider.send(await outboundFax('+12025550100')));
    expect(funds.code).toBe('provider_error');
    expect(funds.retryable).toBe(false);
    expect(funds.message).toMatch(/insufficient funds/);
    expect(fake.faxes).toHaveLength(0);
  });

  it('answers not_found for a fax id Phaxio does not know and for a malformed id', async () => {
    const { provider } = await setUp();
    expect((await rejection(provider.getStatus('999'))).code).toBe('not_found');
    expect((await rejection(provider.getStatus('../account/status'))).code).toBe('not_found');
  });

  it('polls every 5 minutes when webhooks reach us, every 20 s when they do not', async () => {
    const { provider } = await setUp();
    expect(provider.statusPollMs(true)).toBe(300_000);
    expect(provider.statusPollMs(false)).toBe(20_000);
  });
});

describe('phaxioSettingsFromEnv', () => {
  it('reads the variables with the v2.1 base URL as default', () => {
    expect(phaxioSettingsFromEnv({ PHAXIO_API_KEY: 'k', PHAXIO_API_SECRET: 's' })).toEqual({
      baseUrl: 'https://api.phaxio.com/v2.1',
      apiKey: 'k',
      apiSecret: 's',
      callbackToken: undefined,
    });
    expect(
      phaxioSettingsFromEnv({
        PHAXIO_API_KEY: 'k',
        PHAXIO_API_SECRET: 's',
        PHAXIO_CALLBACK_TOKEN: 't',
        PHAXIO_BASE_URL: 'http://127.0.0.1:9/v2.1',
      }),
    ).toMatchObject({ callbackToken: 't', baseUrl: 'http://127.0.0.1:9/v2.1' });
  });

  it.each([
    [{}, /PHAXIO_API_KEY and PHAXIO_API_SECRET/],
    [{ PHAXIO_API_KEY: 'k' }, /set PHAXIO_API_SECRET/],
    [{ PHAXIO_API_SECRET: 's', PHAXIO_API_KEY: '  ' }, /set PHAXIO_API_KEY /],
    [{ PHAXIO_API_KEY: 'k', PHAXIO_API_SECRET: 's', PHAXIO_BASE_URL: 'not a url' }, /PHAXIO_BASE_URL=not a url is not a URL/],
    [{ PHAXIO_API_KEY: 'k', PHAXIO_API_SECRET: 's', PHAXIO_BASE_URL: 'ftp://api.phaxio.com' }, /must start with https/],
  ])('refuses %j saying which variable to set', (env, message) => {
    expect(() => phaxioSettingsFromEnv(env as Record<string, string>)).toThrow(message);
  });
});
