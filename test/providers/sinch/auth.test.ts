import { afterEach, describe, expect, it } from 'vitest';
import { FaxError } from '../../../shared/errors';
import { SinchProvider, sinchSettingsFromEnv } from '../../../main/engine/providers/sinch';
import { CALLBACK, PROJECT, startSinchPair, type SinchPair } from './sinchFixture';
import { testLogger } from '../../support/testLog';

let pair: SinchPair | undefined;
afterEach(async () => {
  await pair?.close();
  pair = undefined;
});

const expectFaxError = async (promise: Promise<unknown>, code: string) => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FaxError);
  expect((error as FaxError).code).toBe(code);
  return error as FaxError;
};

describe('Sinch OAuth2 client credentials', () => {
  it('fetches one token and reuses it for later calls', async () => {
    pair = await startSinchPair();
    await pair.provider.testConnection();
    await pair.provider.testConnection();
    await pair.provider.lookup('J-1.1');
    expect(pair.fake.controls.tokensIssued).toBe(1);
  });

  it('fetches one token for many calls made at once', async () => {
    pair = await startSinchPair();
    await Promise.all(Array.from({ length: 8 }, () => pair!.provider.testConnection()));
    expect(pair.fake.controls.tokensIssued).toBe(1);
  });

  it('refreshes the token before it expires, without waiting for a 401', async () => {
    pair = await startSinchPair({ tokenTtlSeconds: 3600 });
    await pair.provider.testConnection();
    pair.clock.now += 3600_000 - 30_000; // inside the last minute of the token's life
    await pair.provider.testConnection();
    expect(pair.fake.controls.tokensIssued).toBe(2);
    expect(pair.provider.auth.fetched).toBe(2);
  });

  it('refreshes once and retries when Sinch says the token expired', async () => {
    pair = await startSinchPair();
    await pair.provider.testConnection();
    pair.fake.controls.expireTokens();
    await pair.provider.testConnection();
    expect(pair.fake.controls.tokensIssued).toBe(2);
  });

  it('gives up after one refresh when Sinch keeps refusing', async () => {
    pair = await startSinchPair();
    await pair.provider.testConnection();
    pair.fake.controls.failNext(
      'services',
      { status: 401, headers: { 'www-authenticate': 'Bearer error="invalid_token", error_description="token expired"' } },
      5,
    );
    const error = await expectFaxError(pair.provider.testConnection(), 'provider_auth');
    expect(error.message).toMatch(/SINCH_API_KEY/);
    expect(pair.fake.controls.tokensIssued).toBe(2);
  });

  it('says the access key is wrong when the token endpoint refuses it', async () => {
    pair = await startSinchPair({ keySecret: 'not-the-secret' });
    const error = await expectFaxError(pair.provider.testConnection(), 'provider_auth');
    expect(error.message).toMatch(/SINCH_API_SECRET/);
  });

  it('retries later when the token endpoint is rate limited (429 without Retry-After)', async () => {
    pair = await startSinchPair();
    pair.fake.controls.failNext('token', { status: 429, body: '' });
    const error = await expectFaxError(pair.provider.testConnection(), 'provider_unavailable');
    expect(error.retryable).toBe(true);
    await pair.provider.testConnection();
  });

  it('refuses a token reply without an access token', async () => {
    pair = await startSinchPair();
    pair.fake.controls.failNext('token', { status: 200, body: '{"token_type":"bearer"}', headers: { 'content-type': 'application/json' } });
    await expectFaxError(pair.provider.testConnection(), 'provider_error');
  });

  it('uses Basic auth for a test project, with no token at all', async () => {
    pair = await startSinchPair({ authMode: 'basic' });
    await pair.provider.testConnection();
    expect(pair.fake.controls.tokensIssued).toBe(0);
  });

  it('reports wrong credentials from a 401 with an empty body', async () => {
    pair = await startSinchPair({ authMode: 'basic', keySecret: 'wrong' });
    await expectFaxError(pair.provider.testConnection(), 'provider_auth');
  });

  it('reports a project that is not ours as wrong credentials', async () => {
    pair = await startSinchPair();
    const other = new SinchProvider({
      baseUrl: pair.fake.url,
      authUrl: pair.fake.authUrl,
      ...PROJECT,
      projectId: 'someone-else',
      authMode: 'oauth',
      addressBook: { urlFor: () => null },
      callbackCredentials: CALLBACK,
      logger: testLogger('error'),
    });
    const error = await expectFaxError(other.testConnection(), 'provider_auth');
    expect(error.message).toMatch(/SINCH_PROJECT_ID/);
  });

  it('says Sinch cannot be reached when nothing listens', async () => {
    const provider = new SinchProvider({
      baseUrl: 'http://127.0.0.1:9/v3',
      authUrl: 'http://127.0.0.1:9/oauth2/token',
      ...PROJECT,
      authMode: 'oauth',
      addressBook: { urlFor: () => null },
      callbackCredentials: CALLBACK,
      logger: testLogger('error'),
    });
    const error = await expectFaxError(provider.testConnection(), 'provider_unavailable');
    expect(error.retryable).toBe(true);
  });
});

describe('sinchSettingsFromEnv', () => {
  const env = { SINCH_PROJECT_ID: 'p', SINCH_API_KEY: 'k', SINCH_API_SECRET: 's' };

  it('uses the documented defaults', () => {
    expect(sinchSettingsFromEnv(env)).toEqual({
      projectId: 'p',
      keyId: 'k',
      keySecret: 's',
      baseUrl: 'https://fax.api.sinch.com/v3',
      authUrl: 'https://auth.sinch.com/oauth2/token',
      authMode: 'oauth',
    });
  });

  it.each(['SINCH_PROJECT_ID', 'SINCH_API_KEY', 'SINCH_API_SECRET'])('names %s when it is missing or blank', (name) => {
    for (const value of [undefined, '', '   ']) {
      try {
        sinchSettingsFromEnv({ ...env, [name]: value });
        expect.unreachable();
      } catch (error) {
        expect((error as FaxError).code).toBe('invalid_input');
        expect((error as FaxError).message).toContain(name);
      }
    }
  });

  it.each([
    ['SINCH_BASE_URL', 'not a url'],
    ['SINCH_BASE_URL', 'ftp://fax.example/v3'],
    ['SINCH_AUTH_URL', '::::'],
    ['SINCH_AUTH_MODE', 'kerberos'],
  ])('refuses %s=%s, naming the variable', (name, value) => {
    expect(() => sinchSettingsFromEnv({ ...env, [name]: value })).toThrow(name);
  });

  it('takes base URLs (trailing slash dropped) and Basic mode from the environment', () => {
    const settings = sinchSettingsFromEnv({
      ...env,
      SINCH_BASE_URL: 'http://127.0.0.1:1234/v3/',
      SINCH_AUTH_URL: 'http://127.0.0.1:1234/oauth2/token',
      SINCH_AUTH_MODE: 'BASIC',
    });
    expect(settings).toMatchObject({
      baseUrl: 'http://127.0.0.1:1234/v3',
      authUrl: 'http://127.0.0.1:1234/oauth2/token',
      authMode: 'basic',
    });
  });
});
