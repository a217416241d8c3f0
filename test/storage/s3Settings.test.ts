// S3_* variables: each bad value is refused at start-up, naming the variable and the fix.
import { describe, expect, it } from 'vitest';
import { normaliseS3Prefix, s3SettingsFromEnv } from '../../main/engine/storage/s3Settings';

const base = { S3_BUCKET: 'faxbot-docs' };
const refused = (env: Record<string, string>) => {
  try {
    s3SettingsFromEnv(env);
  } catch (error) {
    return error as { code: string; field: string; message: string };
  }
  throw new Error(`accepted ${JSON.stringify(env)}`);
};

describe('S3 settings from the environment', () => {
  it('reads a full AWS configuration, with SSE-KMS and credentials from this environment', () => {
    const settings = s3SettingsFromEnv({
      ...base,
      S3_PREFIX: '/clinic//faxes',
      S3_REGION: 'eu-central-1',
      S3_KMS_KEY_ID: 'arn:aws:kms:eu-central-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'secret',
    });
    expect(settings).toMatchObject({
      bucket: 'faxbot-docs',
      prefix: 'clinic/faxes/',
      region: 'eu-central-1',
      clientSideEncryption: true,
      serverSideEncryption: true,
      credentials: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'secret' },
    });
    expect(settings.kmsKeyId).toMatch(/^arn:aws:kms/);
    expect(settings.endpoint).toBeUndefined();
  });

  it('defaults to us-east-1 (or AWS_REGION), no prefix, the SDK credential chain, and client-side encryption on', () => {
    const settings = s3SettingsFromEnv(base);
    expect(settings).toMatchObject({ region: 'us-east-1', prefix: '', clientSideEncryption: true, maxAttempts: 4 });
    expect(settings.credentials).toBeUndefined();
    expect(s3SettingsFromEnv({ ...base, AWS_REGION: 'ap-southeast-2' }).region).toBe('ap-southeast-2');
    expect(s3SettingsFromEnv({ ...base, S3_CLIENT_SIDE_ENCRYPTION: 'false' }).clientSideEncryption).toBe(false);
  });

  it('accepts an S3-compatible endpoint and its own region names', () => {
    const settings = s3SettingsFromEnv({ ...base, S3_ENDPOINT_URL: 'http://127.0.0.1:9000/', S3_REGION: 'garage' });
    expect(settings).toMatchObject({ endpoint: 'http://127.0.0.1:9000', region: 'garage' });
  });

  it('refuses a missing or malformed bucket name', () => {
    expect(refused({})).toMatchObject({
      code: 'invalid_input',
      field: 'S3_BUCKET',
      message: expect.stringMatching(/STORAGE_BACKEND=s3 needs S3_BUCKET/),
    });
    for (const bucket of ['s3://faxbot', 'Faxbot', 'ab', 'a'.repeat(64), '-faxbot', 'fax..bot', 'https://bucket.s3.amazonaws.com']) {
      expect(refused({ S3_BUCKET: bucket })).toMatchObject({
        code: 'invalid_input',
        field: 'S3_BUCKET',
        message: expect.stringMatching(/is not a bucket name: names are 3 to 63/),
      });
    }
  });

  it('refuses an endpoint that is not an http(s) URL of a store', () => {
    for (const [value, says] of [
      ['not a url', /is not a URL/],
      ['ftp://files.example.com', /must start with https:\/\//],
      ['s3.example.com', /is not a URL|must start with https/],
      ['https://user:pw@s3.example.com', /must not hold credentials/],
      ['https://s3.example.com/?x=1', /must not have a \?query/],
    ] as const) {
      expect(refused({ ...base, S3_ENDPOINT_URL: value })).toMatchObject({
        code: 'invalid_input',
        field: 'S3_ENDPOINT_URL',
        message: expect.stringMatching(says),
      });
    }
  });

  it('refuses a region that is not one', () => {
    for (const region of ['us east 1', 'useast1', 'eu-central', 'https://s3.amazonaws.com', '../x']) {
      expect(refused({ ...base, S3_REGION: region })).toMatchObject({
        code: 'invalid_input',
        field: 'S3_REGION',
        message: expect.stringMatching(/is not an AWS region: use the bucket's region/),
      });
    }
    expect(refused({ ...base, AWS_REGION: 'moon' })).toMatchObject({ field: 'AWS_REGION' });
    expect(refused({ ...base, S3_ENDPOINT_URL: 'http://127.0.0.1:9000', S3_REGION: 'not a region!' })).toMatchObject({
      field: 'S3_REGION',
      message: expect.stringMatching(/S3-compatible store expects/),
    });
  });

  it('refuses a half-set credential pair, a bad KMS key, a bad prefix and a bad on/off value', () => {
    expect(refused({ ...base, AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE' })).toMatchObject({
      field: 'AWS_SECRET_ACCESS_KEY',
      message: expect.stringMatching(/need both AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or neither/),
    });
    expect(refused({ ...base, AWS_SECRET_ACCESS_KEY: 'secret' })).toMatchObject({ field: 'AWS_ACCESS_KEY_ID' });
    expect(refused({ ...base, S3_KMS_KEY_ID: 'my key; drop' })).toMatchObject({
      field: 'S3_KMS_KEY_ID',
      message: expect.stringMatching(/not a KMS key/),
    });
    expect(refused({ ...base, S3_PREFIX: 'faxes/../other' })).toMatchObject({
      field: 'S3_PREFIX',
      message: expect.stringMatching(/"\." or "\.\." folder/),
    });
    expect(refused({ ...base, S3_PREFIX: 'faxes\\in' })).toMatchObject({ field: 'S3_PREFIX' });
    expect(refused({ ...base, S3_PREFIX: 'faxes\nin' })).toMatchObject({
      field: 'S3_PREFIX',
      message: expect.stringMatching(/control character/),
    });
    expect(refused({ ...base, S3_PREFIX: 'a'.repeat(901) })).toMatchObject({
      field: 'S3_PREFIX',
      message: expect.stringMatching(/longer than 900 bytes/),
    });
    expect(refused({ ...base, S3_CLIENT_SIDE_ENCRYPTION: 'maybe' })).toMatchObject({
      field: 'S3_CLIENT_SIDE_ENCRYPTION',
      message: expect.stringMatching(/true or false/),
    });
  });

  it('normalises the prefix to folder form', () => {
    expect(normaliseS3Prefix(undefined)).toBe('');
    expect(normaliseS3Prefix('  ')).toBe('');
    expect(normaliseS3Prefix('/')).toBe('');
    expect(normaliseS3Prefix('faxbot')).toBe('faxbot/');
    expect(normaliseS3Prefix('/a//b/')).toBe('a/b/');
  });
});
