import { afterEach, describe, expect, it } from 'vitest';
import { FaxError } from '../../../shared/errors';
import type { OutboundFax, ProviderFaxStatus } from '../../../main/engine/providers/types';
import { makeTestPdf } from '../../support/pdfs';
import { TEST_NUMBER } from '../../fakes/sinch';
import { CALLBACK, startSinchPair, until, type SinchPair } from './sinchFixture';

let pair: SinchPair | undefined;
afterEach(async () => {
  await pair?.close();
  pair = undefined;
});

async function outbound(to: string, key = 'J-7.1', pages = 2): Promise<OutboundFax> {
  return {
    idempotencyKey: key,
    jobId: key.split('.')[0],
    to,
    pdf: await makeTestPdf(pages),
    pages,
    from: { number: '+12025550147', name: 'Front desk', headerText: 'Dr. Ames clinic' },
  };
}

const finalStatus = (p: SinchPair, id: string) =>
  until(async () => {
    const status = await p.provider.getStatus(id);
    return status.state === 'delivered' || status.state === 'failed' ? status : undefined;
  }, `fax ${id} to finish`);

async function sendError(p: SinchPair, to: string): Promise<FaxError> {
  const error = await p.provider.send(await outbound(to)).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FaxError);
  return error as FaxError;
}

describe('sending through Sinch', () => {
  it('sends the PDF with to, from, header and label, and polling finds it delivered', async () => {
    pair = await startSinchPair();
    const { providerFaxId } = await pair.provider.send(await outbound('+14155550123'));
    const stored = pair.fake.faxes.get(providerFaxId)!;
    expect(stored).toMatchObject({
      to: '+14155550123',
      from: '+12025550147',
      headerText: 'Dr. Ames clinic',
      labels: { faxbot_job: 'J-7.1' },
      numberOfPages: 2,
    });
    expect(Buffer.from(stored.pdf!.subarray(0, 5)).toString()).toBe('%PDF-');
    expect(stored.callbackUrl).toBeUndefined(); // no public URL: status is polled
    const status = await finalStatus(pair, providerFaxId);
    expect(status).toEqual<ProviderFaxStatus>({ providerFaxId, idempotencyKey: 'J-7.1', state: 'delivered', pagesSent: 2 });
  });

  it('reports a fax still at Sinch as sending', async () => {
    pair = await startSinchPair();
    const { providerFaxId } = await pair.provider.send(await outbound(TEST_NUMBER));
    expect((await pair.provider.getStatus(providerFaxId)).state).toBe('sending');
  });

  it('asks for a JSON callback with our Basic credentials when a public URL exists, masked on read-back', async () => {
    pair = await startSinchPair({ publicUrl: true });
    const { providerFaxId } = await pair.provider.send(await outbound('+14155550123'));
    const stored = pair.fake.faxes.get(providerFaxId)!;
    const url = new URL(stored.callbackUrl!);
    expect(decodeURIComponent(url.username)).toBe(CALLBACK.user);
    expect(decodeURIComponent(url.password)).toBe(CALLBACK.password);
    expect(url.pathname).toBe('/hooks/sinch/status');
    expect(stored.callbackUrlContentType).toBe('application/json');
    const shown = (await (
      await fetch(`${pair.fake.url}/projects/proj-5e1f/faxes/${providerFaxId}`, {
        headers: { authorization: 'Basic ' + Buffer.from('key-abc:secret-xyz').toString('base64') },
      })
    ).json()) as { callbackUrl: string };
    expect(shown.callbackUrl).not.toContain(CALLBACK.password);
    expect(shown.callbackUrl).toContain('***');
  });

  it.each([
    [{ errorType: 'CALL_ERROR', errorCode: 17, errorMessage: 'Busy' }, 'line_busy', true],
    [{ errorType: 'CALL_ERROR', errorCode: 16, errorMessage: 'Ring timeout' }, 'no_answer', true],
    [{ errorType: 'CALL_ERROR', errorCode: 34, errorMessage: 'Phone number not operational' }, 'number_not_in_service', false],
    [{ errorType: 'CALL_ERROR', errorCode: 32, errorMessage: 'Incompatible destination' }, 'not_a_fax_machine', false],
    [{ errorType: 'LINE_ERROR', errorCode: 89, errorMessage: 'The call dropped prematurely' }, 'provider_error', true],
    [{ errorType: 'FAX_ERROR', errorCode: 46, errorMessage: 'Insufficient funds' }, 'provider_error', false],
    [{ errorType: 'FAX_ERROR', errorCode: 48, errorMessage: 'Fax protocol error' }, 'provider_error', true],
    [{ errorType: 'FATAL_ERROR', errorCode: 1, errorMessage: 'Fatal' }, 'provider_error', false],
    [{ errorType: 'GENERAL_ERROR', errorCode: 2, errorMessage: 'General' }, 'provider_error', true],
  ])('maps FAILURE %o to %s (retryable %s)', async (failure, code, retryable) => {
    pair = await startSinchPair();
    pair.fake.controls.outcomeFor('+14155550188', { status: 'FAILURE', ...failure });
    const { providerFaxId } = await pair.provider.send(await outbound('+14155550188'));
    const status = await finalStatus(pair, providerFaxId);
    expect(status.state).toBe('failed');
    expect(status.error).toMatchObject({ code, retryable });
    expect(status.error!.message).toMatch(failure.errorCode === 46 ? /insufficient funds/i : new RegExp(failure.errorMessage));
  });

  it('fails a document Sinch cannot convert, permanently', async () => {
    pair = await startSinchPair();
    const fax = await outbound('+14155550123');
    fax.pdf = new TextEncoder().encode('this is not a PDF at all');
    const { providerFaxId } = await pair.provider.send(fax);
    const status = await finalStatus(pair, providerFaxId);
    expect(status.error).toMatchObject({ code: 'document_rejected', retryable: false });
  });
});

describe('Sinch refusing a send', () => {
  it('names the number Sinch calls invalid (422 fieldViolations)', async () => {
    pair = await startSinchPair();
    const error = await sendError(pair, '+15551');
    expect(error.code).toBe('invalid_number');
    expect(error.message).toContain('The (+15551) is not a valid phone number');
    expect(error.retryable).toBe(false);
  });

  it('says the balance is empty on 402', async () => {
    pair = await startSinchPair();
    pair.fake.controls.failNext('send', {
      status: 402,
      body: JSON.stringify({
        code: '402',
        error: 'Payment required',
        message: 'You have reached 0 balance on your account please make a payment.',
      }),
      headers: { 'content-type': 'application/json' },
    });
    const error = await sendError(pair, '+14155550123');
    expect(error.message).toMatch(/balance is 0/);
    expect(error.retryable).toBe(false);
  });

  it('retries later on 429, honouring a Retry-After when one is sent', async () => {
    pair = await startSinchPair();
    pair.fake.controls.failNext('send', { status: 429, body: '{"title":"Too Many Requests"}', headers: { 'retry-after': '7' } });
    const error = await sendError(pair, '+14155550123');
    expect(error).toMatchObject({ code: 'provider_unavailable', retryable: true });
    expect(error.message).toMatch(/in 7 s/);
    pair.fake.controls.failNext('send', { status: 429 });
    expect((await sendError(pair, '+14155550123')).retryable).toBe(true);
  });

  it.each([500, 502, 503])('retries later on %i', async (status) => {
    pair = await startSinchPair();
    pair.fake.controls.failNext('send', { status, body: 'upstream trouble' });
    const error = await sendError(pair, '+14155550123');
    expect(error).toMatchObject({ code: 'provider_unavailable', retryable: true });
    expect(pair.fake.faxes.size).toBe(0);
  });

  it('retries a send refused with an expired token once, and sends it once', async () => {
    pair = await startSinchPair();
    await pair.provider.testConnection();
    pair.fake.controls.expireTokens();
    await pair.provider.send(await outbound('+14155550123'));
    expect(pair.fake.faxes.size).toBe(1);
    expect(pair.fake.controls.sendRequests).toBe(2);
  });
});

describe('a send whose outcome is unknown', () => {
  it('reports outcome_unknown on a reset after Sinch accepted, and lookup finds the fax: sent once', async () => {
    pair = await startSinchPair();
    pair.fake.controls.resetAfterAccept();
    const error = await sendError(pair, '+14155550123');
    expect(error.code).toBe('outcome_unknown');
    expect(pair.fake.controls.sendRequests).toBe(1);
    const found = await pair.provider.lookup('J-7.1');
    expect(found).not.toBeNull();
    expect(found!.idempotencyKey).toBe('J-7.1');
    expect(pair.fake.faxes.has(found!.providerFaxId)).toBe(true);
    expect(pair.fake.controls.sendRequests).toBe(1);
  });

  it('reports outcome_unknown when Sinch accepted but the answer timed out, and lookup finds it', async () => {
    pair = await startSinchPair({ timeoutMs: 500 });
    await pair.provider.testConnection(); // the token first, so only the send can time out
    pair.fake.controls.stallAfterAccept();
    const error = await sendError(pair, '+14155550123');
    expect(error).toMatchObject({ code: 'outcome_unknown', retryable: true });
    expect(error.message).toMatch(/timed out/);
    const found = await pair.provider.lookup('J-7.1');
    expect(found?.providerFaxId).toBe([...pair.fake.faxes.keys()][0]);
    expect(pair.fake.controls.sendRequests).toBe(1);
  });

  it('finds nothing for an attempt Sinch never saw', async () => {
    pair = await startSinchPair();
    await pair.provider.send(await outbound('+14155550123', 'J-8.1'));
    expect(await pair.provider.lookup('J-8.2')).toBeNull();
    expect(await pair.provider.lookup('J-8')).toBeNull();
  });

  it('says a status request for an unknown fax is not found', async () => {
    pair = await startSinchPair();
    const error = await pair.provider.getStatus('01NOSUCHFAX').catch((e: unknown) => e);
    expect((error as FaxError).code).toBe('not_found');
  });
});
