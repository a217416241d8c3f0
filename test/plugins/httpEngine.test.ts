// A real engine with the HTTPFax manifest imported, configured, tested and applied as the
// outbound provider: a fax goes out through the fake service and is tracked to the end.
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTTPFAX_BUSY_ERROR, HTTPFAX_BUSY_NUMBER, startFakeHttpFax, type FakeHttpFax } from '../fakes/httpfax';
import { startEngine, type Harness } from '../support/engineHarness';
import { FIXTURE_TOKEN, manifestOnFake } from './httpManifestSupport';

const INSTALL_ON = { FEATURE_PLUGIN_INSTALL: 'true', FAXBOT_STATUS_POLL_MS: '50' };

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, 'expected a refusal').toBeTruthy();
  return error as { code: string; message: string; fields?: Record<string, string> };
}

describe('an engine with an imported HTTP provider', () => {
  let fake: FakeHttpFax;
  let h: Harness;
  const dataDir = mkdtempSync(join(tmpdir(), 'faxbot-httpfax-'));

  beforeAll(async () => {
    fake = await startFakeHttpFax({ token: FIXTURE_TOKEN });
    h = await startEngine({ env: INSTALL_ON }, dataDir);
  });
  afterAll(async () => {
    await h?.close();
    await fake?.close();
  });

  it('imports, configures, tests and applies the manifest, then sends a fax through it to delivered', async () => {
    const imported = await h.engine.call('importPluginManifest', { manifest: manifestOnFake(fake.url) });
    expect(imported.manifest).toMatchObject({
      id: 'httpfax',
      source: 'manifest',
      kinds: ['outbound'],
      capabilities: ['send', 'status', 'cancel'],
    });
    expect(imported.secrets.api_token).toEqual({ set: false, from: 'none' });
    expect(readdirSync(join(dataDir, 'plugins'))).toContain('httpfax.json');

    const wrong = await h.engine.call('testPlugin', { id: 'httpfax', secrets: { api_token: 'hf_wrong' } });
    expect(wrong.ok).toBe(false);
    expect(wrong.message).toContain('refused the credentials');

    const saved = await h.engine.call('savePluginConfig', {
      id: 'httpfax',
      settings: { caller_id: '+15555550100' },
      secrets: { api_token: FIXTURE_TOKEN },
    });
    expect(saved.secrets.api_token).toEqual({ set: true, from: 'keychain' });
    expect((await h.engine.call('testPlugin', { id: 'httpfax' })).ok).toBe(true);

    const applied = await h.engine.call('applyPlugins', { outbound: 'httpfax', acknowledgeWarnings: true });
    expect(applied).toMatchObject({ applied: true, slots: { outbound: 'httpfax' } });

    const job = await h.send('+12025550199', { pages: 2 });
    const done = await h.waitForJob(job.id, (j) => j.status === 'delivered' || j.status === 'failed');
    expect(done.status).toBe('delivered');
    expect(fake.faxes.find((f) => f.reference?.startsWith(job.id))).toMatchObject({ to: '+12025550199', status: 'delivered', pages: 2 });
    // The token is sealed: neither the manifest file nor the config file holds it.
    expect(readFileSync(join(dataDir, 'plugins', 'httpfax.json'), 'utf8')).not.toContain(FIXTURE_TOKEN);
    expect(readFileSync(join(dataDir, 'faxbot.config.json'), 'utf8')).not.toContain(FIXTURE_TOKEN);
  });

  it("ends a fax the service cannot deliver as failed, with the service's words", async () => {
    const job = await h.send(HTTPFAX_BUSY_NUMBER);
    const done = await h.waitForJob(job.id, (j) => j.status === 'failed' || j.status === 'delivered');
    expect(done.status).toBe('failed');
    expect(done.lastError?.message).toContain(HTTPFAX_BUSY_ERROR);
  });

  it('finds a fax whose accept answer was lost by its key, and never sends it twice', async () => {
    fake.failNext('drop-after-accept');
    const job = await h.send('+12025550197');
    const done = await h.waitForJob(job.id, (j) => j.status === 'delivered' || j.status === 'failed');
    expect(done.status).toBe('delivered');
    expect(fake.faxes.filter((f) => f.reference?.startsWith(`${job.id}.`))).toHaveLength(1);
  });

  it('refuses to remove the manifest while it is the outbound provider', async () => {
    const error = await refusal(h.engine.call('removePluginManifest', { id: 'httpfax' }));
    expect(error.code).toBe('wrong_state');
    expect(error.message).toContain('httpfax is the outbound provider');
    expect(readdirSync(join(dataDir, 'plugins'))).toContain('httpfax.json');
  });

  it('refuses a manifest that takes the id of a built-in plugin, or fails its checks', async () => {
    const clash = await refusal(
      h.engine.call('importPluginManifest', { manifest: manifestOnFake(fake.url, (m) => void (m.id = 'phaxio')) }),
    );
    expect(clash.message).toContain('belongs to a plugin built into Faxbot');
    const bad = await refusal(
      h.engine.call('importPluginManifest', {
        manifest: manifestOnFake(fake.url, (m) => void (m.actions.send_fax.url = 'https://collector.evil.example/v1/faxes')),
      }),
    );
    expect(bad.fields?.['actions.send_fax.url']).toContain('collector.evil.example is not in allowed_domains');
    expect(readdirSync(join(dataDir, 'plugins')).sort()).toEqual(['httpfax.json']);
  });

  it('removes an imported manifest that fills no slot, and it leaves the plugin list', async () => {
    const other = manifestOnFake(fake.url, (m) => {
      m.id = 'otherfax';
      delete m.settingsSchema.properties.api_token!['x-env'];
    });
    await h.engine.call('importPluginManifest', { manifest: other });
    expect((await h.engine.call('listPlugins', {})).plugins.map((p) => p.manifest.id)).toContain('otherfax');
    expect(await h.engine.call('removePluginManifest', { id: 'otherfax' })).toEqual({ ok: true });
    expect((await h.engine.call('listPlugins', {})).plugins.map((p) => p.manifest.id)).not.toContain('otherfax');
    expect((await refusal(h.engine.call('removePluginManifest', { id: 'otherfax' }))).code).toBe('not_found');
    expect((await refusal(h.engine.call('removePluginManifest', { id: 'phaxio' }))).code).toBe('wrong_state');
  });

  it('starts again after a restart with the imported provider still sending', async () => {
    await h.close();
    h = await startEngine({ env: INSTALL_ON }, dataDir);
    const overview = await h.engine.call('listPlugins', {});
    expect(overview.slots.outbound).toBe('httpfax');
    const job = await h.send('+12025550198');
    expect((await h.waitForJob(job.id, (j) => j.status === 'delivered' || j.status === 'failed')).status).toBe('delivered');
  });
});

describe('importing with FEATURE_PLUGIN_INSTALL off', () => {
  it('refuses, and says how to turn it on', async () => {
    const fake = await startFakeHttpFax({ token: FIXTURE_TOKEN });
    const h = await startEngine({ env: {} });
    try {
      const error = await refusal(h.engine.call('importPluginManifest', { manifest: manifestOnFake(fake.url) }));
      expect(error.code).toBe('feature_off');
      expect(error.message).toContain('FEATURE_PLUGIN_INSTALL=true');
      expect((await h.engine.call('listPlugins', {})).pluginInstallEnabled).toBe(false);
    } finally {
      await h.close();
      await fake.close();
    }
  });
});
