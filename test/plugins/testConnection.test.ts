// testPlugin ("Test connection") for each built-in plugin, good and bad, against the fakes:
// credentials at Phaxio and Sinch, the AMI login for Asterisk, a round trip for storage; a
// refused connection and a service that never answers; and bad arguments.
import { afterEach, describe, expect, it } from 'vitest';
import { isFaxError } from '../../shared/errors';
import { FAKE_AMI_USER, startFakeAmi, type FakeAmi } from '../fakes/ami';
import type { FakePhaxio } from '../fakes/phaxio';
import { startFakeSinch, type FakeSinch } from '../fakes/sinch';
import { tempSpool } from '../ami/sipFixture';
import { S3RVER_KEY, startFakeS3, type FakeS3 } from '../support/s3rver';
import type { Harness } from '../support/engineHarness';
import { PHAXIO, closedPort, configurePhaxio, fakePhaxio, pluginEngine, silentServer } from './applyFixture';

const PROJECT = { projectId: 'proj-5e1f', keyId: 'key-abc', keySecret: 'secret-xyz' };
const cleanup: (() => Promise<unknown>)[] = [];
let h: Harness;
afterEach(async () => {
  for (const undo of cleanup.splice(0).reverse()) await undo();
});

async function engine(env: Record<string, string> = {}): Promise<Harness> {
  h = await pluginEngine(env);
  cleanup.push(() => h.close());
  return h;
}
async function phaxio(): Promise<FakePhaxio> {
  const fake = await fakePhaxio();
  cleanup.push(() => fake.close());
  return fake;
}

async function refusal(
  work: Promise<unknown>,
): Promise<{ code: string; message: string; fields?: Record<string, string>; field?: string }> {
  try {
    await work;
  } catch (error) {
    if (isFaxError(error)) return { code: error.code, message: error.message, fields: error.fields, field: error.field };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('Test connection: Phaxio', () => {
  it('passes with the saved key and secret, and says what was checked', async () => {
    const fake = await phaxio();
    await engine();
    await configurePhaxio(h, fake);
    const result = await h.engine.call('testPlugin', { id: 'phaxio' });
    expect(result).toMatchObject({ ok: true, message: expect.stringMatching(/Phaxio works: the API key and secret were accepted/) });
    expect(fake.requests).toContain('GET /account/status');
  });

  it('fails with an unsaved wrong secret, says why, and never stores that secret', async () => {
    const fake = await phaxio();
    await engine();
    await configurePhaxio(h, fake);
    const wrong = await h.engine.call('testPlugin', { id: 'phaxio', settings: {}, secrets: { apiSecret: 'typo-secret' } });
    expect(wrong.ok).toBe(false);
    expect(wrong.message).toMatch(/^Phaxio failed its connection test: /);
    expect(wrong.message).toMatch(/API key|secret|credentials/i);
    // The saved secret is untouched: testing with it still passes.
    expect((await h.engine.call('testPlugin', { id: 'phaxio' })).ok).toBe(true);
  });

  it('fails on a refused connection, naming the problem', async () => {
    await engine();
    const port = await closedPort();
    const result = await h.engine.call('testPlugin', {
      id: 'phaxio',
      settings: { baseUrl: `http://127.0.0.1:${port}` },
      secrets: { apiKey: PHAXIO.apiKey, apiSecret: PHAXIO.apiSecret },
    });
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/^Phaxio failed its connection test: /);
  });

  it('gives up on a service that never answers, within the time limit', async () => {
    const silent = await silentServer();
    cleanup.push(() => silent.close());
    await engine({ FAXBOT_PLUGIN_CHECK_TIMEOUT_MS: '300' });
    const result = await h.engine.call('testPlugin', {
      id: 'phaxio',
      settings: { baseUrl: silent.url },
      secrets: { apiKey: PHAXIO.apiKey, apiSecret: PHAXIO.apiSecret },
    });
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/Phaxio did not answer within 300 ms/) });
  });

  it('refuses settings that do not fit the schema, field by field, and a field the environment fixes', async () => {
    await engine({ PHAXIO_BASE_URL: 'http://127.0.0.1:9' });
    const invalid = await refusal(
      h.engine.call('testPlugin', { id: 'phaxio', settings: { timeoutSeconds: 5 }, secrets: { apiKey: 'k', apiSecret: 's' } }),
    );
    expect(invalid.code).toBe('invalid_input');
    expect(Object.keys(invalid.fields ?? {})).toContain('timeoutSeconds');
    const locked = await refusal(
      h.engine.call('testPlugin', {
        id: 'phaxio',
        settings: { baseUrl: 'https://example.test' },
        secrets: { apiKey: 'k', apiSecret: 's' },
      }),
    );
    expect(locked).toMatchObject({ code: 'locked_by_env', field: 'baseUrl', message: expect.stringMatching(/PHAXIO_BASE_URL/) });
    expect(await refusal(h.engine.call('testPlugin', { id: 'faxmaster' }))).toMatchObject({ code: 'not_found' });
  });
});

describe('Test connection: Sinch', () => {
  async function fakeSinch(): Promise<FakeSinch> {
    const fake = await startFakeSinch({ ...PROJECT });
    cleanup.push(() => fake.close());
    return fake;
  }
  const settingsFor = (fake: FakeSinch) => ({ projectId: PROJECT.projectId, baseUrl: fake.url, authUrl: fake.authUrl });

  it('passes with the right access key and fails with a wrong secret', async () => {
    const fake = await fakeSinch();
    await engine();
    const good = await h.engine.call('testPlugin', {
      id: 'sinch',
      settings: settingsFor(fake),
      secrets: { apiKey: PROJECT.keyId, apiSecret: PROJECT.keySecret },
    });
    expect(good).toMatchObject({ ok: true, message: expect.stringMatching(/Sinch Fax works/) });
    const bad = await h.engine.call('testPlugin', {
      id: 'sinch',
      settings: settingsFor(fake),
      secrets: { apiKey: PROJECT.keyId, apiSecret: 'wrong' },
    });
    expect(bad.ok).toBe(false);
    expect(bad.message).toMatch(/^Sinch Fax failed its connection test: /);
  });

  it('fails when nothing listens at the address', async () => {
    await engine();
    const port = await closedPort();
    const result = await h.engine.call('testPlugin', {
      id: 'sinch',
      settings: { projectId: PROJECT.projectId, baseUrl: `http://127.0.0.1:${port}/v3`, authUrl: `http://127.0.0.1:${port}/oauth2/token` },
      secrets: { apiKey: PROJECT.keyId, apiSecret: PROJECT.keySecret },
    });
    expect(result.ok).toBe(false);
  });
});

describe('Test connection: Asterisk (SIP)', () => {
  async function fakeAmi(): Promise<{ ami: FakeAmi; spool: string }> {
    const spool = tempSpool();
    const ami = await startFakeAmi({ spoolDir: spool, authFailDelayMs: 0 });
    cleanup.push(() => ami.close());
    return { ami, spool };
  }

  it('passes the AMI login with the right password and fails with a wrong one', async () => {
    const { ami, spool } = await fakeAmi();
    await engine();
    const settings = { amiHost: '127.0.0.1', amiPort: ami.port, amiUsername: FAKE_AMI_USER.username, spoolDir: spool };
    const good = await h.engine.call('testPlugin', { id: 'sip', settings, secrets: { amiPassword: FAKE_AMI_USER.secret } });
    expect(good).toMatchObject({ ok: true, message: expect.stringMatching(/Asterisk accepted the AMI login/) });
    const bad = await h.engine.call('testPlugin', { id: 'sip', settings, secrets: { amiPassword: 'not-it' } });
    expect(bad.ok).toBe(false);
    expect(bad.message).toMatch(/^Asterisk \(SIP\) failed its connection test: /);
  });

  it('fails when Asterisk is not listening', async () => {
    await engine();
    const port = await closedPort();
    const result = await h.engine.call('testPlugin', {
      id: 'sip',
      settings: { amiHost: '127.0.0.1', amiPort: port, amiUsername: 'faxbot', spoolDir: tempSpool() },
      secrets: { amiPassword: 'x' },
    });
    expect(result.ok).toBe(false);
  });
});

describe('Test connection: storage and the simulator', () => {
  it('round-trips a test document on this computer, and the simulator needs nothing', async () => {
    await engine();
    expect(await h.engine.call('testPlugin', { id: 'local' })).toMatchObject({
      ok: true,
      message: expect.stringMatching(/wrote, read back and deleted a test document/),
    });
    expect(await h.engine.call('testPlugin', { id: 'simulator' })).toMatchObject({
      ok: true,
      message: expect.stringMatching(/needs no connection/),
    });
  });

  it('round-trips a test object in S3, and fails for a missing bucket or nothing listening', async () => {
    const s3: FakeS3 = await startFakeS3();
    cleanup.push(() => s3.close());
    await engine();
    const settings = { bucket: s3.bucket, region: 'us-east-1', endpointUrl: s3.endpoint, accessKeyId: S3RVER_KEY.accessKeyId };
    const good = await h.engine.call('testPlugin', { id: 's3', settings, secrets: { secretAccessKey: S3RVER_KEY.secretAccessKey } });
    expect(good).toMatchObject({ ok: true, message: expect.stringMatching(/in the bucket faxbot-docs/) });
    const port = await closedPort();
    // s3rver takes any key, so a bucket that is not there stands in for a refusal by S3.
    const noBucket = await h.engine.call('testPlugin', {
      id: 's3',
      settings: { ...settings, bucket: 'no-such-bucket' },
      secrets: { secretAccessKey: S3RVER_KEY.secretAccessKey },
    });
    expect(noBucket.ok).toBe(false);
    expect(noBucket.message).toMatch(/^Amazon S3 failed its storage test .*no-such-bucket/);
    const gone = await h.engine.call('testPlugin', {
      id: 's3',
      settings: { ...settings, endpointUrl: `http://127.0.0.1:${port}` },
      secrets: { secretAccessKey: S3RVER_KEY.secretAccessKey },
    });
    expect(gone.ok).toBe(false);
    expect(gone.message).toMatch(/^Amazon S3 failed its storage test/);
    // A setting sent as a secret is refused, not silently dropped.
    expect(await refusal(h.engine.call('testPlugin', { id: 's3', settings, secrets: { accessKeyId: 'x' } }))).toMatchObject({
      code: 'invalid_input',
      fields: { accessKeyId: expect.any(String) },
    });
  });
});
