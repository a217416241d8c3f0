// effectiveEnv: a plugin's saved settings and sealed secrets, as the variables the existing
// settings readers take — so they build a working provider unchanged.
import { afterEach, describe, expect, it } from 'vitest';
import { PhaxioProvider, phaxioSettingsFromEnv } from '../../main/engine/providers/phaxio';
import { sinchSettingsFromEnv } from '../../main/engine/providers/sinch';
import { sipSettingsFromEnv } from '../../main/engine/providers/sip';
import { s3SettingsFromEnv } from '../../main/engine/storage';
import { startFakePhaxio, type FakePhaxio } from '../fakes/phaxio';
import { makeTestPdf } from '../support/pdfs';
import { catalogFixture, quiet } from './catalogFixture';

const CREDENTIALS = { apiKey: 'key_live_plugins', apiSecret: 'secret_live_plugins', callbackToken: 'token-plugins' };
let fake: FakePhaxio | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

function phaxioFrom(env: Record<string, string | undefined>) {
  return new PhaxioProvider({
    ...phaxioSettingsFromEnv(env),
    addressBook: { urlFor: () => null },
    station: () => ({ number: '+12025550199', name: 'Front desk', headerText: '' }),
    logger: quiet,
    timeoutMs: 5_000,
  });
}

describe('effective settings build providers', () => {
  it('a Phaxio provider from saved settings and secrets sends a fax through the fake', async () => {
    fake = await startFakePhaxio(CREDENTIALS);
    const f = catalogFixture();
    f.catalog.save({
      id: 'phaxio',
      settings: { baseUrl: fake.url },
      secrets: { apiKey: CREDENTIALS.apiKey, apiSecret: CREDENTIALS.apiSecret, callbackToken: CREDENTIALS.callbackToken },
    });
    const provider = phaxioFrom(f.reopen().catalog.effectiveEnv('phaxio'));
    await provider.testConnection();
    const sent = await provider.send({
      idempotencyKey: 'job-1.1',
      jobId: 'job-1',
      to: '+12025550100',
      pdf: await makeTestPdf(1),
      pages: 1,
      from: { number: '+12025550199', name: 'Front desk', headerText: '' },
    });
    expect(sent.providerFaxId).toBeTruthy();
    expect(fake.faxes).toHaveLength(1);
  });

  it("a wrong saved secret fails the connection test with Phaxio's refusal", async () => {
    fake = await startFakePhaxio(CREDENTIALS);
    const f = catalogFixture();
    f.catalog.save({ id: 'phaxio', settings: { baseUrl: fake.url }, secrets: { apiKey: CREDENTIALS.apiKey, apiSecret: 'wrong' } });
    await expect(phaxioFrom(f.catalog.effectiveEnv('phaxio')).testConnection()).rejects.toMatchObject({ code: 'provider_auth' });
  });

  it('the environment still wins over the saved secret', async () => {
    fake = await startFakePhaxio(CREDENTIALS);
    const f = catalogFixture({ PHAXIO_API_SECRET: CREDENTIALS.apiSecret });
    f.catalog.save({ id: 'phaxio', settings: { baseUrl: fake.url }, secrets: { apiKey: CREDENTIALS.apiKey } });
    await phaxioFrom(f.catalog.effectiveEnv('phaxio')).testConnection();
  });

  it('the Sinch, Asterisk and S3 readers accept what is saved', () => {
    const f = catalogFixture();
    f.catalog.save({ id: 'sinch', settings: { projectId: 'proj-1', authMode: 'basic' }, secrets: { apiKey: 'kid', apiSecret: 'ks' } });
    expect(sinchSettingsFromEnv(f.catalog.effectiveEnv('sinch'))).toMatchObject({
      projectId: 'proj-1',
      keyId: 'kid',
      keySecret: 'ks',
      authMode: 'basic',
      baseUrl: 'https://fax.api.sinch.com/v3',
    });
    f.catalog.save({
      id: 'sip',
      settings: { amiHost: 'pbx.lan', amiPort: 5039, amiUsername: 'faxbot', amiAuth: 'plain' },
      secrets: { amiPassword: 'pw' },
    });
    expect(sipSettingsFromEnv(f.catalog.effectiveEnv('sip'))).toMatchObject({
      ami: { host: 'pbx.lan', port: 5039, username: 'faxbot', secret: 'pw', auth: 'plain' },
      trunk: 'fax-trunk',
      spoolDirRemote: '/var/spool/asterisk/faxbot',
    });
    f.catalog.save({
      id: 's3',
      settings: { bucket: 'fax-docs', prefix: 'faxbot/', clientSideEncryption: false, accessKeyId: 'AKIA1' },
      secrets: { secretAccessKey: 'sk' },
    });
    expect(s3SettingsFromEnv(f.catalog.effectiveEnv('s3'))).toMatchObject({
      bucket: 'fax-docs',
      prefix: 'faxbot/',
      region: 'us-east-1',
      clientSideEncryption: false,
      credentials: { accessKeyId: 'AKIA1', secretAccessKey: 'sk' },
    });
  });
});
