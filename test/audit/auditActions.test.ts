// What the audit log records, through a real engine on a real data folder: faxes sent from
// the window, received faxes viewed, saved, printed and forwarded, sent faxes viewed,
// settings changed (names, never values), and refused provider callbacks (never the body).
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../main/engine';
import { FaxError } from '../../shared/errors';
import { SIMULATOR_NUMBERS } from '../../main/engine/providers';
import type { AuditRecord } from '../../main/engine/audit';
import type { InboundFax } from '../../shared/model';
import { startEngine, type Harness } from '../support/engineHarness';
import { makeTestPdf } from '../support/pdfs';
import { DELIVERS, startApi, type ApiFixture } from '../api/apiFixture';
import { engineFaxTools } from '../../main/engine/api/mcp';

let harness: Harness | null = null;
let api: ApiFixture | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
  await api?.close();
  api = null;
});

const STATION = '+12025550177';

/** A real received fax: sent to the simulator's own line, which loops it back into the Inbox. */
async function receiveFax(h: Harness): Promise<InboundFax> {
  await h.engine.call('updateSettings', { stationNumber: STATION });
  const job = await h.send(SIMULATOR_NUMBERS.loopback, { pages: 1 });
  return h.waitForInbound((fax) => fax.receivedAt >= job.createdAt);
}

const entries = (h: { engine: { audit: { recent(limit: number, action?: string): AuditRecord[] } } }, action: string) =>
  h.engine.audit.recent(500, action);

describe('the audit log records what the window does', () => {
  it('records a fax sent from the window as the REST API records its sends: actor window, number masked', async () => {
    harness = await startEngine();
    const documentId = await harness.stagePdf(2, 'referral.pdf');
    const job = await harness.engine.call('sendFax', {
      to: '(202) 555-0143',
      recipientName: 'Dr. Lee',
      documentIds: [documentId],
      cover: null,
    });
    const sent = entries(harness, 'fax_sent').filter((e) => e.target === job.id);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ actor: 'window', details: { to: '***0143', pages: 2, file: 'referral.pdf' } });
    expect(JSON.stringify(sent)).not.toMatch(/5550143|Dr\. Lee/);
  });

  it('records a REST send once, under the key, not also as the window', async () => {
    api = await startApi();
    const key = await api.key(['fax:send'], 'EHR');
    const form = new FormData();
    form.append('to', DELIVERS);
    form.append('file', new Blob([Buffer.from(await makeTestPdf(1))], { type: 'application/pdf' }), 'chart.pdf');
    const { status, json } = await api.get('/fax', key, { method: 'POST', body: form });
    expect(status).toBe(202);
    const sent = entries(api, 'fax_sent').filter((e) => e.target === json.id);
    expect(sent).toHaveLength(1);
    expect(sent[0].actor).toMatch(/^[0-9a-f]{12}$/);
  });

  it('names MCP, not the window, for a fax an AI assistant sent or opened', async () => {
    harness = await startEngine();
    const tools = engineFaxTools(harness.engine);
    const job = await tools.sendFax({ to: DELIVERS, fileName: 'note.pdf', content: await makeTestPdf(1) });
    expect(
      entries(harness, 'fax_sent')
        .filter((e) => e.target === job.id)
        .map((e) => e.actor),
    ).toEqual(['mcp']);
  });

  it('records a received fax viewed, saved, printed and forwarded, and a sent fax viewed', async () => {
    harness = await startEngine();
    const fax = await receiveFax(harness);
    await harness.engine.call('getInboundDocument', { id: fax.id });
    await harness.engine.call('recordInboundFaxUse', { id: fax.id, use: 'saved' });
    await harness.engine.call('recordInboundFaxUse', { id: fax.id, use: 'printed' });
    const staged = await harness.engine.call('forwardInboundFax', { id: fax.id });
    await harness.engine.call('discardStagedDocument', { documentId: staged.documentId });
    const [job] = (await harness.engine.call('listJobs', { limit: 1 })).items;
    await harness.engine.call('getJobDocument', { id: job.id });

    const about = harness.engine.audit
      .recent(100)
      .filter((e) => e.target === fax.id)
      .map((e) => e.action);
    expect(about).toEqual(expect.arrayContaining(['inbound_viewed', 'inbound_saved', 'inbound_printed', 'inbound_forwarded']));
    expect(entries(harness, 'outbound_viewed').filter((e) => e.target === job.id && e.actor === 'window')).toHaveLength(1);
    for (const action of ['inbound_viewed', 'inbound_saved', 'inbound_printed', 'inbound_forwarded']) {
      expect(entries(harness, action).filter((e) => e.target === fax.id)).toHaveLength(1);
    }
  });

  it('refuses to record a use of a fax that does not exist, was deleted, or a use it does not know', async () => {
    harness = await startEngine();
    const fax = await receiveFax(harness);
    const refused = async (input: unknown) => {
      const reply = await dispatch(harness!.engine, 'recordInboundFaxUse', input);
      expect(reply.ok).toBe(false);
      return reply.ok ? null : reply.error;
    };
    expect(await refused({ id: 'no-such-fax', use: 'saved' })).toMatchObject({ code: 'not_found' });
    expect(await refused({ id: fax.id, use: 'deleted' })).toMatchObject({ code: 'invalid_input' });
    expect(await refused({ id: fax.id, use: 'viewed' })).toMatchObject({ code: 'invalid_input' });
    expect(await refused({ id: '../../etc/passwd', use: 'saved' })).toMatchObject({ code: 'invalid_input' });
    expect(await refused({ id: 'x'.repeat(65), use: 'printed' })).toMatchObject({ code: 'invalid_input' });
    expect(await refused({ id: '', use: 'printed' })).toMatchObject({ code: 'invalid_input' });
    expect(await refused({ use: 'printed' })).toMatchObject({ code: 'invalid_input' });
    expect(await refused({ id: 42, use: 'printed' })).toMatchObject({ code: 'invalid_input' });
    expect(await refused(null)).toMatchObject({ code: 'invalid_input' });

    await harness.engine.call('deleteInboundFax', { id: fax.id });
    expect(await refused({ id: fax.id, use: 'printed' })).toMatchObject({ code: 'not_found' });
    expect(entries(harness, 'inbound_saved')).toHaveLength(0);
    expect(entries(harness, 'inbound_printed')).toHaveLength(0);
  });

  it('records which settings changed, never their values, and nothing when nothing changed', async () => {
    harness = await startEngine();
    await harness.engine.call('updateSettings', {
      stationName: 'Northside Clinic',
      stationNumber: '(202) 555-0177',
      headerText: 'Northside',
    });
    await harness.engine.call('updateSettings', { stationName: 'Northside Clinic' });
    const changed = entries(harness, 'settings_changed');
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatchObject({ actor: 'window' });
    expect((changed[0].details.changed as string[]).sort()).toEqual(['headerText', 'stationName', 'stationNumber']);
    expect(JSON.stringify(changed)).not.toMatch(/Northside|5550177/);

    const { listenAddress } = await harness.engine.call('getWebhookHealth', {});
    await harness.engine.call('setWebhookPublicUrl', { publicUrl: listenAddress });
    expect(entries(harness, 'settings_changed')[0].details).toEqual({ changed: ['webhookPublicUrl'] });
  });

  it('a refused change records nothing', async () => {
    harness = await startEngine();
    await expect(harness.engine.call('updateSettings', { stationNumber: '12' })).rejects.toBeInstanceOf(FaxError);
    expect(entries(harness, 'settings_changed')).toHaveLength(0);
  });
});

describe('the audit log records refused provider callbacks', () => {
  const BODY_SECRET = 'patient-name-Jane-Roe';

  async function engineWithTestRoute() {
    harness = await startEngine();
    const { listenAddress } = await harness.engine.call('getWebhookHealth', {});
    harness.engine.webhooks.addProvider({
      id: 'phaxio',
      routes: [
        {
          name: 'status',
          maxBodyBytes: 64 * 1024,
          parseForm: false,
          verify: (request) => request.headers['x-test-signature'] === 'good',
          read: (request) => {
            if (!request.body.toString().startsWith('{')) throw new FaxError('invalid_input', 'not JSON');
            return [{ kind: 'ignored', reason: 'test' }];
          },
        },
      ],
      sink: { statusChanged: () => undefined, faxReceived: async () => undefined },
    });
    const secret = harness.engine.webhooks.store.pathSecret();
    const post = (path: string, headers: Record<string, string> = {}, body = `{"note":"${BODY_SECRET}"}`) =>
      fetch(`${listenAddress}${path}`, { method: 'POST', headers, body });
    return { secret, post };
  }

  it('records a wrong path secret, a bad signature and an unreadable body, with route and reason, never the body', async () => {
    const { secret, post } = await engineWithTestRoute();
    expect((await post(`/${'x'.repeat(secret.length)}/phaxio/status`, { 'x-test-signature': 'good' })).status).toBe(404);
    expect((await post(`/${secret}/phaxio/status`, { 'x-test-signature': 'forged' })).status).toBe(401);
    expect((await post(`/${secret}/phaxio/status`, { 'x-test-signature': 'good' }, BODY_SECRET)).status).toBe(400);
    expect((await post(`/${secret}/phaxio/status`, { 'x-test-signature': 'good' })).status).toBe(200);

    const rejected = entries(harness!, 'webhook_rejected');
    expect(rejected.map((e) => e.details.reason).sort()).toEqual(['bad_body', 'bad_path_secret', 'bad_signature']);
    for (const entry of rejected) expect(entry).toMatchObject({ actor: 'phaxio', target: 'status', details: { route: 'status' } });
    expect(JSON.stringify(harness!.engine.audit.recent(500))).not.toContain(BODY_SECRET);
    expect(JSON.stringify(harness!.engine.audit.recent(500))).not.toContain(secret);
  });

  it('does not record requests to paths that are no provider route (scanners)', async () => {
    const { secret, post } = await engineWithTestRoute();
    for (const path of [
      '/',
      '/wp-login.php',
      `/${secret}/nobody/status`,
      `/${secret}/phaxio/unknown`,
      '/a/b/c/d/e',
      `/wrong/phaxio/nothing`,
    ]) {
      expect((await post(path)).status).toBe(404);
    }
    expect(entries(harness!, 'webhook_rejected')).toHaveLength(0);
  });
});
