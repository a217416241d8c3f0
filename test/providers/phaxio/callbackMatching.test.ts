// Which job a Phaxio callback moves: the one whose attempt Phaxio accepted under that fax id.
// Our tag (faxbot_key) only helps while no fax id is recorded; a correctly signed callback
// for another fax that carries a job's tag must not touch that job.
import { afterEach, describe, expect, it } from 'vitest';
import { phaxioSignature } from '../../../main/engine/providers/phaxio';
import type { FakePhaxio } from '../../fakes/phaxio';
import type { Harness } from '../../support/engineHarness';
import { CREDENTIALS, startPhaxioEngine } from './phaxioFixtures';

let fake: FakePhaxio | undefined;
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  await fake?.close();
  h = fake = undefined;
});

/** A callback as Phaxio signs it (contract §7.2), for a fax Phaxio reports with these fields. */
async function postSignedCallback(url: string, fax: Record<string, unknown>): Promise<number> {
  const fields = [
    { name: 'event_type', value: 'fax_completed' },
    { name: 'fax', value: JSON.stringify(fax) },
  ];
  const form = new FormData();
  for (const field of fields) form.append(field.name, field.value);
  const signature = phaxioSignature(CREDENTIALS.callbackToken, url, { fields, files: [] });
  const response = await fetch(url, { method: 'POST', body: form, headers: { 'x-phaxio-signature': signature } });
  await response.arrayBuffer();
  return response.status;
}

const failure = (id: number, key: string) => ({
  id,
  direction: 'sent',
  status: 'failure',
  num_pages: 1,
  tags: { faxbot_key: key },
  recipients: [
    { phone_number: '+12025550100', status: 'failure', error_type: 'lineError', error_id: 34, error_message: 'Number not in service' },
  ],
});

describe('matching a Phaxio callback to its attempt', () => {
  it('ignores a signed callback for another fax id that carries a sending job’s tag', async () => {
    ({ fake, h } = await startPhaxioEngine(60_000, { stepMs: 5_000 }));
    const job = await h.send('+12025550100');
    const sending = await h.waitForJob(job.id, (j) => j.providerFaxId !== null);
    const otherFaxId = Number(sending.providerFaxId) + 1000;
    const status = await postSignedCallback(fake.faxes[0]!.callbackUrl!, failure(otherFaxId, `${job.id}.1`));
    expect(status).toBe(200); // a genuine Phaxio request: answered, so Phaxio does not retry it
    await h.engine.webhooks.listener.settled();
    const after = await h.engine.call('getJob', { id: job.id });
    expect(after.status).toBe('sending');
    expect(after.providerFaxId).toBe(sending.providerFaxId);
  });

  it('still follows a callback for the recorded fax id whose tag names another job', async () => {
    ({ fake, h } = await startPhaxioEngine(60_000, { stepMs: 5_000 }));
    const job = await h.send('+12025550100');
    const sending = await h.waitForJob(job.id, (j) => j.providerFaxId !== null);
    const status = await postSignedCallback(fake.faxes[0]!.callbackUrl!, failure(Number(sending.providerFaxId), 'some-other-job.1'));
    expect(status).toBe(200);
    const done = await h.waitForJob(job.id, (j) => j.status === 'failed');
    expect(done.lastError?.code).toBe('number_not_in_service');
  });
});
