import { afterEach, describe, expect, it } from 'vitest';
import { FaxError } from '../../../shared/errors';
import { PhaxioProvider, phaxioSignature } from '../../../main/engine/providers/phaxio';
import type { WebhookRequest, WebhookRoute } from '../../../main/engine/webhooks';
import { PHAXIO_FAKE_NUMBERS, startFakePhaxio } from '../../fakes/phaxio';
import { makeTestPdf } from '../../support/pdfs';
import { CREDENTIALS, outboundFax, quietLogger, STATION } from './phaxioFixtures';
import { startReceiver } from './webhookReceiver';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function setUp(fakeOptions: { inflight?: boolean } = {}, answers?: number[]) {
  const fake = await startFakePhaxio({ ...CREDENTIALS, ...fakeOptions });
  closers.push(() => fake.close());
  let routes: readonly WebhookRoute[] = [];
  const receiver = await startReceiver(() => routes, { answers });
  closers.push(() => receiver.close());
  const provider = new PhaxioProvider({
    baseUrl: fake.url,
    ...CREDENTIALS,
    addressBook: { urlFor: (id, route) => `${receiver.base}/install-secret/${id}/${route}?v=1` },
    station: () => STATION,
    logger: quietLogger,
  });
  routes = provider.webhookRoutes;
  return { fake, provider, receiver };
}

function route(provider: PhaxioProvider, name: string): WebhookRoute {
  return provider.webhookRoutes.find((r) => r.name === name)!;
}

describe('Phaxio sent-fax callbacks, as the fake Phaxio posts them', () => {
  it('verifies a completed-send callback and reads it as delivered', async () => {
    const { fake, provider, receiver } = await setUp();
    const fax = await outboundFax('+12025550100', 2);
    const { providerFaxId } = await provider.send(fax);
    const hook = await receiver.waitFor(() => receiver.hooks.find((h) => h.request.form?.fields.some((f) => f.value === 'fax_completed')));
    expect(hook.request.headers['x-phaxio-signature']).toMatch(/^[0-9a-f]{40}$/);
    expect(hook.verified).toBe(true);
    expect(hook.events).toEqual([
      {
        kind: 'status',
        dedupeKey: `${providerFaxId}:fax_completed:success:`,
        status: { providerFaxId, idempotencyKey: fax.idempotencyKey, state: 'delivered', pagesSent: 2 },
      },
    ]);
    const delivery = await fake.waitFor(() => fake.webhooks.find((d) => d.eventType === 'fax_completed'));
    expect(delivery).toMatchObject({ outcome: 200, attempt: 1 });
  });

  it('reads inflight transmitting_page events as progress with the page number', async () => {
    const { provider, receiver } = await setUp({ inflight: true });
    const { providerFaxId } = await provider.send(await outboundFax('+12025550100', 2));
    await receiver.waitFor(() => (receiver.hooks.length >= 3 ? true : undefined));
    const pages = receiver.hooks.flatMap((h) => h.events ?? []).filter((e) => e.kind === 'status' && e.status.state === 'sending');
    expect(pages.map((e) => (e.kind === 'status' ? [e.dedupeKey, e.status.pagesSent] : null))).toEqual([
      [`${providerFaxId}:transmitting_page:inprogress:1`, 1],
      [`${providerFaxId}:transmitting_page:inprogress:2`, 2],
    ]);
  });

  it('reads a busy failure with the line error in words, retryable', async () => {
    const { provider, receiver } = await setUp();
    await provider.send(await outboundFax(PHAXIO_FAKE_NUMBERS.busy));
    const hook = await receiver.waitFor(() => receiver.hooks[0]);
    const event = hook.events![0]!;
    expect(event.kind === 'status' && event.status).toMatchObject({ state: 'failed', error: { code: 'line_busy', retryable: true } });
  });

  it('refuses a callback signed with the wrong token', async () => {
    const { fake, provider, receiver } = await setUp();
    fake.webhookFaults.wrongSignature = true;
    await provider.send(await outboundFax('+12025550100'));
    const hook = await receiver.waitFor(() => receiver.hooks[0]);
    expect(hook.verified).toBe(false);
    expect(hook.events).toBeUndefined();
  });

  it('gives the same dedupe key to a duplicate delivery', async () => {
    const { fake, provider, receiver } = await setUp();
    fake.webhookFaults.duplicate = true;
    await provider.send(await outboundFax('+12025550100'));
    await receiver.waitFor(() => (receiver.hooks.length === 2 ? true : undefined));
    const keys = receiver.hooks.map((h) => (h.events?.[0]?.kind === 'status' ? h.events[0].dedupeKey : null));
    expect(keys[0]).not.toBeNull();
    expect(keys[1]).toBe(keys[0]);
  });

  it('the fake retries a webhook answered with a non-2xx status', async () => {
    const { fake, provider, receiver } = await setUp({}, [500]);
    await provider.send(await outboundFax('+12025550100'));
    await receiver.waitFor(() => (receiver.hooks.length === 2 ? true : undefined));
    await fake.waitFor(() => fake.webhooks.length === 2);
    expect(fake.webhooks.map((d) => [d.attempt, d.outcome])).toEqual([
      [1, 500],
      [2, 200],
    ]);
  });
});

describe('Phaxio received-fax callbacks', () => {
  it('reads a received fax with its file part into a received event', async () => {
    const { fake, receiver } = await setUp();
    fake.setReceiveUrl(`${receiver.base}/install-secret/phaxio/inbound`);
    const pdf = Buffer.from(await makeTestPdf(3));
    const sent = await fake.testReceive({ from: '+12025550144', to: '+12025550199', pdf });
    const hook = await receiver.waitFor(() => receiver.hooks[0]);
    expect(hook.verified).toBe(true);
    expect(hook.events).toHaveLength(1);
    const event = hook.events![0]!;
    expect(event.kind).toBe('received');
    if (event.kind !== 'received') return;
    expect(event.dedupeKey).toBe(`${sent.id}:received`);
    expect(event.fax).toMatchObject({ providerFaxId: String(sent.id), from: '+12025550144', to: '+12025550199', pages: 3 });
    expect(Buffer.compare(Buffer.from(event.fax.pdf), pdf)).toBe(0);
    expect(event.fax.receivedAt.getTime()).toBe(sent.completedAt!.getTime());
  });

  it('downloads the document with GET /faxes/{id}/file when the file part is missing', async () => {
    const { fake, receiver } = await setUp();
    fake.setReceiveUrl(`${receiver.base}/install-secret/phaxio/inbound`);
    const pdf = Buffer.from(await makeTestPdf(1));
    const sent = await fake.testReceive({ from: '+12025550144', to: '+12025550199', pdf, withFile: false });
    const hook = await receiver.waitFor(() => receiver.hooks[0]);
    expect(hook.request.form?.files).toEqual([]);
    const event = hook.events![0]!;
    expect(event.kind === 'received' && Buffer.compare(Buffer.from(event.fax.pdf), pdf)).toBe(0);
    expect(fake.requests).toContain(`GET /faxes/${sent.id}/file`);
  });

  it('answers with an error, never a placeholder, when the document cannot be fetched', async () => {
    const { provider } = await setUp();
    const request = signed(`https://tunnel.example.test/x/phaxio/inbound`, [
      { name: 'event_type', value: 'fax_completed' },
      {
        name: 'fax',
        value: JSON.stringify({ id: 99, direction: 'received', status: 'success', from_number: '+12025550144', to_number: '+12025550199' }),
      },
    ]);
    const error = await Promise.resolve(route(provider, 'inbound').read(request)).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(FaxError);
    expect((error as FaxError).code).toBe('provider_error');
  });
});

function signed(
  publicUrl: string,
  fields: { name: string; value: string }[],
  files: { name: string; data: Buffer }[] = [],
  token = CREDENTIALS.callbackToken,
): WebhookRequest {
  const signature = phaxioSignature(token, publicUrl, { fields, files });
  return {
    method: 'POST',
    publicUrl,
    headers: { 'x-phaxio-signature': signature },
    contentType: 'multipart/form-data; boundary=x',
    body: Buffer.alloc(0),
    form: { fields, files: files.map((f) => ({ ...f, fileName: 'fax.pdf', contentType: 'application/pdf' })) },
  };
}

describe('reading Phaxio callbacks with bad values', () => {
  const provider = new PhaxioProvider({
    baseUrl: 'http://127.0.0.1:9/v2.1',
    ...CREDENTIALS,
    addressBook: { urlFor: () => null },
    station: () => STATION,
    logger: quietLogger,
  });
  const url = 'https://tunnel.example.test/x/phaxio/status';
  const sentFax = JSON.stringify({ id: 7, direction: 'sent', status: 'inprogress', tags: { faxbot_key: 'j.1' } });

  it('verify refuses a request without a form or without a signature, and with no callback token', () => {
    const request = signed(url, [{ name: 'fax', value: sentFax }]);
    const status = route(provider, 'status');
    expect(status.verify(request)).toBe(true);
    expect(status.verify({ ...request, form: undefined })).toBe(false);
    expect(status.verify({ ...request, headers: {} })).toBe(false);
    expect(status.verify({ ...request, publicUrl: url + '?' })).toBe(false);
    const noToken = new PhaxioProvider({
      baseUrl: 'http://127.0.0.1:9/v2.1',
      ...CREDENTIALS,
      callbackToken: undefined,
      addressBook: { urlFor: () => null },
      station: () => STATION,
      logger: quietLogger,
    });
    expect(route(noToken, 'status').verify(request)).toBe(false);
  });

  it.each([
    ['no form', undefined],
    ['no fax field', [{ name: 'event_type', value: 'fax_completed' }]],
    [
      'fax is not JSON',
      [
        { name: 'event_type', value: 'fax_completed' },
        { name: 'fax', value: '{id: 1' },
      ],
    ],
    [
      'fax without id',
      [
        { name: 'event_type', value: 'fax_completed' },
        { name: 'fax', value: '{"status":"success"}' },
      ],
    ],
    [
      'fax id not a number',
      [
        { name: 'event_type', value: 'fax_completed' },
        { name: 'fax', value: '{"id":"7"}' },
      ],
    ],
    [
      'fax is an array',
      [
        { name: 'event_type', value: 'fax_completed' },
        { name: 'fax', value: '[7]' },
      ],
    ],
    ['no event_type', [{ name: 'fax', value: sentFax }]],
  ])('status read answers invalid_input for %s', async (_what, fields) => {
    const request = fields ? signed(url, fields) : { ...signed(url, []), form: undefined };
    const error = await Promise.resolve()
      .then(() => route(provider, 'status').read(request))
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect((error as FaxError).code).toBe('invalid_input');
  });

  it('reads retry_scheduled as still sending, and ignores unknown events and received faxes', async () => {
    const read = (fields: { name: string; value: string }[]) => route(provider, 'status').read(signed(url, fields));
    expect(
      await read([
        { name: 'event_type', value: 'retry_scheduled' },
        { name: 'fax', value: sentFax },
        { name: 'retry_count', value: '1' },
      ]),
    ).toEqual([
      {
        kind: 'status',
        dedupeKey: '7:retry_scheduled:inprogress:',
        status: { providerFaxId: '7', idempotencyKey: 'j.1', state: 'sending', pagesSent: undefined },
      },
    ]);
    expect(
      (
        await read([
          { name: 'event_type', value: 'fax_exploded' },
          { name: 'fax', value: sentFax },
        ])
      )[0]!.kind,
    ).toBe('ignored');
    expect(
      (
        await read([
          { name: 'event_type', value: 'fax_completed' },
          { name: 'fax', value: '{"id":8,"direction":"received","status":"success"}' },
        ])
      )[0]!.kind,
    ).toBe('ignored');
    const weirdPage = await read([
      { name: 'event_type', value: 'transmitting_page' },
      { name: 'fax', value: sentFax },
      { name: 'page', value: '-1; drop' },
    ]);
    expect(weirdPage[0]!.kind === 'status' && weirdPage[0]!.status.pagesSent).toBeUndefined();
  });

  it('inbound ignores a failed reception and refuses a file part that is not a PDF', async () => {
    const inbound = route(provider, 'inbound');
    const failed = await inbound.read(
      signed(url, [{ name: 'fax', value: '{"id":9,"direction":"received","status":"failure","error_message":"Call dropped"}' }]),
    );
    expect(failed).toEqual([{ kind: 'ignored', reason: expect.stringContaining('Call dropped') }]);
    const notPdf = signed(
      url,
      [{ name: 'fax', value: '{"id":9,"direction":"received","status":"success"}' }],
      [{ name: 'file', data: Buffer.from('<html>') }],
    );
    const error = await Promise.resolve(inbound.read(notPdf)).then(
      () => null,
      (e: unknown) => e,
    );
    expect((error as FaxError).code).toBe('invalid_input');
    const sentOnInbound = await inbound.read(signed(url, [{ name: 'fax', value: sentFax }]));
    expect(sentOnInbound[0]!.kind).toBe('ignored');
  });
});
