// Each plugin's JSON Schema: described for a person, secrets marked, the variables the
// settings readers really read, their defaults; and what a form gets back for bad values.
import { describe, expect, it } from 'vitest';
import { BUILTIN_PLUGINS } from '../../main/engine/plugins';
import { PHAXIO_DEFAULT_BASE_URL } from '../../main/engine/providers/phaxio/settings';
import { SINCH_DEFAULT_AUTH_URL, SINCH_DEFAULT_BASE_URL } from '../../main/engine/providers/sinch';
import { SIP_DEFAULTS } from '../../main/engine/providers/sip';
import { catalogFixture, NOTHING_ACTIVE } from './catalogFixture';

type Field = { title?: string; description?: string; type?: string; default?: unknown; 'x-secret'?: boolean; 'x-env'?: string };
const fields = (id: string) => BUILTIN_PLUGINS.find((m) => m.id === id)!.settingsSchema.properties as Record<string, Field>;
const envOf = (id: string) => Object.values(fields(id)).map((f) => f['x-env']);
const secretsOf = (id: string) =>
  Object.entries(fields(id))
    .filter(([, f]) => f['x-secret'])
    .map(([name]) => name);

describe('the plugin schemas', () => {
  it('give every field a title, a description and a type', () => {
    for (const manifest of BUILTIN_PLUGINS) {
      for (const [name, field] of Object.entries(manifest.settingsSchema.properties as Record<string, Field>)) {
        expect(field.title, `${manifest.id}.${name}`).toBeTruthy();
        expect(field.description, `${manifest.id}.${name}`).toBeTruthy();
        expect(['string', 'integer', 'boolean'], `${manifest.id}.${name}`).toContain(field.type);
      }
    }
  });

  it('name the variables each settings reader reads', () => {
    expect(envOf('phaxio')).toEqual(['PHAXIO_API_KEY', 'PHAXIO_API_SECRET', 'PHAXIO_CALLBACK_TOKEN', 'PHAXIO_BASE_URL']);
    expect(envOf('sinch')).toEqual([
      'SINCH_PROJECT_ID',
      'SINCH_API_KEY',
      'SINCH_API_SECRET',
      'SINCH_AUTH_MODE',
      'SINCH_BASE_URL',
      'SINCH_AUTH_URL',
    ]);
    expect(envOf('sip')).toEqual([
      'ASTERISK_AMI_HOST',
      'ASTERISK_AMI_PORT',
      'ASTERISK_AMI_USERNAME',
      'ASTERISK_AMI_PASSWORD',
      'ASTERISK_AMI_AUTH',
      'ASTERISK_TRUNK',
      'ASTERISK_SPOOL_DIR',
      'ASTERISK_SPOOL_DIR_REMOTE',
    ]);
    expect(envOf('s3')).toEqual([
      'S3_BUCKET',
      'S3_PREFIX',
      'S3_REGION',
      'S3_ENDPOINT_URL',
      'S3_KMS_KEY_ID',
      'S3_CLIENT_SIDE_ENCRYPTION',
      'AWS_ACCESS_KEY_ID',
      'AWS_SECRET_ACCESS_KEY',
      'AWS_SESSION_TOKEN',
    ]);
  });

  it('mark the API secrets, passwords and the S3 secret key as secret', () => {
    expect(secretsOf('phaxio')).toEqual(['apiKey', 'apiSecret', 'callbackToken']);
    expect(secretsOf('sinch')).toEqual(['apiKey', 'apiSecret']);
    expect(secretsOf('sip')).toEqual(['amiPassword']);
    expect(secretsOf('s3')).toEqual(['secretAccessKey', 'sessionToken']);
    expect(secretsOf('simulator')).toEqual([]);
  });

  it('default to what the settings readers default to', () => {
    expect(fields('phaxio').baseUrl!.default).toBe(PHAXIO_DEFAULT_BASE_URL);
    expect(fields('sinch').baseUrl!.default).toBe(SINCH_DEFAULT_BASE_URL);
    expect(fields('sinch').authUrl!.default).toBe(SINCH_DEFAULT_AUTH_URL);
    expect(fields('sip').amiHost!.default).toBe(SIP_DEFAULTS.host);
    expect(fields('sip').amiPort!.default).toBe(SIP_DEFAULTS.port);
    expect(fields('sip').trunk!.default).toBe(SIP_DEFAULTS.trunk);
    expect(fields('sip').spoolDirRemote!.default).toBe(SIP_DEFAULTS.spoolDirRemote);
  });
});

describe('field errors for a form', () => {
  const { catalog } = catalogFixture();
  const sip = { amiUsername: 'faxbot' };
  const secret = { amiPassword: 'pw' };

  it('says a wrong type in words, named by the field title', () => {
    expect(catalog.validate('sip', { ...sip, amiPort: 'five thousand' }, secret)).toEqual({ amiPort: 'AMI port must be a whole number.' });
    expect(catalog.validate('s3', { bucket: 'faxes', clientSideEncryption: 'yes' }, {})).toEqual({
      clientSideEncryption: 'Encrypt before upload must be on or off (true or false).',
    });
  });

  it('lists the allowed values for an unknown choice', () => {
    expect(catalog.validate('sip', { ...sip, amiAuth: 'sha1' }, secret)).toEqual({ amiAuth: 'AMI sign-in must be one of: md5, plain.' });
  });

  it('names each missing required field, secrets included', () => {
    expect(catalog.validate('phaxio', {}, {})).toEqual({ apiKey: 'Phaxio needs API key.', apiSecret: 'Phaxio needs API secret.' });
    expect(catalog.validate('phaxio', {}, { apiKey: 'k', apiSecret: 's' })).toBeNull();
    expect(catalog.validate('phaxio', {}, { apiKey: 'k', apiSecret: null })).toEqual({ apiSecret: 'Phaxio needs API secret.' });
  });

  it('refuses a field the plugin does not have', () => {
    expect(catalog.validate('sip', { ...sip, dialPrefix: '9' }, secret)).toEqual({
      dialPrefix: 'Asterisk (SIP) has no setting called "dialPrefix": remove it.',
    });
  });

  it('refuses out-of-range numbers, malformed addresses and patterns', () => {
    const errors = catalog.validate('sip', { ...sip, amiPort: 70000, trunk: 'fax trunk', spoolDirRemote: 'relative/path' }, secret)!;
    expect(errors.amiPort).toBe('AMI port must be from 1 to 65535.');
    expect(errors.trunk).toMatch(/^PJSIP trunk is not in the right form/);
    expect(errors.spoolDirRemote).toMatch(/^Shared folder \(Asterisk\) is not in the right form/);
    expect(catalog.validate('phaxio', { baseUrl: 'ftp://example.com' }, { apiKey: 'k', apiSecret: 's' })).toEqual({
      baseUrl: expect.stringMatching(/^API address is not in the right form/),
    });
    expect(catalog.validate('s3', { bucket: 'Not_A_Bucket' }, {})).toEqual({
      bucket: expect.stringMatching(/^Bucket is not in the right form/),
    });
  });

  it('shows a plugin with nothing set as available, half-set as needing attention, complete as configured', () => {
    const { catalog: c } = catalogFixture({ PHAXIO_API_KEY: 'key-from-env' });
    expect(c.view('sinch', NOTHING_ACTIVE).status).toBe('available');
    expect(c.view('simulator', { ...NOTHING_ACTIVE, outbound: 'phaxio', inbound: 'phaxio' }).status).toBe('configured');
    const half = c.view('phaxio', NOTHING_ACTIVE);
    expect(half.status).toBe('needs_attention');
    expect(half.problems).toEqual(['Phaxio needs API secret.']);
    // Saving the rest of the form is refused while a required secret is still missing.
    expect(() => c.save({ id: 'phaxio', settings: {}, secrets: {} })).toThrow(/Phaxio needs API secret/);
    c.save({ id: 'phaxio', settings: {}, secrets: { apiSecret: 's' } });
    expect(c.view('phaxio', NOTHING_ACTIVE).status).toBe('configured');
    expect(c.view('simulator', NOTHING_ACTIVE)).toMatchObject({ status: 'active', activeIn: ['outbound', 'inbound'] });
  });
});
