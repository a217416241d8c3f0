// The fake must answer as Phaxio does (contract §1–§3, §9), or the adapter tests prove nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakePhaxio, type FakePhaxio } from '../../fakes/phaxio';
import { makeTestPdf } from '../../support/pdfs';
import { CREDENTIALS } from './phaxioFixtures';

let fake: FakePhaxio;
beforeEach(async () => {
  fake = await startFakePhaxio({ ...CREDENTIALS });
});
afterEach(() => fake.close());

const auth = { authorization: 'Basic ' + Buffer.from(`${CREDENTIALS.apiKey}:${CREDENTIALS.apiSecret}`).toString('base64') };

async function call(method: string, path: string, body?: FormData, headers: Record<string, string> = auth) {
  const response = await fetch(fake.url + path, { method, body, headers });
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    disposition: response.headers.get('content-disposition'),
    bytes: Buffer.from(await response.arrayBuffer()),
  };
}
const json = (bytes: Buffer) => JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;

async function faxForm(
  fields: Record<string, string>,
  file: { data: Uint8Array; type?: string; name?: string } | null = null,
): Promise<FormData> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  const f = file ?? { data: await makeTestPdf(1) };
  form.append('file', new Blob([Buffer.from(f.data)], { type: f.type ?? 'application/pdf' }), f.name ?? 'letter.pdf');
  return form;
}

describe('the fake Phaxio', () => {
  it('requires Basic auth and answers 401 in the envelope otherwise', async () => {
    for (const headers of [
      {} as Record<string, string>,
      { authorization: 'Basic ' + Buffer.from('key_live_1:nope').toString('base64') },
      { authorization: 'Bearer x' },
    ]) {
      const answer = await call('GET', '/account/status', undefined, headers);
      expect(answer.status).toBe(401);
      expect(answer.type).toBe('application/json; charset=utf-8');
      expect(json(answer.bytes)).toMatchObject({ success: false, message: expect.any(String) });
    }
  });

  it('answers account status and unknown paths exactly as recorded', async () => {
    const status = await call('GET', '/account/status');
    expect(json(status.bytes)).toEqual({
      success: true,
      message: 'Account status retrieved successfully',
      data: { balance: 1076, faxes_today: { sent: 0, received: 0 }, faxes_this_month: { sent: 0, received: 0 } },
    });
    const missing = await call('GET', '/faxes/424242');
    expect([missing.status, json(missing.bytes)]).toEqual([404, { success: false, message: 'Not found' }]);
    expect((await call('DELETE', '/nowhere')).status).toBe(404);
  });

  it('queues a fax with increasing integer ids and the recorded message', async () => {
    const first = json((await call('POST', '/faxes', await faxForm({ to: '+12025550100' }))).bytes);
    const second = json((await call('POST', '/faxes', await faxForm({ to: '+12025550100' }))).bytes);
    expect(first).toMatchObject({ success: true, message: 'Fax queued for sending', data: { id: expect.any(Number) } });
    expect((second.data as { id: number }).id).toBe((first.data as { id: number }).id + 1);
  });

  it.each([
    ['no number', {}],
    ['a number without +', { to: '2025550100' }],
    ['a number with letters', { to: '+1202555ABCD' }],
    ['header text over 50', { to: '+12025550100', header_text: 'x'.repeat(51) }],
    ['cancel_timeout 2', { to: '+12025550100', cancel_timeout: '2' }],
    ['cancel_timeout 61', { to: '+12025550100', cancel_timeout: '61' }],
    ['cancel_timeout not a number', { to: '+12025550100', cancel_timeout: 'soon' }],
    ['11 tags', { to: '+12025550100', ...Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`tag[t${i}]`, 'v'])) }],
  ])('refuses %s with 422', async (_what, fields) => {
    const answer = await call('POST', '/faxes', await faxForm(fields));
    expect(answer.status).toBe(422);
    expect(json(answer.bytes).success).toBe(false);
    expect(fake.faxes).toHaveLength(0);
  });

  it('refuses a missing file, a non-PDF file and a body that is not multipart with 422', async () => {
    const noFile = new FormData();
    noFile.append('to', '+12025550100');
    expect((await call('POST', '/faxes', noFile)).status).toBe(422);
    expect(
      (await call('POST', '/faxes', await faxForm({ to: '+12025550100' }, { data: new TextEncoder().encode('plain'), type: 'text/plain' })))
        .status,
    ).toBe(422);
    const urlencoded = await fetch(fake.url + '/faxes', {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'to=%2B12025550100',
    });
    expect(urlencoded.status).toBe(422);
    expect(fake.faxes).toHaveLength(0);
  });

  it('lists faxes by tag and direction with paging, and serves the document as a PDF download', async () => {
    const pdf = await makeTestPdf(2);
    const sent = json((await call('POST', '/faxes', await faxForm({ to: '+12025550100', 'tag[faxbot_key]': 'j.1' }, { data: pdf }))).bytes);
    await call('POST', '/faxes', await faxForm({ to: '+12025550100', 'tag[faxbot_key]': 'j.2' }));
    const list = json((await call('GET', '/faxes?tag%5Bfaxbot_key%5D=j.1&direction=sent')).bytes);
    expect(list).toMatchObject({ success: true, message: 'Retrieved faxes successfully', paging: { total: 1, per_page: 25, page: 1 } });
    const [fax] = list.data as Record<string, unknown>[];
    expect(fax).toMatchObject({ id: (sent.data as { id: number }).id, direction: 'sent', tags: { faxbot_key: 'j.1' }, is_test: true });
    expect(Object.keys(fax!).sort()).toEqual(
      [
        'barcodes',
        'caller_id',
        'caller_name',
        'completed_at',
        'cost',
        'created_at',
        'direction',
        'error_id',
        'error_message',
        'error_type',
        'from_number',
        'id',
        'is_test',
        'num_pages',
        'recipients',
        'status',
        'tags',
        'to_number',
      ].sort(),
    );
    expect(json((await call('GET', '/faxes?direction=received')).bytes).data).toEqual([]);
    const file = await call('GET', `/faxes/${fax!.id}/file`);
    expect([file.status, file.type, file.disposition]).toEqual([200, 'application/pdf', `attachment; filename="fax-${fax!.id}.pdf"`]);
    expect(Buffer.compare(file.bytes, Buffer.from(pdf))).toBe(0);
  });

  it('honours test_fail with a simulated failure of that type', async () => {
    const sent = json((await call('POST', '/faxes', await faxForm({ to: '+12025550100', test_fail: 'documentConversionError' }))).bytes);
    const id = (sent.data as { id: number }).id;
    await fake.waitFor(() => fake.faxes[0]!.status === 'failure');
    const fax = json((await call('GET', `/faxes/${id}`)).bytes).data as Record<string, unknown>;
    expect(fax).toMatchObject({ status: 'failure', error_type: 'documentConversionError', error_id: 122 });
  });

  it('answers a test receive with the recorded message (two spaces included)', async () => {
    const form = await faxForm({ direction: 'received', from_number: '+12025550144', to_number: '+12025550199' });
    const answer = json((await call('POST', '/faxes', form)).bytes);
    expect(answer).toEqual({ success: true, message: 'Test fax received from +12025550144 to +12025550199.  Calling back now...' });
    expect(fake.faxes[0]).toMatchObject({ direction: 'received', from: '+12025550144', to: '+12025550199', status: 'success' });
  });
});
