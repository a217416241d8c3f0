// ASTERISK_* settings: defaults, and a refusal naming the variable for every bad value.
import { describe, expect, it } from 'vitest';
import { sipSettingsFromEnv } from '../../main/engine/providers/sip';
import { FaxError } from '../../shared/errors';

const base = { ASTERISK_AMI_USERNAME: 'faxbot', ASTERISK_AMI_PASSWORD: 's3cret' };

function refusal(env: Record<string, string>): FaxError {
  try {
    sipSettingsFromEnv(env);
  } catch (error) {
    expect(error).toBeInstanceOf(FaxError);
    return error as FaxError;
  }
  throw new Error('expected a refusal');
}

describe('sipSettingsFromEnv', () => {
  it('uses the documented defaults', () => {
    expect(sipSettingsFromEnv(base)).toEqual({
      ami: { host: '127.0.0.1', port: 5038, username: 'faxbot', secret: 's3cret', auth: 'md5', events: 'call,user,system' },
      trunk: 'fax-trunk',
      spoolDir: '/var/spool/asterisk/faxbot',
      spoolDirRemote: '/var/spool/asterisk/faxbot',
    });
  });

  it('reads every variable', () => {
    const s = sipSettingsFromEnv({
      ...base,
      ASTERISK_AMI_HOST: 'pbx.office.lan',
      ASTERISK_AMI_PORT: '5039',
      ASTERISK_AMI_AUTH: 'plain',
      ASTERISK_TRUNK: 'my_trunk',
      ASTERISK_SPOOL_DIR: '/mnt/faxbot',
      ASTERISK_SPOOL_DIR_REMOTE: '/srv/fax/',
    });
    expect(s).toMatchObject({
      ami: { host: 'pbx.office.lan', port: 5039, auth: 'plain' },
      trunk: 'my_trunk',
      spoolDir: '/mnt/faxbot',
      spoolDirRemote: '/srv/fax',
    });
  });

  it.each([
    [{ ASTERISK_AMI_PASSWORD: 'x' }, 'ASTERISK_AMI_USERNAME'],
    [{ ASTERISK_AMI_USERNAME: 'faxbot' }, 'ASTERISK_AMI_PASSWORD'],
    [{ ...base, ASTERISK_AMI_PASSWORD: 'a\r\nAction: Originate' }, 'ASTERISK_AMI_PASSWORD'],
    [{ ...base, ASTERISK_AMI_USERNAME: 'a\nb' }, 'ASTERISK_AMI_USERNAME'],
    [{ ...base, ASTERISK_AMI_PORT: '0' }, 'ASTERISK_AMI_PORT'],
    [{ ...base, ASTERISK_AMI_PORT: '70000' }, 'ASTERISK_AMI_PORT'],
    [{ ...base, ASTERISK_AMI_PORT: '50 38' }, 'ASTERISK_AMI_PORT'],
    [{ ...base, ASTERISK_AMI_HOST: 'pbx;rm -rf' }, 'ASTERISK_AMI_HOST'],
    [{ ...base, ASTERISK_AMI_AUTH: 'sha1' }, 'ASTERISK_AMI_AUTH'],
    [{ ...base, ASTERISK_TRUNK: 'fax trunk' }, 'ASTERISK_TRUNK'],
    [{ ...base, ASTERISK_TRUNK: 'a@b' }, 'ASTERISK_TRUNK'],
    [{ ...base, ASTERISK_SPOOL_DIR_REMOTE: 'relative/path' }, 'ASTERISK_SPOOL_DIR_REMOTE'],
    [{ ...base, ASTERISK_SPOOL_DIR_REMOTE: '/var/spool/a&b' }, 'ASTERISK_SPOOL_DIR_REMOTE'],
    [{ ...base, ASTERISK_SPOOL_DIR_REMOTE: '/var/spool/a,b' }, 'ASTERISK_SPOOL_DIR_REMOTE'],
    [{ ...base, ASTERISK_SPOOL_DIR_REMOTE: '/var/../etc' }, 'ASTERISK_SPOOL_DIR_REMOTE'],
    [{ ...base, ASTERISK_SPOOL_DIR: 'spool' }, 'ASTERISK_SPOOL_DIR'],
  ])('refuses %j, naming %s', (env, field) => {
    const error = refusal(env as Record<string, string>);
    expect(error.code).toBe('invalid_input');
    expect(error.field).toBe(field);
    expect(error.message).toContain(field);
  });

  it('never puts the password in a refusal', () => {
    expect(refusal({ ...base, ASTERISK_AMI_PASSWORD: 'top\nsecret' }).message).not.toContain('secret');
  });
});
