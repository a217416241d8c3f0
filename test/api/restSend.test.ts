// The REST API as existing Faxbot clients use it: send through the simulator, poll to a
// final status, list, cancel, download, and read received faxes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { makeTestPdf } from '../support/pdfs';
import { DELIVERS, LOOPBACK, startApi, type ApiFixture } from './apiFixture';
import { FaxbotClient } from './sdkClient';

/** The simulator's line that is busy on the first call. */
const BUSY_ONCE = '+12025550111';

async function until<T>(check: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const found = await check();
    if (found !== undefined) return found;
    if (Date.now() - started > timeoutMs) throw new Error('the fax did not reach the expected state in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('REST API: sending and reading faxes', () => {
  let api: ApiFixture;
  let client: FaxbotClient;
  let reader: string;

  beforeAll(async () => {
    api = await startApi();
    client = new FaxbotClient(api.url, await api.key(['fax:send', 'fax:read', 'inbound:list', 'inbound:read'], 'EHR'));
    reader = await api.key(['fax:read'], 'read only');
  });
  afterAll(async () => api?.close());

  it('sends a PDF through the simulator the way the Faxbot SDKs do, and polls it to SUCCESS', async () => {
    const job = await client.sendFax(DELIVERS, await makeTestPdf(2), 'referral.pdf');
    expect(job).toMatchObject({ to: DELIVERS, status: 'queued', faxbot_status: 'queued', pages: 2, error: null });
    expect(job.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(Date.parse(job.created_at)).not.toBeNaN();
    const final = await client.waitForFinal(job.id);
    expect(final).toMatchObject({ id: job.id, status: 'SUCCESS', faxbot_status: 'delivered', pages: 2 });
    const audit = api.engine.api.auditLog.recent(50, 'fax_sent');
    expect(audit.find((a) => a.target === job.id)?.details).toMatchObject({ to: '***0143', pages: 2 });
  });

  it('answers 202 with the whole job shape (FaxJobOut plus ours)', async () => {
    const form = new FormData();
    form.append('to', '(202) 555-0143');
    form.append('file', new Blob(['Please call the clinic back.\n'], { type: 'text/plain' }), 'note.txt');
    const { status, json } = await api.get('/fax', client['apiKey'], { method: 'POST', body: form });
    expect(status).toBe(202);
    expect(Object.keys(json).sort()).toEqual(
      [
        'attempts',
        'backend',
        'completed_at',
        'created_at',
        'error',
        'error_code',
        'faxbot_status',
        'id',
        'pages',
        'provider_sid',
        'status',
        'to',
        'updated_at',
      ].sort(),
    );
    expect(json).toMatchObject({ to: DELIVERS, backend: 'simulator', pages: 1 });
  });

  it('reports a fax that cannot be delivered as FAILED with the reason', async () => {
    const job = await client.sendFax('+12025550133', await makeTestPdf(1));
    const final = await client.waitForFinal(job.id);
    expect(final.status).toBe('FAILED');
    expect(final.faxbot_status).toBe('failed');
    expect(final.error).toMatch(/voice|fax machine/i);
  });

  it('lists sent faxes newest first with cursor paging and status and number filters', async () => {
    const first = await api.get('/fax?limit=1', reader);
    expect(first.status).toBe(200);
    expect(first.json.items).toHaveLength(1);
    expect(first.json.total).toBeGreaterThanOrEqual(3);
    expect(typeof first.json.next_cursor).toBe('string');
    const second = await api.get(`/fax?limit=1&cursor=${first.json.next_cursor}`, reader);
    expect(second.json.items[0].id).not.toBe(first.json.items[0].id);
    const failed = await api.get('/fax?status=FAILED', reader);
    expect(failed.json.items.length).toBeGreaterThan(0);
    expect(failed.json.items.every((j: { status: string }) => j.status === 'FAILED')).toBe(true);
    const ours = await api.get('/fax?status=failed,canceled', reader);
    expect(ours.json.items.every((j: { faxbot_status: string }) => ['failed', 'canceled'].includes(j.faxbot_status))).toBe(true);
    const toOne = await api.get(`/fax?to=${encodeURIComponent('202-555-0133')}`, reader);
    expect(toOne.json.items.length).toBeGreaterThan(0);
    expect(toOne.json.items.every((j: { to: string }) => j.to === '+12025550133')).toBe(true);
  });

  it('cancels a queued fax with DELETE, which then reads FAILED / canceled', async () => {
    // Held deterministically, never raced against the simulator's clock: the busy line's retry
    // waits ten minutes (retryBaseMs), so the job sits queued until it is canceled.
    const slow = await startApi({ retryBaseMs: 600_000, retryMaxMs: 600_000 });
    try {
      const key = await slow.key(['fax:send', 'fax:read']);
      const queued = await new FaxbotClient(slow.url, key).sendFax(BUSY_ONCE, await makeTestPdf(1));
      await until(async () => {
        const job = await slow.engine.call('getJob', { id: queued.id });
        return job.status === 'queued' && job.attempts === 1 ? job : undefined;
      });
      const { status, json } = await slow.get(`/fax/${queued.id}`, key, { method: 'DELETE' });
      expect(status).toBe(200);
      expect(json).toMatchObject({ id: queued.id, status: 'FAILED', faxbot_status: 'canceled', error: 'canceled' });
      expect((await slow.get(`/fax/${queued.id}`, key)).json.faxbot_status).toBe('canceled');
      const entry = slow.engine.api.auditLog.recent(20, 'fax_canceled').find((a) => a.target === queued.id);
      expect(entry?.actor).toMatch(/\S/);
    } finally {
      await slow.close();
    }
  });

  it('refuses to cancel a fax that has finished (409)', async () => {
    const job = await client.sendFax(DELIVERS, await makeTestPdf(1));
    await client.waitForFinal(job.id);
    const { status, json } = await api.get(`/fax/${job.id}`, client['apiKey'], { method: 'DELETE' });
    expect(status).toBe(409);
    expect(json.detail).toMatch(/cannot be canceled/);
  });

  it('serves the sent PDF as an attachment that is never cached', async () => {
    const job = await client.sendFax(DELIVERS, await makeTestPdf(3));
    const response = await fetch(`${api.url}/fax/${job.id}/pdf`, { headers: { 'X-API-Key': reader } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="fax-${job.id}.pdf"`);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const pdf = await PDFDocument.load(new Uint8Array(await response.arrayBuffer()));
    expect(pdf.getPageCount()).toBe(3);
    expect(api.engine.api.auditLog.recent(20, 'pdf_served').some((a) => a.target === job.id)).toBe(true);
  });

  it('lists, reads and serves received faxes', async () => {
    // The loopback fax is stored just after delivery is reported: wait for the engine to say so.
    const received = new Promise<void>((resolve) => {
      const off = api.engine.on((event) => {
        if (event === 'faxReceived') {
          off();
          resolve();
        }
      });
    });
    const sent = await client.sendFax(LOOPBACK, await makeTestPdf(2));
    await client.waitForFinal(sent.id);
    await received;
    const inboxKey = client['apiKey'];
    const list = await api.get('/inbound', inboxKey);
    expect(list.status).toBe(200);
    const fax = list.json.items[0];
    expect(fax).toMatchObject({ status: 'received', pages: 2, read: false, backend: 'simulator' });
    const filtered = await api.get(`/inbound?status=unread&to=${encodeURIComponent(fax.to)}`, inboxKey);
    expect(filtered.json.items.map((f: { id: string }) => f.id)).toContain(fax.id);
    const none = await api.get('/inbound?from=%2B12025550199', inboxKey);
    expect(none.json.items).toEqual([]);
    const one = await api.get(`/inbound/${fax.id}`, inboxKey);
    expect(one.json).toMatchObject({ id: fax.id, from: fax.from });
    const pdf = await fetch(`${api.url}/inbound/${fax.id}/pdf`, { headers: { 'X-API-Key': inboxKey } });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-disposition')).toBe(`attachment; filename="fax-${fax.id}.pdf"`);
    expect((await PDFDocument.load(new Uint8Array(await pdf.arrayBuffer()))).getPageCount()).toBe(2);
  });

  it('answers health and readiness without a key', async () => {
    expect(await client.checkHealth()).toEqual({ status: 'ok' });
    const ready = await api.get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.json.status).toBe('ready');
    expect(ready.json.checks.database.status).toBe('ok');
    expect(ready.json.checks.storage.status).toBe('ok');
    expect(ready.json.checks.provider.status).toBe('ok');
    expect(ready.json.checks.webhooks).toMatchObject({
      status: 'ok',
      detail: expect.stringMatching(/^Listening on http:\/\/127\.0\.0\.1:\d+/),
    });
  });
});
