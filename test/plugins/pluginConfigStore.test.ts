// The plugin config file: defaults when missing, defaults and a problem when broken (never a
// crash), every write validated first (nothing written on a refusal), the last N versions
// kept as timestamped backups, and a restore that is itself a validated, backed-up write.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PluginConfigStore, type PluginConfigFile } from '../../main/engine/plugins';
import { catalogFixture, NOTHING_ACTIVE, refusal } from './catalogFixture';

const version = (host: string): PluginConfigFile => ({
  version: 1,
  slots: { outbound: 'sip' },
  plugins: { sip: { settings: { amiHost: host, amiUsername: 'faxbot' } } },
});

describe('the plugin config file', () => {
  it('starts from the defaults when there is no file, with no problem', () => {
    const f = catalogFixture();
    expect(f.store.read()).toEqual({ version: 1, slots: {}, plugins: {} });
    expect(f.store.problem).toBeNull();
    expect(f.catalog.overview(NOTHING_ACTIVE).configProblem).toBeNull();
  });

  it.each([
    ['not JSON', '{"version": 1, "slots": {'],
    ['the wrong shape', JSON.stringify({ version: 1, providers: { outbound: { plugin: 'phaxio' } } })],
    ['a future version', JSON.stringify({ version: 2, slots: {}, plugins: {} })],
  ])('uses the defaults and says what is wrong when the file is %s', (_what, text) => {
    const f = catalogFixture();
    writeFileSync(f.configPath, text);
    const again = f.reopen();
    expect(again.store.read()).toEqual({ version: 1, slots: {}, plugins: {} });
    expect(again.store.problem).toMatch(/faxbot\.config\.json .*The defaults are used until it is saved again/);
    expect(again.catalog.overview(NOTHING_ACTIVE).configProblem).toBe(again.store.problem);
    // The next save keeps the broken file as a backup rather than losing it.
    again.catalog.saveSlots({ outbound: 'phaxio' });
    expect(readFileSync(join(f.folder, again.store.backups()[0]!.id), 'utf8')).toBe(text);
    expect(again.store.problem).toBeNull();
  });

  it('writes nothing when a version does not validate', () => {
    const f = catalogFixture();
    f.store.write(version('pbx1.lan'));
    const before = readFileSync(f.configPath, 'utf8');
    const bad = version('pbx2.lan');
    bad.plugins.sip!.settings.amiPort = 'high';
    bad.plugins.phaxio = { settings: { apiSecret: 'in the file!' } };
    const error = refusal(() => f.store.write(bad));
    expect(error.code).toBe('invalid_input');
    expect(error.fields).toEqual({
      'sip.amiPort': 'AMI port must be a whole number.',
      'phaxio.apiSecret': 'API secret is a secret: it is kept sealed, never in the config file.',
    });
    expect(refusal(() => f.store.write({ ...version('x'), slots: { outbound: 'local' } })).fields).toHaveProperty('slots.outbound');
    expect(
      refusal(() => f.store.write({ version: 1, slots: {}, plugins: { 'Bad Id': { settings: {} } } } as PluginConfigFile)).message,
    ).toMatch(/shape Faxbot writes/);
    expect(readFileSync(f.configPath, 'utf8')).toBe(before);
    expect(f.store.backups()).toHaveLength(0);
    expect(readdirSync(f.folder).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('keeps settings of a plugin that is gone as they are', () => {
    const f = catalogFixture();
    f.store.write({ version: 1, slots: {}, plugins: { 'old-http-fax': { settings: { anything: 1 } } } });
    expect(f.reopen().store.read().plugins['old-http-fax']).toEqual({ settings: { anything: 1 } });
  });

  it('keeps the last N versions as timestamped backups beside the file, newest first', () => {
    const f = catalogFixture();
    const store = new PluginConfigStore({ path: f.configPath, backups: 3 });
    store.setValidator(() => undefined);
    for (let i = 1; i <= 6; i++) store.write(version(`pbx${i}.lan`));
    const backups = store.backups();
    expect(backups).toHaveLength(3);
    for (const b of backups) expect(b.id).toMatch(/^faxbot\.config\.\d{8}T\d{9}Z(-\d+)?\.json$/);
    // The versions before the current one, newest first.
    expect(backups.map((b) => JSON.parse(readFileSync(join(f.folder, b.id), 'utf8')).plugins.sip.settings.amiHost)).toEqual([
      'pbx5.lan',
      'pbx4.lan',
      'pbx3.lan',
    ]);
    expect(backups.every((b) => b.bytes > 0 && !Number.isNaN(Date.parse(b.at)))).toBe(true);
    expect(readdirSync(f.folder).filter((n) => n.startsWith('faxbot.config.')).length).toBe(4);
  });

  it('restores a backup through a validated write that keeps the current one', () => {
    const f = catalogFixture();
    f.store.write(version('first.lan'));
    f.store.write(version('second.lan'));
    const [first] = f.store.backups();
    f.store.restore(first!.id);
    expect(f.store.read().plugins.sip!.settings.amiHost).toBe('first.lan');
    expect(JSON.parse(readFileSync(f.configPath, 'utf8')).plugins.sip.settings.amiHost).toBe('first.lan');
    expect(JSON.parse(readFileSync(join(f.folder, f.store.backups()[0]!.id), 'utf8')).plugins.sip.settings.amiHost).toBe('second.lan');
  });

  it('refuses to restore what is not a kept version, or one that no longer validates', () => {
    const f = catalogFixture();
    f.store.write(version('a.lan'));
    f.store.write(version('b.lan'));
    for (const id of ['nope.json', '../faxbot.config.json', 'faxbot.config.json', 'master.key'])
      expect(refusal(() => f.store.restore(id)).code).toBe('not_found');
    const [kept] = f.store.backups();
    writeFileSync(join(f.folder, kept!.id), JSON.stringify({ version: 1, slots: { outbound: 'documo' }, plugins: {} }));
    const before = readFileSync(f.configPath, 'utf8');
    expect(refusal(() => f.store.restore(kept!.id)).fields).toHaveProperty('slots.outbound');
    writeFileSync(join(f.folder, kept!.id), '{ half a file');
    expect(refusal(() => f.store.restore(kept!.id)).message).toMatch(/not valid JSON.*cannot be restored/);
    expect(readFileSync(f.configPath, 'utf8')).toBe(before);
  });

  it('sweeps temp files a killed writer left behind, and never leaves its own', () => {
    const f = catalogFixture();
    writeFileSync(join(f.folder, '.faxbot.config.json.abc123.tmp'), '{"half');
    writeFileSync(join(f.folder, '.faxbot.config.20260101T000000000Z.json.def456.tmp'), '{"half');
    const again = f.reopen();
    again.store.write(version('c.lan'));
    expect(readdirSync(f.folder).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});
