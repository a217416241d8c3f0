// A manifest provider against the fake HTTPFax service on 127.0.0.1: sending, tracking,
// finding an attempt after a lost answer, cancelling, and every way the service can misbehave.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../main/engine/log';
import { checkHttpManifest, HttpManifestProvider, type HttpProviderManifest } from '../../main/engine/plugins/http';
import type { OutboundFax } from '../../main/engine/providers';
import { HTTPFAX_BUSY_ERROR, HTTPFAX_BUSY_NUMBER, startFakeHttpFax, type FakeHttpFax } from '../fakes/httpfax';
import { makeTestPdf } from '../support/pdfs';
import { FIXTURE_TOKEN, manifestOnFake } from './httpManifestSupport';

let fake: FakeHttpFax;
let pdf: Uint8Array;
const logLines: string[] = [];
const logger = createLogger({ level: 'info', write: (line) => logLines.push(line) });
let attempt = 0;

beforeAll(async () => {
  fake = await startFakeHttpFax({ token: FIXTURE_TOKEN });
  pdf = await makeTestPdf(2);
});
afterAll(() => fake.close());

function provider(
  options: { token?: string | null; patch?: (m: HttpProviderManifest) => void; settings?: Record<string, unknown> } = {},
): HttpManifestProvider {
  const manifest = checkHttpManifest(manifestOnFake(fake.url, options.patch));
  const token = options.token === undefined ? FIXTURE_TOKEN : options.token;
  return new HttpManifestProvider({
    manifest,
    settings: options.settings ?? { caller_id: '+15555550100' },
    secret: (field) => (field === 'api_token' ? token : null),
    logger,
  });
}

function fax(to = '+15555550199'): OutboundFax {
  attempt += 1;
  return {
    idempotencyKey: `job-${attempt}.1`,
    jobId: `job-${attempt}`,
    to,
    pdf,
    pages: 2,
    from: { number: '+15555550100', name: 'Front desk', headerText: 'Clinic' },
  };
}

async function rejection(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, 'expected a refusal').toBeTruthy();
  return error as { code: string; message: string; retryable: boolean };
}

describe('HTTP manifest provider', () => {
  it('sends a fax through the service and tracks it to delivered', async () => {
    const p = provider();
    const sent = fax();
    const { providerFaxId } = await p.send(sent);
    const record = fake.faxes.find((f) => f.id === providerFaxId)!;
    expect(record).toMatchObject({ to: sent.to, reference: sent.idempotencyKey, fileBytes: pdf.length });
    expect(await p.getStatus(providerFaxId)).toMatchObject({ providerFaxId, state: expect.stringMatching(/queued|sending/) });
    await fake.waitFor(() => record.status === 'delivered');
    expect(await p.getStatus(providerFaxId)).toEqual({ providerFaxId, state: 'delivered', pagesSent: 2 });
  });

  it("ends a failing fax as failed with the service's own error text", async () => {
    const p = provider();
    const { providerFaxId } = await p.send(fax(HTTPFAX_BUSY_NUMBER));
    await fake.waitFor(() => fake.faxes.find((f) => f.id === providerFaxId)?.status === 'failed');
    const status = await p.getStatus(providerFaxId);
    expect(status.state).toBe('failed');
    expect(status.error?.message).toContain(HTTPFAX_BUSY_ERROR);
    expect(status.error?.retryable).toBe(false);
  });

  it('sends the document as base64 in a JSON body, with the values escaped, when the manifest says so', async () => {
    const p = provider({
      patch: (m) => {
        m.actions.send_fax.headers = {};
        m.actions.send_fax.body = {
          kind: 'json',
          template: {
            to: '{{to}}',
            file_base64: '{{file_base64}}',
            reference: '{{idempotency_key}}',
            caller_id: 'Desk "{{settings.caller_id}}"',
          },
        };
      },
      settings: { caller_id: 'a"b\\c\n}' },
    });
    const sent = fax();
    const { providerFaxId } = await p.send(sent);
    expect(fake.faxes.find((f) => f.id === providerFaxId)).toMatchObject({
      to: sent.to,
      reference: sent.idempotencyKey,
      fileBytes: pdf.length,
      pages: 2,
    });
  });

  it('says in words that the service refused the credentials when the token is wrong', async () => {
    const error = await rejection(provider({ token: 'hf_wrong' }).send(fax()));
    expect(error.code).toBe('provider_auth');
    expect(error.message).toMatch(/HTTPFax Cloud refused the credentials .*Invalid API token.*API token in Settings → Plugins/);
  });

  it('Test connection passes with the right token and says the credentials were refused with a wrong one', async () => {
    await provider().testConnection();
    const error = await rejection(provider({ token: 'hf_wrong' }).testConnection());
    expect(error.message).toContain('refused the credentials');
  });

  it('asks for the secret instead of calling the service when none is set', async () => {
    const before = fake.requests.length;
    const error = await rejection(provider({ token: null }).send(fax()));
    expect(error.code).toBe('provider_auth');
    expect(error.message).toContain('needs its API token');
    expect(fake.requests.length).toBe(before);
  });

  it('sends the idempotency key so a repeated attempt is the same fax at the service', async () => {
    const p = provider();
    const sent = fax();
    const first = await p.send(sent);
    const second = await p.send(sent);
    expect(second.providerFaxId).toBe(first.providerFaxId);
    expect(fake.faxes.filter((f) => f.reference === sent.idempotencyKey)).toHaveLength(1);
  });

  it('finds an attempt by its key after the answer to the send was lost', async () => {
    const p = provider();
    const sent = fax();
    fake.failNext('drop-after-accept');
    const error = await rejection(p.send(sent));
    expect(error.code).toBe('outcome_unknown');
    const found = await p.lookup(sent.idempotencyKey);
    expect(found).toMatchObject({
      providerFaxId: fake.faxes.find((f) => f.reference === sent.idempotencyKey)!.id,
      idempotencyKey: sent.idempotencyKey,
    });
    expect(await p.lookup('never-sent.1')).toBeNull();
  });

  it('without a lookup action or a deduping service, ends a lost attempt as unknown rather than sending twice', async () => {
    const p = provider({
      patch: (m) => {
        delete m.actions.lookup;
        delete m.idempotency;
      },
    });
    const found = await p.lookup('lost.1');
    expect(found).toMatchObject({ state: 'failed', error: { code: 'outcome_unknown', retryable: false } });
    expect(found?.error?.message).toContain('Check with HTTPFax Cloud before sending it again');
  });

  it('cancels a fax at the service when the manifest has cancel_fax', async () => {
    const slow = await startFakeHttpFax({ token: FIXTURE_TOKEN, stepMs: 60_000 });
    try {
      const manifest = checkHttpManifest(manifestOnFake(slow.url));
      const p = new HttpManifestProvider({ manifest, settings: {}, secret: () => FIXTURE_TOKEN, logger });
      expect(p.canCancel).toBe(true);
      const { providerFaxId } = await p.send(fax());
      await p.cancel(providerFaxId);
      expect(slow.faxes[0]!.status).toBe('canceled');
      expect(await p.getStatus(providerFaxId)).toMatchObject({ state: 'failed' });
    } finally {
      await slow.close();
    }
  });

  it('keeps a fax sending, and logs it, when the service reports a status the manifest does not map', async () => {
    const p = provider();
    const to = '+15555550777';
    fake.script(to, { status: 'on_hold_for_review' });
    const { providerFaxId } = await p.send(fax(to));
    await fake.waitFor(() => fake.faxes.find((f) => f.id === providerFaxId)?.status === 'on_hold_for_review');
    expect(await p.getStatus(providerFaxId)).toMatchObject({ state: 'sending' });
    expect(logLines.some((line) => line.includes('does not map') && line.includes('on_hold_for_review'))).toBe(true);
  });

  it('refuses to follow a redirect to a host that is not in allowed_domains', async () => {
    const p = provider();
    const { providerFaxId } = await p.send(fax());
    fake.failNext('redirect-foreign');
    const error = await rejection(p.getStatus(providerFaxId));
    expect(error.message).toMatch(/redirected Faxbot to collector\.evil\.example, which was not followed.*not in allowed_domains/);
  });

  it('follows a redirect that stays on an allowed host', async () => {
    const p = provider();
    const { providerFaxId } = await p.send(fax());
    fake.failNext('redirect-same');
    expect((await p.getStatus(providerFaxId)).providerFaxId).toBe(providerFaxId);
  });

  it('stops reading an oversized answer and says so', async () => {
    const p = provider({ patch: (m) => void (m.max_response_bytes = 64 * 1024) });
    const { providerFaxId } = await p.send(fax());
    fake.failNext('oversize');
    const error = await rejection(p.getStatus(providerFaxId));
    expect(error.code).toBe('provider_error');
    expect(error.message).toContain('answered with more than 64 KB');
  });

  it('gives up on a service that does not answer in time', async () => {
    const p = provider({ patch: (m) => void (m.timeout_ms = 1000) });
    const { providerFaxId } = await p.send(fax());
    fake.failNext('hang');
    const error = await rejection(p.getStatus(providerFaxId));
    expect(error).toMatchObject({ code: 'provider_timeout', retryable: true });
    expect(error.message).toContain('did not answer in time');
    fake.failNext('hang');
    // A send that got no answer may have been taken: it is reconciled, never blindly resent.
    expect((await rejection(p.send(fax()))).code).toBe('outcome_unknown');
  });

  it('says clearly when the answer is not JSON', async () => {
    const p = provider();
    const { providerFaxId } = await p.send(fax());
    fake.failNext('garbage');
    const error = await rejection(p.getStatus(providerFaxId));
    expect(error.message).toMatch(/answered with something that is not JSON \(it starts "<html>/);
    fake.failNext('garbage');
    expect((await rejection(p.send(fax()))).code).toBe('outcome_unknown');
  });

  it("passes the service's refusal of a bad number on in its own words", async () => {
    const error = await rejection(provider().send(fax('+1')));
    expect(error.code).toBe('provider_error');
    expect(error.message).toContain('is not a fax number in international format');
  });
});
