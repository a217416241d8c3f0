// POST /fax with several `to` values and with `send_at`, over real HTTP: one job per number
// (a number given twice dialled once), the one-`to` answer exactly as the original Faxbot's,
// and every bad value (a bad number among many, a time past or unreadable, too many numbers)
// refused with 400 and a sentence, leaving no job and no document behind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_RECIPIENTS } from '../../shared/sends';
import { DELIVERS, startApi, type ApiFixture } from './apiFixture';
import { FaxbotClient } from './sdkClient';

describe('REST API: several recipients and send_at', () => {
  let api: ApiFixture;
  let key: string;
  let client: FaxbotClient;

  beforeAll(async () => {
    api = await startApi();
    key = await api.key(['fax:send', 'fax:read'], 'EHR');
    client = new FaxbotClient(api.url, key);
  });
  afterAll(async () => api?.close());

  const post = (fields: [string, string][], file = new Blob(['Please call the clinic back.\n'], { type: 'text/plain' })) => {
    const form = new FormData();
    for (const [name, value] of fields) form.append(name, value);
    form.append('file', file, 'note.txt');
    return api.get('/fax', key, { method: 'POST', body: form });
  };
  const refusedLeavesNothing = async (fields: [string, string][]) => {
    const before = await api.snapshot();
    const reply = await post(fields);
    expect(await api.snapshot()).toEqual(before);
    expect(reply.status).toBe(400);
    return reply;
  };

  it('sends one file to several numbers: one job each, a number given twice dialled once', async () => {
    const reply = await post([
      ['to', DELIVERS],
      ['to', '(202) 555-0144'],
      ['to', '+12025550143'],
    ]);
    expect(reply.status).toBe(202);
    expect(Object.keys(reply.json).sort()).toEqual(['duplicates', 'jobs', 'recipients', 'send_at', 'send_id']);
    expect(reply.json).toMatchObject({ recipients: 2, duplicates: 1, send_at: null });
    expect(reply.json.jobs.map((job: { to: string }) => job.to)).toEqual([DELIVERS, '+12025550144']);
    for (const job of reply.json.jobs) {
      expect(job).toMatchObject({ status: 'queued', pages: 1, backend: 'simulator' });
      expect((await client.waitForFinal(job.id)).status).toBe('SUCCESS');
    }
    // The send and each job are recorded under the key that sent them.
    const queued = api.engine.api.auditLog.recent(1, 'send_queued')[0];
    expect(queued).toMatchObject({ target: reply.json.send_id, actor: expect.stringMatching(/^[0-9a-f]{12}$/) });
    const sent = api.engine.api.auditLog.recent(20, 'fax_sent').filter((entry) => entry.details.sendId === reply.json.send_id);
    expect(sent.map((entry) => entry.actor)).toEqual([queued.actor, queued.actor]);
  });

  it('keeps the one-`to` answer as it was, and adds send_at only to a fax sent later', async () => {
    const at = new Date(Date.now() + 3_600_000).toISOString();
    const reply = await post([
      ['to', DELIVERS],
      ['send_at', at.replace('Z', '+00:00')],
    ]);
    expect(reply.status).toBe(202);
    expect(reply.json).toMatchObject({ to: DELIVERS, status: 'queued', faxbot_status: 'queued', send_at: at });
    expect(Object.keys(reply.json)).toHaveLength(14);
    const again = await api.get(`/fax/${reply.json.id}`, key);
    expect(again.json.send_at).toBe(at);
    // Still waiting for its time.
    expect(again.json.attempts).toBe(0);
  });

  it('refuses a bad number among several, naming it, and queues none of them', async () => {
    const reply = await refusedLeavesNothing([
      ['to', DELIVERS],
      ['to', '555-01'],
    ]);
    expect(reply.json.code).toBe('invalid_number');
    expect(reply.json.detail).toMatch(/^555-01: 555-01 is too short/);
  });

  it('refuses a send_at in the past, or one it cannot read, with the reason', async () => {
    const past = await refusedLeavesNothing([
      ['to', DELIVERS],
      ['send_at', '2020-01-01T08:00:00Z'],
    ]);
    expect(past.json.detail).toMatch(/^send_at: .* has already passed: choose a time in the future, or send now\.$/);
    const unreadable = await refusedLeavesNothing([
      ['to', DELIVERS],
      ['to', '+12025550144'],
      ['send_at', 'tomorrow 8am'],
    ]);
    expect(unreadable.json.detail).toMatch(
      /^send_at: "tomorrow 8am" is not a date and time Faxbot can read: write it as ISO 8601 with its offset/,
    );
  });

  it(`refuses more than ${MAX_RECIPIENTS} numbers in one form`, async () => {
    const fields = Array.from({ length: MAX_RECIPIENTS + 1 }, (_, i): [string, string] => ['to', `+1202555${String(1000 + i)}`]);
    const reply = await refusedLeavesNothing(fields);
    expect(reply.json.detail).toBe(
      `The form has more than ${MAX_RECIPIENTS} "to" fields, the most one send can have: split the list into several sends.`,
    );
  });
});
