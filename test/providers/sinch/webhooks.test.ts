import { afterEach, describe, expect, it } from 'vitest';
import type { WebhookEvent, WebhookRequest } from '../../../main/engine/webhooks/types';
import { sinchCallbackCredentials } from '../../../main/engine/providers/sinch';
import { makeTestPdf } from '../../support/pdfs';
import { CALLBACK, startSinchPair, until, type SinchPair } from './sinchFixture';

let pair: SinchPair | undefined;
afterEach(async () => {
  await pair?.close();
  pair = undefined;
});

const basic = (user: string, password: string) => 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64');
const route = (p: SinchPair, name: string) => p.provider.webhookRoutes.find((r) => r.name === name)!;
const request = (body: Buffer | string, contentType: string, authorization?: string): WebhookRequest => ({
  method: 'POST',
  publicUrl: 'https://fax.example.test/s3cr3t/sinch/inbound',
  headers: authorization ? { authorization } : {},
  contentType,
  body: Buffer.from(body),
});
const callbackUrl = (p: SinchPair, name: string) => {
  const url = new URL(`${p.receiverUrl}/hooks/sinch/${name}`);
  url.username = CALLBACK.user;
  url.password = CALLBACK.password;
  return url.toString();
};

describe('Sinch FAX_COMPLETED callbacks', () => {
  it('reads the JSON callback Sinch posts for our send as delivered', async () => {
    pair = await startSinchPair({ publicUrl: true });
    const { providerFaxId } = await pair.provider.send({
      idempotencyKey: 'J-3.1',
      jobId: 'J-3',
      to: '+14155550123',
      pdf: await makeTestPdf(1),
      pages: 1,
      from: { number: '', name: '', headerText: '' },
    });
    const hook = await pair.waitForHook((h) => h.route === 'status', 'the status callback');
    expect(hook).toMatchObject({ status: 200, verified: true });
    expect(hook.events).toEqual<WebhookEvent[]>([
      {
        kind: 'status',
        dedupeKey: `${providerFaxId}:FAX_COMPLETED:COMPLETED`,
        status: { providerFaxId, idempotencyKey: 'J-3.1', state: 'delivered', pagesSent: 1 },
      },
    ]);
    expect(hook.contentType).toBe('application/json');
    const log = await until(
      async () => (pair!.fake.controls.callbackLog.length ? pair!.fake.controls.callbackLog : undefined),
      'the fake to log its delivery',
    );
    expect(log).toEqual([{ event: 'FAX_COMPLETED', faxId: providerFaxId, contentType: 'application/json', status: 200 }]);
  });

  it('reads a multipart callback with the fax as JSON text, failure and all', async () => {
    pair = await startSinchPair();
    pair.fake.controls.outcomeFor('+14155550177', { status: 'FAILURE', errorType: 'CALL_ERROR', errorCode: 17, errorMessage: 'Busy' });
    const form = new FormData();
    form.append('to', '+14155550177');
    form.append('callbackUrl', callbackUrl(pair, 'status'));
    form.append('callbackUrlContentType', 'multipart/form-data');
    form.append('file', new Blob([new Uint8Array(await makeTestPdf(1))], { type: 'application/pdf' }), 'a.pdf');
    const reply = await fetch(`${pair.fake.url}/projects/proj-5e1f/faxes`, {
      method: 'POST',
      headers: { authorization: basic('key-abc', 'secret-xyz') },
      body: form,
    });
    const { id } = (await reply.json()) as { id: string };
    const hook = await pair.waitForHook((h) => h.route === 'status', 'the status callback');
    expect(hook.contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(hook.events).toHaveLength(1);
    const [event] = hook.events;
    expect(event.kind === 'status' && event.dedupeKey).toBe(`${id}:FAX_COMPLETED:FAILURE`);
    expect(event.kind === 'status' && event.status.error).toMatchObject({ code: 'line_busy', retryable: true });
  });

  it('gives a duplicate delivery the same dedupe key', async () => {
    pair = await startSinchPair({ publicUrl: true });
    pair.fake.controls.duplicateCallbacks(1);
    await pair.provider.send({
      idempotencyKey: 'J-4.1',
      jobId: 'J-4',
      to: '+14155550123',
      pdf: await makeTestPdf(1),
      pages: 1,
      from: { number: '', name: '', headerText: '' },
    });
    await pair.waitForHook(() => pair!.hooks.length === 2, 'two deliveries');
    const keys = pair.hooks.map((h) => (h.events[0] as { dedupeKey: string }).dedupeKey);
    expect(keys[0]).toBe(keys[1]);
  });

  it('ignores an event that is not FAX_COMPLETED', async () => {
    pair = await startSinchPair();
    const events = await route(pair, 'status').read(
      request(
        JSON.stringify({ event: 'INCOMING_FAX', fax: { id: '01ABC', direction: 'INBOUND', status: 'COMPLETED' } }),
        'application/json',
        basic(CALLBACK.user, CALLBACK.password),
      ),
    );
    expect(events).toEqual([{ kind: 'ignored', reason: expect.stringContaining('INCOMING_FAX') }]);
  });
});

describe('Sinch INCOMING_FAX', () => {
  it.each(['application/json', 'multipart/form-data'] as const)(
    'becomes a received fax from a %s event with the file attached',
    async (contentType) => {
      pair = await startSinchPair();
      const pdf = await makeTestPdf(3);
      const { faxId, status } = await pair.fake.controls.deliverInbound({
        url: callbackUrl(pair, 'inbound'),
        contentType,
        from: '+14155552222',
        to: '+14155553333',
        pdf,
        pages: 3,
      });
      expect(status).toBe(200);
      const [event] = pair.hooks[0].events;
      expect(event.kind).toBe('received');
      if (event.kind !== 'received') return;
      expect(event.dedupeKey).toBe(`${faxId}:INCOMING_FAX:COMPLETED`);
      expect(event.fax).toMatchObject({ providerFaxId: faxId, from: '+14155552222', to: '+14155553333', pages: 3 });
      expect(Buffer.from(event.fax.pdf).equals(Buffer.from(pdf))).toBe(true);
      expect(Math.abs(event.fax.receivedAt.getTime() - Date.now())).toBeLessThan(60_000);
    },
  );

  it('downloads the document with our own credentials when the event carries none', async () => {
    pair = await startSinchPair();
    const pdf = await makeTestPdf(1);
    await pair.fake.controls.deliverInbound({
      url: callbackUrl(pair, 'inbound'),
      contentType: 'application/json',
      from: '+14155552222',
      to: '+14155553333',
      pdf,
      pages: 1,
      withFile: false,
    });
    const [event] = pair.hooks[0].events;
    expect(event.kind === 'received' && Buffer.from(event.fax.pdf).equals(Buffer.from(pdf))).toBe(true);
  });

  it('refuses (and Sinch retries) when there is no file and none can be downloaded: never a placeholder', async () => {
    pair = await startSinchPair();
    const body = JSON.stringify({
      event: 'INCOMING_FAX',
      fax: { id: '01NOFILE', direction: 'INBOUND', from: '+14155552222', to: '+14155553333', status: 'COMPLETED' },
    });
    const error = await Promise.resolve(route(pair, 'inbound').read(request(body, 'application/json'))).catch((e: unknown) => e);
    expect((error as { code?: string }).code).toBe('not_found');
  });
});

describe('Sinch webhook verification', () => {
  it.each([
    ['no Authorization header', undefined],
    ['a wrong password', basic(CALLBACK.user, 'guess')],
    ['a wrong user', basic('admin', CALLBACK.password)],
    ['a Bearer token', 'Bearer ' + CALLBACK.password],
    ['the right credentials with trailing junk', basic(CALLBACK.user, CALLBACK.password) + 'x'],
    ['garbage', '\u0000\u00ff'],
  ])('refuses %s', async (_what, authorization) => {
    pair = await startSinchPair();
    for (const name of ['status', 'inbound']) {
      expect(await route(pair, name).verify(request('{}', 'application/json', authorization))).toBe(false);
    }
  });

  it('refuses a delivery with forged credentials over HTTP, and reads nothing', async () => {
    pair = await startSinchPair();
    const forged = new URL(callbackUrl(pair, 'inbound'));
    forged.password = 'forged';
    const { status } = await pair.fake.controls.deliverInbound({
      url: forged.toString(),
      contentType: 'application/json',
      from: '+14155552222',
      to: '+14155553333',
      pdf: await makeTestPdf(1),
      pages: 1,
    });
    expect(status).toBe(401);
    expect(pair.hooks.every((h) => h.status === 401 && h.events.length === 0)).toBe(true);
    expect(pair.hooks.length).toBe(4); // Sinch retried: the first try and three retries
  });

  it('accepts the credentials we put in the callback URL', async () => {
    pair = await startSinchPair();
    expect(await route(pair, 'status').verify(request('{}', 'application/json', basic(CALLBACK.user, CALLBACK.password)))).toBe(true);
  });

  it('derives stable, per-install callback credentials', () => {
    expect(sinchCallbackCredentials('secret-a')).toEqual(sinchCallbackCredentials('secret-a'));
    expect(sinchCallbackCredentials('secret-a').password).not.toBe(sinchCallbackCredentials('secret-b').password);
    expect(sinchCallbackCredentials('secret-a').password.length).toBeGreaterThanOrEqual(40);
  });
});

describe('malformed Sinch events', () => {
  const fax = { id: '01ABC', direction: 'INBOUND', from: '+14155552222', to: '+14155553333', status: 'COMPLETED', numberOfPages: 1 };
  const cases: [string, string, string][] = [
    ['not JSON', '{"event":', 'application/json'],
    ['a JSON array', '[]', 'application/json'],
    ['no event', JSON.stringify({ fax, file: 'JVBERi0=' }), 'application/json'],
    ['no fax', JSON.stringify({ event: 'INCOMING_FAX' }), 'application/json'],
    ['a fax without id', JSON.stringify({ event: 'INCOMING_FAX', fax: { ...fax, id: '' } }), 'application/json'],
    ['a fax that is a string', JSON.stringify({ event: 'INCOMING_FAX', fax: 'x' }), 'application/json'],
    [
      'no sender',
      JSON.stringify({ event: 'INCOMING_FAX', fax: { ...fax, from: undefined }, file: 'JVBERi0xLjQK', fileType: 'PDF' }),
      'application/json',
    ],
    [
      'a file that is not base64',
      JSON.stringify({ event: 'INCOMING_FAX', fax, file: '!!!not base64!!!', fileType: 'PDF' }),
      'application/json',
    ],
    [
      'a file that is not a PDF',
      JSON.stringify({ event: 'INCOMING_FAX', fax, file: Buffer.from('hello').toString('base64'), fileType: 'PDF' }),
      'application/json',
    ],
    ['a TIFF file type', JSON.stringify({ event: 'INCOMING_FAX', fax, file: 'JVBERi0xLjQK', fileType: 'TIF' }), 'application/json'],
    ['a text body', 'event=INCOMING_FAX', 'text/plain'],
    ['multipart without a boundary', '--x\r\n', 'multipart/form-data'],
    [
      'multipart whose fax is not JSON',
      '--b\r\nContent-Disposition: form-data; name="event"\r\n\r\nINCOMING_FAX\r\n--b\r\nContent-Disposition: form-data; name="fax"\r\n\r\n{nope\r\n--b--\r\n',
      'multipart/form-data; boundary=b',
    ],
  ];

  it.each(cases)('answers 400 for %s', async (_what, body, contentType) => {
    pair = await startSinchPair();
    const error = await Promise.resolve(route(pair, 'inbound').read(request(body, contentType))).catch((e: unknown) => e);
    expect((error as { code?: string }).code).toBe('invalid_input');
  });
});
