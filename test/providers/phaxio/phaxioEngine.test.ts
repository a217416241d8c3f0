// The real engine with FAX_BACKEND=phaxio against the fake Phaxio, callbacks arriving through
// the real webhook listener on 127.0.0.1 (its loopback address set as the public URL).
import { afterEach, describe, expect, it } from 'vitest';
import type { FaxJob } from '../../../shared/model';
import { PHAXIO_FAKE_NUMBERS, type FakePhaxio } from '../../fakes/phaxio';
import type { Harness } from '../../support/engineHarness';
import { makeTestPdf } from '../../support/pdfs';
import { startPhaxioEngine } from './phaxioFixtures';

let fake: FakePhaxio | undefined;
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  await fake?.close();
  h = undefined;
  fake = undefined;
});

/** pollMs: how often the queue polls Phaxio; a minute means only a callback can finish a job in time. */
async function phaxioEngine(pollMs = 60_000, fakeOptions: { stepMs?: number } = {}): Promise<{ fake: FakePhaxio; h: Harness }> {
  ({ fake, h } = await startPhaxioEngine(pollMs, fakeOptions));
  return { fake, h };
}

const final = (job: FaxJob) => job.status === 'delivered' || job.status === 'failed';

describe('the engine faxing through Phaxio (fake)', () => {
  it('sends, hears the signed callback and marks the job delivered', async () => {
    const { fake, h } = await phaxioEngine();
    const job = await h.send('+12025550100', { pages: 2 });
    const done = await h.waitForJob(job.id, final);
    expect(done.status).toBe('delivered');
    expect(fake.faxes).toHaveLength(1);
    expect(fake.faxes[0]!.callbackUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/.+\/phaxio\/status$/);
    expect(fake.faxes[0]!.tags.faxbot_key).toBe(`${job.id}.1`);
    const delivery = await fake.waitFor(() => fake.webhooks.find((d) => d.eventType === 'fax_completed'));
    expect(delivery.outcome).toBe(200);
  });

  it("fails a job for good on a document conversion error, with Phaxio's reason", async () => {
    const { fake, h } = await phaxioEngine();
    const job = await h.send(PHAXIO_FAKE_NUMBERS.documentError);
    const done = await h.waitForJob(job.id, final);
    expect(done.status).toBe('failed');
    expect(done.attempts).toBe(1);
    expect(done.lastError).toMatchObject({ code: 'document_rejected' });
    expect(done.lastError!.message).toMatch(/Mimetype not supported/);
    expect(fake.faxes).toHaveLength(1);
  });

  it('retries a busy line and delivers on the next attempt', async () => {
    const { fake, h } = await phaxioEngine();
    const job = await h.send(PHAXIO_FAKE_NUMBERS.busyOnce);
    const done = await h.waitForJob(job.id, final);
    expect(done.status).toBe('delivered');
    expect(done.attempts).toBe(2);
    expect(fake.faxes.map((f) => [f.tags.faxbot_key, f.status])).toEqual([
      [`${job.id}.1`, 'failure'],
      [`${job.id}.2`, 'success'],
    ]);
  });

  it('finds the result by polling when the callback is lost', async () => {
    const { fake, h } = await phaxioEngine(50);
    fake.webhookFaults.lose = true;
    const job = await h.send('+12025550100');
    const done = await h.waitForJob(job.id, final);
    expect(done.status).toBe('delivered');
    expect(fake.webhooks).toHaveLength(0);
    expect(fake.requests.some((r) => /^GET \/faxes\/\d+$/.test(r))).toBe(true);
  });

  it('reconciles a send whose connection dropped after Phaxio queued it, and sends it once', async () => {
    const { fake, h } = await phaxioEngine();
    fake.failNextSend('drop-after-queue');
    const job = await h.send('+12025550100');
    const done = await h.waitForJob(job.id, final);
    expect(done.status).toBe('delivered');
    // The queue asked Phaxio by tag instead of sending again.
    await fake.waitFor(() => fake.requests.includes('GET /faxes'));
    expect(fake.faxes).toHaveLength(1);
    expect(fake.requests.filter((r) => r === 'POST /faxes')).toHaveLength(1);
  });

  it('changes nothing on a callback with a forged signature', async () => {
    const { fake, h } = await phaxioEngine();
    fake.webhookFaults.wrongSignature = true;
    const job = await h.send('+12025550100');
    const refused = await fake.waitFor(() => fake.webhooks.find((d) => d.eventType === 'fax_completed'));
    expect(refused.outcome).toBe(401);
    expect((await h.engine.call('getJob', { id: job.id })).status).toBe('sending');
  });

  it("puts a received fax in the Inbox, from the callback's file part", async () => {
    const { fake, h } = await phaxioEngine();
    const inboundUrl = h.engine.webhooks.addressBook.urlFor('phaxio', 'inbound');
    expect(inboundUrl).not.toBeNull();
    fake.setReceiveUrl(inboundUrl!);
    await fake.testReceive({ from: '+12025550144', to: '+12025550199', pdf: Buffer.from(await makeTestPdf(2)) });
    const fax = await h.waitForInbound((f) => f.from === '+12025550144');
    expect(fax).toMatchObject({ to: '+12025550199', pages: 2, provider: 'phaxio' });
    const delivery = await fake.waitFor(() => fake.webhooks[0]);
    expect(delivery.outcome).toBe(200);
  });

  it('fetches the document of a received fax sent without its file part, and stores a duplicate delivery once', async () => {
    const { fake, h } = await phaxioEngine();
    fake.setReceiveUrl(h.engine.webhooks.addressBook.urlFor('phaxio', 'inbound')!);
    fake.webhookFaults.duplicate = true;
    const sent = await fake.testReceive({
      from: '+12025550155',
      to: '+12025550199',
      pdf: Buffer.from(await makeTestPdf(1)),
      withFile: false,
    });
    await h.waitForInbound((f) => f.from === '+12025550155');
    await fake.waitFor(() => fake.webhooks.length === 2);
    expect(fake.webhooks.map((d) => d.outcome)).toEqual([200, 200]);
    expect(fake.requests).toContain(`GET /faxes/${sent.id}/file`);
    const inbox = await h.engine.call('listInbox', { limit: 50 });
    expect(JSON.stringify(inbox).match(new RegExp(`"providerFaxId":"${sent.id}"`, 'g'))).toHaveLength(1);
  });
});

describe('a public URL that changes while a fax is out (a tunnel restarted)', () => {
  it('still accepts the callback signed over the URL the fax was sent with', async () => {
    const { fake, h } = await phaxioEngine(60_000, { stepMs: 400 });
    const { listenAddress } = await h.engine.call('getWebhookHealth', {});
    const job = await h.send('+12025550100');
    await h.waitForJob(job.id, (j) => j.providerFaxId !== null);
    // The same listener under another name: the callback URL Phaxio holds no longer matches today's.
    await h.engine.call('setWebhookPublicUrl', { publicUrl: listenAddress!.replace('127.0.0.1', 'localhost') });
    const done = await h.waitForJob(job.id, final);
    expect(done.status).toBe('delivered');
    const delivery = await fake.waitFor(() => fake!.webhooks.find((d) => d.eventType === 'fax_completed'));
    expect(delivery.outcome).toBe(200);
    const health = await h.engine.call('getWebhookHealth', {});
    const phaxio = health.providers.find((p) => p.providerId === 'phaxio');
    expect(phaxio?.events).toBeGreaterThan(0);
    expect(phaxio?.verificationFailures).toBe(0);
  });
});
