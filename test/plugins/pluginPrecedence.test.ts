// Environment > config file > schema defaults, for settings, secrets and slots; a field or
// slot the environment fixes shows locked with the variable's name and cannot be saved over.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogFixture, NOTHING_ACTIVE, refusal } from './catalogFixture';

describe('settings precedence', () => {
  it('takes schema defaults, then the config file, then the environment', () => {
    const f = catalogFixture();
    expect(f.catalog.view('sip', NOTHING_ACTIVE).settings).toMatchObject({ amiHost: '127.0.0.1', amiPort: 5038, trunk: 'fax-trunk' });
    f.catalog.save({
      id: 'sip',
      settings: { amiHost: 'pbx.office.lan', amiPort: 5039, amiUsername: 'faxbot' },
      secrets: { amiPassword: 'pw' },
    });
    expect(f.catalog.view('sip', NOTHING_ACTIVE).settings).toMatchObject({ amiHost: 'pbx.office.lan', amiPort: 5039, trunk: 'fax-trunk' });
    const withEnv = f.reopen({ ASTERISK_AMI_PORT: '6000', ASTERISK_AMI_PASSWORD: 'from-env' });
    const view = withEnv.catalog.view('sip', NOTHING_ACTIVE);
    expect(view.settings).toMatchObject({ amiHost: 'pbx.office.lan', amiPort: 6000 });
    expect(view.locked).toEqual({ amiPort: 'ASTERISK_AMI_PORT', amiPassword: 'ASTERISK_AMI_PASSWORD' });
    expect(view.secrets.amiPassword).toEqual({ set: true, from: 'env' });
    expect(withEnv.catalog.effectiveEnv('sip')).toMatchObject({
      ASTERISK_AMI_HOST: 'pbx.office.lan',
      ASTERISK_AMI_PORT: '6000',
      ASTERISK_AMI_PASSWORD: 'from-env',
      ASTERISK_TRUNK: 'fax-trunk',
    });
  });

  it('maps secrets from the sealed store onto their variables, below the environment', () => {
    const f = catalogFixture();
    f.catalog.save({ id: 'phaxio', settings: {}, secrets: { apiKey: 'stored-key', apiSecret: 'stored-secret' } });
    expect(f.catalog.effectiveEnv('phaxio')).toEqual({
      PHAXIO_API_KEY: 'stored-key',
      PHAXIO_API_SECRET: 'stored-secret',
      PHAXIO_CALLBACK_TOKEN: undefined,
      PHAXIO_BASE_URL: 'https://api.phaxio.com/v2.1',
    });
    expect(f.reopen({ PHAXIO_API_SECRET: 'env-secret' }).catalog.effectiveEnv('phaxio').PHAXIO_API_SECRET).toBe('env-secret');
  });

  it('refuses to save over a locked field with the variable named, and writes nothing', () => {
    const f = catalogFixture({ PHAXIO_BASE_URL: 'https://phaxio.test/v2.1' });
    f.catalog.save({ id: 'phaxio', settings: {}, secrets: { apiKey: 'k', apiSecret: 's' } });
    const before = readFileSync(f.configPath, 'utf8');
    const sealedBefore = readFileSync(f.secrets.path);
    const error = refusal(() =>
      f.catalog.save({ id: 'phaxio', settings: { baseUrl: 'https://elsewhere.test/' }, secrets: { apiKey: 'new' } }),
    );
    expect(error.code).toBe('locked_by_env');
    expect(error.fields).toEqual({ baseUrl: expect.stringContaining('environment variable PHAXIO_BASE_URL') });
    expect(readFileSync(f.configPath, 'utf8')).toBe(before);
    expect(readFileSync(f.secrets.path)).toEqual(sealedBefore);
    expect(f.secrets.get('phaxio', 'apiKey')).toBe('k');
  });

  it('accepts the locked value sent back unchanged (the form shows it), without storing it', () => {
    const f = catalogFixture({ ASTERISK_AMI_PORT: '6000' });
    f.catalog.save({ id: 'sip', settings: { amiPort: 6000, amiUsername: 'faxbot' }, secrets: { amiPassword: 'pw' } });
    expect(f.store.read().plugins.sip!.settings).toEqual({ amiUsername: 'faxbot' });
  });

  it('refuses a locked secret, whether set or cleared', () => {
    const f = catalogFixture({ PHAXIO_API_SECRET: 'env-secret' });
    for (const value of ['other', null]) {
      const error = refusal(() => f.catalog.save({ id: 'phaxio', settings: {}, secrets: { apiKey: 'k', apiSecret: value } }));
      expect(error.fields!.apiSecret).toMatch(/PHAXIO_API_SECRET/);
    }
  });

  it('refuses a secret sent as a setting, and a secret the plugin does not have', () => {
    const f = catalogFixture();
    const error = refusal(() => f.catalog.save({ id: 'phaxio', settings: { apiSecret: 'oops' }, secrets: { apiKey: 'k', pin: '1234' } }));
    expect(error.code).toBe('invalid_input');
    expect(error.fields).toMatchObject({
      apiSecret: expect.stringMatching(/is a secret/),
      pin: expect.stringMatching(/no secret called "pin"/),
    });
  });

  it('keeps a secret left out, clears one sent as null, replaces one sent as text', () => {
    const f = catalogFixture();
    f.catalog.save({ id: 'phaxio', settings: {}, secrets: { apiKey: 'k1', apiSecret: 's1', callbackToken: 't1' } });
    f.catalog.save({ id: 'phaxio', settings: {}, secrets: { apiKey: 'k2', callbackToken: null } });
    expect([f.secrets.get('phaxio', 'apiKey'), f.secrets.get('phaxio', 'apiSecret'), f.secrets.get('phaxio', 'callbackToken')]).toEqual([
      'k2',
      's1',
      null,
    ]);
    expect(f.catalog.view('phaxio', NOTHING_ACTIVE).secrets).toEqual({
      apiKey: { set: true, from: 'keychain' },
      apiSecret: { set: true, from: 'keychain' },
      callbackToken: { set: false, from: 'none' },
    });
  });
});

describe('slot precedence', () => {
  it('defaults to the simulator both ways and this computer for storage', () => {
    expect(catalogFixture().catalog.slots()).toEqual({ outbound: 'simulator', inbound: 'simulator', storage: 'local' });
  });

  it('lets outbound and inbound default to each other', () => {
    const f = catalogFixture();
    f.catalog.saveSlots({ outbound: 'phaxio' });
    expect(f.catalog.slots()).toEqual({ outbound: 'phaxio', inbound: 'phaxio', storage: 'local' });
    const g = catalogFixture();
    g.catalog.saveSlots({ inbound: 'sip' });
    expect(g.catalog.slots()).toEqual({ outbound: 'sip', inbound: 'sip', storage: 'local' });
    g.catalog.saveSlots({ outbound: 'sinch' });
    expect(g.catalog.slots()).toEqual({ outbound: 'sinch', inbound: 'sip', storage: 'local' });
  });

  it('lets FAX_BACKEND, FAX_INBOUND_BACKEND and STORAGE_BACKEND fix their slots, named', () => {
    const f = catalogFixture();
    f.catalog.saveSlots({ outbound: 'sinch', storage: 's3' });
    const env = f.reopen({ FAX_BACKEND: 'phaxio', FAX_INBOUND_BACKEND: 'sip', STORAGE_BACKEND: 'local' });
    expect(env.catalog.slots()).toEqual({ outbound: 'phaxio', inbound: 'sip', storage: 'local' });
    expect(env.catalog.lockedSlots()).toEqual({ outbound: 'FAX_BACKEND', inbound: 'FAX_INBOUND_BACKEND', storage: 'STORAGE_BACKEND' });
    expect(refusal(() => env.catalog.saveSlots({ outbound: 'sinch' })).fields!.outbound).toMatch(/FAX_BACKEND=phaxio/);
    expect(env.catalog.overview(NOTHING_ACTIVE).lockedSlots).toEqual({
      outbound: 'FAX_BACKEND',
      inbound: 'FAX_INBOUND_BACKEND',
      storage: 'STORAGE_BACKEND',
    });
  });

  it('refuses a slot naming no plugin, or a plugin of the wrong kind', () => {
    const f = catalogFixture();
    expect(refusal(() => f.catalog.saveSlots({ outbound: 'documo' })).fields).toEqual({
      'slots.outbound': 'There is no plugin "documo" to put in the outbound slot.',
    });
    expect(refusal(() => f.catalog.saveSlots({ storage: 'phaxio' })).fields).toEqual({
      'slots.storage': 'Phaxio cannot fill the storage slot; it fills outbound and inbound.',
    });
    expect(f.catalog.slots().storage).toBe('local');
  });

  it('ignores an environment slot naming no plugin, and says so', () => {
    const f = catalogFixture({ STORAGE_BACKEND: 'floppy' });
    expect(f.catalog.slots().storage).toBe('local');
    expect(f.catalog.overview(NOTHING_ACTIVE).configProblem).toMatch(/STORAGE_BACKEND=floppy names no storage plugin/);
  });
});
