// FAX_BACKEND=sip end to end: the real engine (SQLite, queue, retries, Inbox) against the fake
// AMI over TCP and a temporary shared folder.
import { afterEach, describe, expect, it } from 'vitest';
import { startEngine, type Harness } from '../support/engineHarness';
import { FAKE_AMI_USER, startFakeAmi, type FakeAmi } from '../fakes/ami';
import { tempSpool } from '../ami/sipFixture';

let h: Harness | undefined;
let fake: FakeAmi | undefined;
afterEach(async () => {
  await h?.close();
  await fake?.close();
  h = undefined;
  fake = undefined;
});

const TO = '+14155550123';
const final = (status: string) => status === 'delivered' || status === 'failed';

async function start(): Promise<{ h: Harness; fake: FakeAmi }> {
  const spool = tempSpool();
  fake = await startFakeAmi({ spoolDir: spool });
  h = await startEngine({
    backend: 'sip',
    env: {
      ASTERISK_AMI_HOST: '127.0.0.1',
      ASTERISK_AMI_PORT: String(fake.port),
      ASTERISK_AMI_USERNAME: FAKE_AMI_USER.username,
      ASTERISK_AMI_PASSWORD: FAKE_AMI_USER.secret,
      ASTERISK_SPOOL_DIR: spool,
    },
  });
  // The engine starts whether or not Asterisk is up; these tests want it connected first.
  await new Promise<void>((resolve) => {
    const check = () => (fake!.actions.includes('Login') ? resolve() : setImmediate(check));
    check();
  });
  return { h, fake };
}

describe('FAX_BACKEND=sip through the engine', () => {
  it('sends a fax through Asterisk and marks the job delivered', async () => {
    const { h, fake } = await start();
    const job = await h.send(TO, { pages: 2 });
    const done = await h.waitForJob(job.id, (j) => final(j.status));
    expect(done).toMatchObject({ status: 'delivered', attempts: 1, providerFaxId: `faxbot-${job.id}.1` });
    expect(fake.originates.map((o) => o.variables.FAXBOT_JOB)).toEqual([`${job.id}.1`]);
  });

  it('retries a busy line and then delivers, each attempt with its own key', async () => {
    const { h, fake } = await start();
    fake.controls.outcomeFor(TO, { kind: 'busy' }, { kind: 'success' });
    const job = await h.send(TO);
    const done = await h.waitForJob(job.id, (j) => final(j.status));
    expect(done).toMatchObject({ status: 'delivered', attempts: 2 });
    expect(fake.originates.map((o) => o.channelId)).toEqual([`faxbot-${job.id}.1`, `faxbot-${job.id}.2`]);
  });

  it('gives up on a number that never answers, saying so', async () => {
    const { h, fake } = await start();
    fake.controls.outcomeFor(TO, { kind: 'no_answer' });
    const job = await h.send(TO);
    const done = await h.waitForJob(job.id, (j) => final(j.status), 30_000);
    expect(done.status).toBe('failed');
    expect(done.attempts).toBe(done.maxAttempts);
    expect(done.lastError).toMatchObject({ code: 'no_answer' });
    expect(done.lastError!.message).toMatch(/Gave up after \d+ attempts: nobody answered/);
  });

  it('fails for good after a fax negotiation failure, with the reason in words', async () => {
    const { h, fake } = await start();
    fake.controls.outcomeFor(TO, { kind: 'fax_failed', error: 'Far end cannot receive at the resolution of the image' });
    const job = await h.send(TO);
    const done = await h.waitForJob(job.id, (j) => final(j.status));
    expect(done).toMatchObject({ status: 'failed', attempts: 1, lastError: { code: 'document_rejected' } });
    expect(done.lastError!.message).toMatch(/receiving fax machine cannot take pages at this resolution/);
  });

  it('resolves a fax whose AMI connection dropped mid-call after reconnecting, with one Originate', async () => {
    const { h, fake } = await start();
    fake.controls.dropOnAnswer();
    const job = await h.send(TO);
    const done = await h.waitForJob(job.id, (j) => final(j.status));
    expect(done).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(fake.originates).toHaveLength(1);
  });

  it('puts a received fax in the Inbox once, even when Asterisk announces it twice', async () => {
    const { h, fake } = await start();
    const { uniqueid } = fake.controls.deliverInbound({ from: '+14155550199', to: '+15551230000', pages: 2 });
    const fax = await h.waitForInbound((f) => f.from === '+14155550199');
    expect(fax.pages).toBe(2);
    fake.controls.announceInbound(uniqueid);
    const second = fake.controls.deliverInbound({ from: '+14155550177', to: '+15551230000', pages: 1 });
    await h.waitForInbound((f) => f.from === '+14155550177');
    expect(second.uniqueid).not.toBe(uniqueid);
    const inbox = await h.engine.call('listInbox', { limit: 100 });
    expect(inbox.items.filter((f) => f.from === '+14155550199')).toHaveLength(1);
  });
});
