// What Apply refuses, and that a refused or failed Apply changes nothing: unknown plugins,
// the wrong kind, unconfigured plugins, slots fixed by the environment, a failed start-up check.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { isFaxError } from '../../shared/errors';
import type { FakePhaxio } from '../fakes/phaxio';
import type { Harness } from '../support/engineHarness';
import { configurePhaxio, fakePhaxio, pluginEngine, publicUrlIsListener } from './applyFixture';

let h: Harness | undefined;
let fake: FakePhaxio | undefined;
afterEach(async () => {
  await h?.close();
  await fake?.close();
  h = undefined;
  fake = undefined;
});

async function refusal(work: Promise<unknown>): Promise<{ code: string; message: string; field?: string }> {
  try {
    await work;
  } catch (error) {
    if (isFaxError(error)) return { code: error.code, message: error.message, field: error.field };
    throw error;
  }
  throw new Error('expected a refusal');
}

const configText = async (h: Harness) => readFileSync((await h.engine.call('listPlugins', {})).configPath, 'utf8');

describe('applyPlugins refuses what cannot work, and changes nothing', () => {
  it('keeps the simulator when Phaxio refuses the secret, and says why', async () => {
    fake = await fakePhaxio();
    h = await pluginEngine();
    await configurePhaxio(h, fake, 'not-the-secret');
    const before = await configText(h);
    const failed = await refusal(h.engine.call('applyPlugins', { outbound: 'phaxio', acknowledgeWarnings: true }));
    expect(failed.code).toBe('provider_auth');
    expect(failed.message).toMatch(/^Nothing was changed: Phaxio did not pass its start-up check\./);
    expect(failed.message).toMatch(/API key|secret/i);
    expect((await h.engine.call('getStatus', {})).provider).toBe('simulator');
    expect((await h.engine.call('listPlugins', {})).slots).toMatchObject({ outbound: 'simulator', inbound: 'simulator' });
    expect(await configText(h)).toBe(before);
    // Faxes keep going through the simulator; none reached Phaxio.
    const job = await h.send('+12025550187');
    expect((await h.waitForJob(job.id, (j) => j.status === 'delivered')).provider).toBe('simulator');
    expect(fake.requests.filter((r) => r.startsWith('POST'))).toEqual([]);
  });

  it('refuses an unknown plugin, a plugin of the wrong kind and one whose settings are missing', async () => {
    h = await pluginEngine();
    expect(await refusal(h.engine.call('applyPlugins', { outbound: 'faxmaster', acknowledgeWarnings: true }))).toMatchObject({
      code: 'not_found',
      message: expect.stringMatching(/There is no plugin "faxmaster"/),
    });
    expect(await refusal(h.engine.call('applyPlugins', { outbound: 'local', acknowledgeWarnings: true }))).toMatchObject({
      code: 'invalid_input',
      field: 'outbound',
      message: expect.stringMatching(/This computer cannot fill the outbound slot/),
    });
    expect(await refusal(h.engine.call('applyPlugins', { storage: 'phaxio', acknowledgeWarnings: true }))).toMatchObject({
      code: 'invalid_input',
      field: 'storage',
    });
    const unconfigured = await refusal(h.engine.call('applyPlugins', { outbound: 'phaxio', acknowledgeWarnings: true }));
    expect(unconfigured).toMatchObject({ code: 'invalid_input', field: 'outbound' });
    expect(unconfigured.message).toMatch(/Phaxio is not ready to use/);
    expect((await h.engine.call('listPlugins', {})).slots).toMatchObject({ outbound: 'simulator', inbound: 'simulator', storage: 'local' });
  });

  it('refuses a slot the environment fixes, naming the variable', async () => {
    fake = await fakePhaxio();
    h = await pluginEngine({ FAX_BACKEND: 'simulator', STORAGE_BACKEND: 'local' });
    await configurePhaxio(h, fake);
    const locked = await refusal(h.engine.call('applyPlugins', { outbound: 'phaxio', acknowledgeWarnings: true }));
    expect(locked).toMatchObject({ code: 'locked_by_env', field: 'outbound' });
    expect(locked.message).toMatch(/FAX_BACKEND/);
    expect(await refusal(h.engine.call('applyPlugins', { storage: 's3', acknowledgeWarnings: true }))).toMatchObject({
      code: 'locked_by_env',
      message: expect.stringMatching(/STORAGE_BACKEND/),
    });
    // Inbound is not fixed by FAX_BACKEND: it can still be chosen on its own.
    const inbound = await h.engine.call('applyPlugins', { inbound: 'phaxio', acknowledgeWarnings: true });
    expect(inbound).toMatchObject({ applied: true, slots: { outbound: 'simulator', inbound: 'phaxio' } });
  });

  it("stops serving a swapped-out provider's webhook routes once nothing uses it", async () => {
    fake = await fakePhaxio();
    h = await pluginEngine();
    await configurePhaxio(h, fake);
    await publicUrlIsListener(h);
    await h.engine.call('applyPlugins', { outbound: 'phaxio', acknowledgeWarnings: true });
    const statusUrl = h.engine.webhooks.addressBook.urlFor('phaxio', 'status')!;
    const unsigned = await fetch(statusUrl, {
      method: 'POST',
      body: 'fax=%7B%7D',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(unsigned.status).not.toBe(404);
    const back = await h.engine.call('applyPlugins', { outbound: 'simulator', inbound: 'simulator', acknowledgeWarnings: true });
    expect(back.slots).toMatchObject({ outbound: 'simulator', inbound: 'simulator' });
    const gone = await fetch(statusUrl, {
      method: 'POST',
      body: 'fax=%7B%7D',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(gone.status).toBe(404);
  });

  it('keeps the outbound provider after a restart when only receiving was switched', async () => {
    fake = await fakePhaxio();
    h = await pluginEngine();
    await configurePhaxio(h, fake);
    const applied = await h.engine.call('applyPlugins', { inbound: 'phaxio', acknowledgeWarnings: true });
    expect(applied.slots).toMatchObject({ outbound: 'simulator', inbound: 'phaxio' });
    const dataDir = h.dataDir;
    await h.close();
    h = await pluginEngine({}, dataDir);
    expect((await h.engine.call('listPlugins', {})).slots).toMatchObject({ outbound: 'simulator', inbound: 'phaxio' });
    expect((await h.engine.call('getStatus', {})).provider).toBe('simulator');
  });

  it('checks changed settings of the active provider on Apply, and keeps the running one when they fail', async () => {
    fake = await fakePhaxio();
    h = await pluginEngine();
    await configurePhaxio(h, fake);
    await h.engine.call('applyPlugins', { outbound: 'phaxio', acknowledgeWarnings: true });
    const checks = () => fake!.requests.filter((r) => r === 'GET /account/status').length;
    expect(checks()).toBe(1);
    // Applying the same settings again builds nothing new: no second check.
    await h.engine.call('applyPlugins', { outbound: 'phaxio', acknowledgeWarnings: true });
    expect(checks()).toBe(1);
    // A saved wrong secret is caught by Apply; the running instance (right secret) keeps sending.
    await configurePhaxio(h, fake, 'not-the-secret');
    await expect(h.engine.call('applyPlugins', { outbound: 'phaxio', acknowledgeWarnings: true })).rejects.toMatchObject({
      code: 'provider_auth',
    });
    expect(checks()).toBe(2);
    const job = await h.send('+12025550100');
    expect(await h.waitForJob(job.id, (j) => j.status === 'delivered' || j.status === 'failed')).toMatchObject({
      status: 'delivered',
      provider: 'phaxio',
    });
  });
});
