// The Sinch plugin inside the real engine, against the fake Sinch, with the real webhook
// listener: FAX_BACKEND=sinch end to end.
import { afterEach, describe, expect, it } from 'vitest';
import { sinchCallbackCredentials } from '../../../main/engine/providers/sinch';
import { startEngine, type Harness } from '../../support/engineHarness';
import { makeTestPdf } from '../../support/pdfs';
import { startFakeSinch, type CallbackContentType, type FakeSinch } from '../../fakes/sinch';
import { PROJECT, until } from './sinchFixture';

let h: Harness | undefined;
let fake: FakeSinch | undefined;
afterEach(async () => {
  await h?.close();
  await fake?.close();
  h = undefined;
  fake = undefined;
});

const final = (status: string) => status === 'delivered' || status === 'failed';

/** Engine with FAX_BACKEND=sinch; `pollMs` large means only callbacks can finish a job. */
async function start(options: { pollMs: number; publicUrl: boolean; stepMs?: number }): Promise<{ h: Harness; fake: FakeSinch }> {
  fake = await startFakeSinch({ ...PROJECT, stepMs: options.stepMs });
  h = await startEngine({
    backend: 'sinch',
    webhookPort: 0,
    env: {
      SINCH_PROJECT_ID: PROJECT.projectId,
      SINCH_API_KEY: PROJECT.keyId,
      SINCH_API_SECRET: PROJECT.keySecret,
      SINCH_BASE_URL: fake.url,
      SINCH_AUTH_URL: fake.authUrl,
      FAXBOT_STATUS_POLL_MS: String(options.pollMs),
    },
  });
  if (options.publicUrl) {
    const { listenAddress } = await h.engine.call('getWebhookHealth', {});
    await h.engine.call('setWebhookPublicUrl', { publicUrl: listenAddress });
  }
  return { h, fake };
}

function inboundUrl(harness: Harness, password?: string, route = 'inbound'): string {
  const url = new URL(harness.engine.webhooks.addressBook.urlFor('sinch', route)!);
  const credentials = sinchCallbackCredentials(harness.engine.webhooks.store.pathSecret());
  url.username = credentials.user;
  url.password = password ?? credentials.password;
  return url.toString();
}

describe('FAX_BACKEND=sinch through the engine', () => {
  it('sends, hears FAX_COMPLETED on the listener, and marks the job delivered', async () => {
    const { h, fake } = await start({ pollMs: 600_000, publicUrl: true });
    const job = await h.send('+14155550123', { pages: 2 });
    const done = await h.waitForJob(job.id, (j) => final(j.status));
    expect(done.status).toBe('delivered');
    expect(fake.faxes.get(done.providerFaxId!)?.labels).toEqual({ faxbot_job: `${job.id}.1` });
    // The fake logs its delivery once our answer reached it, which may be after the job changed.
    await until(
      async () => fake.controls.callbackLog.find((c) => c.event === 'FAX_COMPLETED' && c.status === 200),
      'the fake to log a 200',
    );
  });

  it('finds the result by polling when the callback is lost', async () => {
    const { h, fake } = await start({ pollMs: 50, publicUrl: true });
    fake.controls.dropCallbacks(true);
    const job = await h.send('+14155550123');
    expect((await h.waitForJob(job.id, (j) => final(j.status))).status).toBe('delivered');
    expect(fake.controls.callbackLog).toEqual([]);
  });

  it('polls when no public URL is configured, and sets no callbackUrl', async () => {
    const { h, fake } = await start({ pollMs: 50, publicUrl: false });
    const job = await h.send('+14155550123');
    const done = await h.waitForJob(job.id, (j) => final(j.status));
    expect(done.status).toBe('delivered');
    expect(fake.faxes.get(done.providerFaxId!)?.callbackUrl).toBeUndefined();
  });

  it('fails the job for good when the number is not in service, with the reason in words', async () => {
    const { h, fake } = await start({ pollMs: 600_000, publicUrl: true });
    fake.controls.outcomeFor('+14155550134', {
      status: 'FAILURE',
      errorType: 'CALL_ERROR',
      errorCode: 34,
      errorMessage: 'Phone number not operational',
    });
    const job = await h.send('+14155550134');
    const done = await h.waitForJob(job.id, (j) => final(j.status));
    expect(done.status).toBe('failed');
    expect(done.attempts).toBe(1);
    expect(done.lastError).toMatchObject({ code: 'number_not_in_service' });
    expect(done.lastError!.message).toMatch(/not operational/);
  });

  it('retries a busy line and then delivers', async () => {
    const { h, fake } = await start({ pollMs: 600_000, publicUrl: true });
    fake.controls.outcomeFor('+14155550117', { status: 'FAILURE', errorType: 'CALL_ERROR', errorCode: 17, errorMessage: 'Busy' }, 1);
    const job = await h.send('+14155550117');
    const done = await h.waitForJob(job.id, (j) => final(j.status));
    expect(done.status).toBe('delivered');
    expect(done.attempts).toBe(2);
    expect(fake.faxes.size).toBe(2);
  });

  it('reconciles a send whose connection broke after Sinch accepted it, sending it once', async () => {
    const { h, fake } = await start({ pollMs: 50, publicUrl: false });
    fake.controls.resetAfterAccept();
    const job = await h.send('+14155550123');
    const done = await h.waitForJob(job.id, (j) => final(j.status));
    expect(done.status).toBe('delivered');
    expect(fake.controls.sendRequests).toBe(1);
    expect(fake.faxes.size).toBe(1);
    expect(done.providerFaxId).toBe([...fake.faxes.keys()][0]);
  });
});

describe('Sinch INCOMING_FAX through the listener', () => {
  it.each(['application/json', 'multipart/form-data'] as CallbackContentType[])(
    'stores a %s received fax in the Inbox, once despite duplicates',
    async (contentType) => {
      const { h, fake } = await start({ pollMs: 600_000, publicUrl: true });
      fake.controls.duplicateCallbacks(2);
      const { status } = await fake.controls.deliverInbound({
        url: inboundUrl(h),
        contentType,
        from: '+14155552222',
        to: '+14155553333',
        pdf: await makeTestPdf(2),
        pages: 2,
      });
      expect(status).toBe(200);
      const fax = await h.waitForInbound((f) => f.from === '+14155552222');
      expect(fax).toMatchObject({ to: '+14155553333', pages: 2 });
      await h.engine.webhooks.listener.settled();
      expect((await h.engine.call('listInbox', { limit: 50 })).items).toHaveLength(1);
    },
  );

  it('refuses forged credentials with 401 and stores nothing', async () => {
    const { h, fake } = await start({ pollMs: 600_000, publicUrl: true });
    const { status } = await fake.controls.deliverInbound({
      url: inboundUrl(h, 'forged-password'),
      contentType: 'application/json',
      from: '+14155552222',
      to: '+14155553333',
      pdf: await makeTestPdf(1),
      pages: 1,
    });
    expect(status).toBe(401);
    await h.engine.webhooks.listener.settled();
    expect((await h.engine.call('listInbox', { limit: 50 })).items).toHaveLength(0);
    const health = await h.engine.call('getWebhookHealth', {});
    expect(health.providers.find((p) => p.providerId === 'sinch')?.verificationFailures).toBe(4); // one try, three retries
  });
});

describe('matching a Sinch callback to its attempt', () => {
  it('ignores a FAX_COMPLETED for another fax id that carries a sending job’s label', async () => {
    const { h } = await start({ pollMs: 600_000, publicUrl: true, stepMs: 5_000 });
    const job = await h.send('+14155550123');
    const sending = await h.waitForJob(job.id, (j) => j.providerFaxId !== null);
    const url = new URL(inboundUrl(h, undefined, 'status'));
    const authorization = `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}`;
    url.username = url.password = '';
    const event = {
      event: 'FAX_COMPLETED',
      fax: {
        id: `${sending.providerFaxId}-other`,
        direction: 'OUTBOUND',
        status: 'FAILURE',
        labels: { faxbot_job: `${job.id}.1` },
        errorType: 'LINE_ERROR',
        errorMessage: 'Busy',
      },
    };
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify(event),
    });
    expect(response.status).toBe(200);
    await h.engine.webhooks.listener.settled();
    const after = await h.engine.call('getJob', { id: job.id });
    expect(after.status).toBe('sending');
    expect(after.attempts).toBe(1);
  });
});
