// The Plugins tab's store against the real engine over the real HTTP bridge: the overview and
// its live updates, field messages from a refused save, secrets that never come back, Apply
// waiting on patient-data warnings, restoring a backup, and manifest import refusals.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPluginsStore, outcomeOf, type PluginsStore } from '../../renderer/src/screens/settings/pluginsStore';
import { startFakePhaxio, type FakePhaxio } from '../fakes/phaxio';
import { startDeskEngine, TRANSPORTS, type DeskEngine } from './deskEngine';

const PHAXIO = { apiKey: 'key_store_test', apiSecret: 'secret_store_test', callbackToken: 'store-test-token' };

describe.each(TRANSPORTS)('the Plugins tab store with the real engine over %s', { timeout: 60_000 }, (transport) => {
  let desk: DeskEngine;
  let fake: FakePhaxio;
  let store: PluginsStore;
  let stop: () => void;

  beforeAll(async () => {
    fake = await startFakePhaxio({ ...PHAXIO });
    desk = await startDeskEngine({ transport, config: { webhookPort: 0 } });
    store = createPluginsStore(desk.api);
    stop = desk.api.on('pluginsChanged', (overview) => store.getState().apply(overview));
    await store.getState().load();
  });
  afterAll(async () => {
    stop?.();
    await desk?.close();
    await fake?.close();
  });

  const view = (id: string) => store.getState().overview!.plugins.find((p) => p.manifest.id === id)!;

  it('loads every plugin and what fills each slot', () => {
    const { overview, loadError } = store.getState();
    expect(loadError).toBeNull();
    expect(overview!.slots).toEqual({ outbound: 'simulator', inbound: 'simulator', storage: 'local' });
    expect(overview!.plugins.map((p) => p.manifest.id)).toEqual(
      expect.arrayContaining(['simulator', 'phaxio', 'sinch', 'sip', 'local', 's3']),
    );
  });

  it('keeps the engine’s field messages under their fields when a save is refused, and saves nothing', async () => {
    const ok = await store
      .getState()
      .save('sip', { settings: { amiUsername: 'faxbot', amiPort: 70000, amiHost: 'pbx.example' }, secrets: { amiPassword: 'pw' } });
    expect(ok).toBe(false);
    const outcome = outcomeOf(store.getState(), 'sip');
    expect(outcome.fieldErrors.amiPort).toMatch(/\S/);
    expect(outcome.error).toMatch(/\S/);
    expect(outcome.busy).toBeNull();
    expect(view('sip').settings.amiHost).not.toBe('pbx.example');
  });

  it('saves settings and a secret; the secret comes back only as "set", and other windows hear of it', async () => {
    const heard = new Promise((resolve) => {
      const off = desk.api.on('pluginsChanged', (overview) => {
        off();
        resolve(overview);
      });
    });
    const ok = await store
      .getState()
      .save('sip', { settings: { amiUsername: 'faxbot', amiHost: 'pbx-one.example' }, secrets: { amiPassword: 'pw-never-shown-77' } });
    expect(ok).toBe(true);
    await heard;
    expect(outcomeOf(store.getState(), 'sip')).toMatchObject({ note: 'Saved.', error: null, fieldErrors: {} });
    expect(view('sip').settings.amiHost).toBe('pbx-one.example');
    expect(view('sip').secrets.amiPassword).toEqual({ set: true, from: 'keychain' });
    expect(JSON.stringify(store.getState().overview)).not.toContain('pw-never-shown-77');
    expect(JSON.stringify(await desk.api.listPlugins({}))).not.toContain('pw-never-shown-77');
  });

  it('restores the version before the last save from the backups', async () => {
    expect(await store.getState().save('sip', { settings: { amiUsername: 'faxbot', amiHost: 'pbx-two.example' }, secrets: {} })).toBe(true);
    expect(view('sip').settings.amiHost).toBe('pbx-two.example');
    await store.getState().loadBackups();
    const backups = store.getState().backups!;
    expect(backups.length).toBeGreaterThan(0);
    expect(await store.getState().restore(backups[0].id)).toBe(true);
    expect(store.getState().restoreNote).toBe('Restored the earlier settings.');
    expect(view('sip').settings.amiHost).toBe('pbx-one.example');
  });

  it('says in words when a backup to restore is not there', async () => {
    expect(await store.getState().restore('faxbot.config.19700101T000000Z.json')).toBe(false);
    expect(store.getState().backupsError).toMatch(/\S/);
  });

  it('fails Test with wrong Phaxio credentials and passes with the right ones, unsaved', async () => {
    await store.getState().test('phaxio', { settings: { baseUrl: fake.url }, secrets: { apiKey: PHAXIO.apiKey, apiSecret: 'wrong' } });
    const failed = outcomeOf(store.getState(), 'phaxio').test!;
    expect(failed.ok).toBe(false);
    expect(failed.message).toMatch(/\S/);
    expect(Number.isNaN(Date.parse(failed.checkedAt))).toBe(false);
    await store
      .getState()
      .test('phaxio', { settings: { baseUrl: fake.url }, secrets: { apiKey: PHAXIO.apiKey, apiSecret: PHAXIO.apiSecret } });
    expect(outcomeOf(store.getState(), 'phaxio').test!.ok).toBe(true);
    expect(view('phaxio').secrets.apiSecret.set).toBe(false); // a test saves nothing
  });

  it('holds Apply on its patient-data warnings: Cancel changes nothing, "Apply anyway" swaps the provider', async () => {
    expect(
      await store.getState().save('phaxio', {
        settings: { baseUrl: fake.url },
        secrets: { apiKey: PHAXIO.apiKey, apiSecret: PHAXIO.apiSecret, callbackToken: PHAXIO.callbackToken },
      }),
    ).toBe(true);
    await store.getState().applySlots('phaxio', { outbound: 'phaxio' });
    const pending = store.getState().pendingApply!;
    expect(pending.pluginId).toBe('phaxio');
    expect(pending.warnings.join(' ')).toMatch(/Phaxio/);
    store.getState().cancelApply();
    expect(store.getState().pendingApply).toBeNull();
    expect((await desk.api.listPlugins({})).slots.outbound).toBe('simulator');

    await store.getState().applySlots('phaxio', { outbound: 'phaxio' });
    await store.getState().confirmApply();
    expect(store.getState().pendingApply).toBeNull();
    expect(outcomeOf(store.getState(), 'phaxio')).toMatchObject({ error: null, busy: null });
    expect(store.getState().overview!.slots.outbound).toBe('phaxio');
    expect((await desk.api.getStatus({})).provider).toBe('phaxio');
  });

  it('refuses a manifest file that is not JSON, and says importing is off without FEATURE_PLUGIN_INSTALL', async () => {
    expect(store.getState().overview!.pluginInstallEnabled).toBe(false);
    expect(await store.getState().importManifest('{"id": "acme-fax",')).toBe(false);
    expect(store.getState().importError).toMatch(/not JSON/);
    expect(await store.getState().importManifest(JSON.stringify({ id: 'acme-fax', name: 'Acme Fax' }))).toBe(false);
    expect(store.getState().importError).toMatch(/\S/);
    expect(store.getState().importError).not.toMatch(/not JSON/);
  });
});

describe.each(TRANSPORTS)('a broken plugin registry file over %s', { timeout: 60_000 }, (transport) => {
  let desk: DeskEngine;
  let folder: string;
  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'faxbot-registry-'));
    writeFileSync(join(folder, 'plugin_registry.json'), '{ "items": [ oops');
    desk = await startDeskEngine({ transport, config: { webhookPort: 0, pluginRegistryPath: join(folder, 'plugin_registry.json') } });
  });
  afterAll(async () => {
    await desk?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('is reported, with the built-in list in use, for the tab to show', async () => {
    const store = createPluginsStore(desk.api);
    await store.getState().load();
    const { registry, plugins } = store.getState().overview!;
    expect(registry.source).toBe('builtin');
    expect(registry.problem).toMatch(/\S/);
    expect(plugins.map((p) => p.manifest.id)).toContain('phaxio');
  });
});
