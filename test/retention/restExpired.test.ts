// The REST API's answer for a fax whose document retention deleted: 404 with the reason in
// `detail` (Faxbot's error field), for both sent and received faxes; the fax itself still reads.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApiRoute } from '../../main/engine/api';
import { startHeadlessServer, type HeadlessServer } from '../../main/headless';
import { newDataDir, openDesk, sendAndReceive, type RetentionDesk } from './retentionHarness';

let desk: RetentionDesk | null = null;
let server: HeadlessServer | null = null;
afterEach(async () => {
  await server?.close();
  await desk?.close();
  server = null;
  desk = null;
});

describe('REST API and expired documents', () => {
  it('answers 404 with the retention reason for /fax/{id}/pdf and /inbound/{id}/pdf', async () => {
    const dataDir = newDataDir();
    desk = await openDesk(dataDir);
    const { job, fax } = await sendAndReceive(desk.engine);
    await desk.close();
    desk = await openDesk(dataDir, { INBOUND_RETENTION_DAYS: '7', OUTBOUND_RETENTION_DAYS: '7', FAXBOT_API_ENABLED: 'true' }, 8);
    server = await startHeadlessServer({
      engine: desk.engine,
      port: 0,
      host: '127.0.0.1',
      rendererDir: join(mkdtempSync(join(tmpdir(), 'faxbot-r-')), 'none'),
      routes: [createApiRoute({ engine: desk.engine })],
    });
    const { secret } = await desk.engine.call('createApiKey', {
      name: 'records system',
      scopes: ['fax:read', 'inbound:read', 'inbound:list'],
    });
    const get = async (path: string) => {
      const response = await fetch(server!.url + path, { headers: { 'X-API-Key': secret } });
      return { status: response.status, body: (await response.json()) as { detail: string; code: string } };
    };

    for (const path of [`/fax/${job.id}/pdf`, `/inbound/${fax.id}/pdf`]) {
      const { status, body } = await get(path);
      expect(status, path).toBe(404);
      expect(body.code).toBe('not_found');
      expect(body.detail).toMatch(/This fax's document was deleted on .+ under the retention setting \(7 days\)/);
    }
    // The records themselves are kept.
    expect((await fetch(`${server.url}/fax/${job.id}`, { headers: { 'X-API-Key': secret } })).status).toBe(200);
    expect((await fetch(`${server.url}/inbound/${fax.id}`, { headers: { 'X-API-Key': secret } })).status).toBe(200);
    // An id that never existed still gets the plain answer, not the retention one.
    const unknown = await get('/inbound/no-such-fax/pdf');
    expect(unknown.status).toBe(404);
    expect(unknown.body.detail).not.toMatch(/retention/);
  });
});
