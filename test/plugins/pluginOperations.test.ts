// The plugin operations through a real engine: listPlugins, savePluginConfig (field errors
// in the shape every settings form reads, pluginsChanged after each change), the backups
// and restoring one; FAXBOT_CONFIG_PATH, and an engine that starts on a broken file.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PluginsOverview } from '../../shared/plugins';
import { startEngine, type Harness } from '../support/engineHarness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function engineWith(env: Record<string, string> = {}, overrides: Record<string, unknown> = {}) {
  h = await startEngine({ env, ...overrides });
  const changes: PluginsOverview[] = [];
  h.engine.on((event, payload) => event === 'pluginsChanged' && changes.push(payload as PluginsOverview));
  return { h, changes };
}

async function failure(promise: Promise<unknown>) {
  return promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (error: { code: string; message: string; fields?: Record<string, string> }) => error,
  );
}

describe('plugin operations', () => {
  it('lists every plugin, the slots, the registry and where the config file is', async () => {
    const { h } = await engineWith();
    const overview = await h.engine.call('listPlugins', {});
    expect(overview.plugins.map((p) => [p.manifest.id, p.status])).toEqual([
      ['simulator', 'active'],
      ['phaxio', 'available'],
      ['sinch', 'available'],
      ['sip', 'available'],
      ['local', 'active'],
      ['s3', 'available'],
    ]);
    expect(overview.slots).toEqual({ outbound: 'simulator', inbound: 'simulator', storage: 'local' });
    expect(overview.registry).toMatchObject({ source: 'file', problem: null });
    expect(overview.configPath).toBe(join(h.dataDir, 'faxbot.config.json'));
    expect(overview.pluginInstallEnabled).toBe(false);
  });

  it('saves, announces pluginsChanged, and keeps the previous version as a backup', async () => {
    const { h, changes } = await engineWith();
    const view = await h.engine.call('savePluginConfig', {
      id: 'sip',
      settings: { amiHost: 'pbx.lan', amiUsername: 'faxbot' },
      secrets: { amiPassword: 'pw' },
    });
    expect(view).toMatchObject({
      status: 'configured',
      settings: { amiHost: 'pbx.lan' },
      secrets: { amiPassword: { set: true, from: 'keychain' } },
    });
    expect(changes).toHaveLength(1);
    expect(changes[0]!.plugins.find((p) => p.manifest.id === 'sip')!.settings.amiHost).toBe('pbx.lan');
    expect(await h.engine.call('listConfigBackups', {})).toEqual([]);
    await h.engine.call('savePluginConfig', { id: 'sip', settings: { amiHost: 'pbx2.lan', amiUsername: 'faxbot' } });
    const backups = await h.engine.call('listConfigBackups', {});
    expect(backups).toHaveLength(1);
    const restored = await h.engine.call('restoreConfigBackup', { id: backups[0]!.id });
    expect(restored.plugins.find((p) => p.manifest.id === 'sip')!.settings.amiHost).toBe('pbx.lan');
    expect(changes).toHaveLength(3);
    expect(await h.engine.call('listConfigBackups', {})).toHaveLength(2);
  });

  it('refuses bad settings with per-field messages and writes nothing', async () => {
    const { h, changes } = await engineWith();
    const error = await failure(h.engine.call('savePluginConfig', { id: 'sip', settings: { amiPort: 0, amiAuth: 'sha1' }, secrets: {} }));
    expect(error.code).toBe('invalid_input');
    expect(error.fields).toEqual({
      amiPort: 'AMI port must be from 1 to 65535.',
      amiAuth: 'AMI sign-in must be one of: md5, plain.',
      amiUsername: 'Asterisk (SIP) needs AMI user name.',
      amiPassword: 'Asterisk (SIP) needs AMI password.',
    });
    expect(existsSync(join(h.dataDir, 'faxbot.config.json'))).toBe(false);
    expect(changes).toEqual([]);
    expect((await failure(h.engine.call('savePluginConfig', { id: 'documo', settings: {} }))).code).toBe('not_found');
    expect((await failure(h.engine.call('restoreConfigBackup', { id: 'faxbot.config.20260101T000000000Z.json' }))).code).toBe('not_found');
  });

  it('refuses a locked field naming the variable', async () => {
    const { h } = await engineWith({ ASTERISK_AMI_HOST: 'pbx.env.lan' });
    const error = await failure(
      h.engine.call('savePluginConfig', {
        id: 'sip',
        settings: { amiHost: 'other.lan', amiUsername: 'faxbot' },
        secrets: { amiPassword: 'pw' },
      }),
    );
    expect(error.code).toBe('locked_by_env');
    expect(error.message).toMatch(/ASTERISK_AMI_HOST/);
  });

  it('writes the file FAXBOT_CONFIG_PATH names', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'faxbot-cfgpath-')), 'office.json');
    const { h } = await engineWith({ FAXBOT_CONFIG_PATH: path });
    expect((await h.engine.call('listPlugins', {})).configPath).toBe(path);
    await h.engine.call('savePluginConfig', {
      id: 'phaxio',
      settings: { baseUrl: 'https://phaxio.test/v2.1' },
      secrets: { apiKey: 'k', apiSecret: 's' },
    });
    expect(JSON.parse(readFileSync(path, 'utf8')).plugins.phaxio.settings).toEqual({ baseUrl: 'https://phaxio.test/v2.1' });
  });

  it('starts on a broken config file and a broken registry, and says what is wrong', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'faxbot-broken-'));
    writeFileSync(join(dataDir, 'faxbot.config.json'), '{"version": 1, "slots"');
    const registryPath = join(dataDir, 'registry.json');
    writeFileSync(registryPath, 'not json');
    h = await startEngine({ env: {}, pluginRegistryPath: registryPath }, dataDir);
    const overview = await h.engine.call('listPlugins', {});
    expect(overview.configProblem).toMatch(/faxbot\.config\.json is not valid JSON/);
    expect(overview.registry).toMatchObject({
      source: 'builtin',
      path: registryPath,
      problem: expect.stringMatching(/is broken: it is not valid JSON/),
    });
    expect(overview.plugins).toHaveLength(6);
  });
});
