// Settings of the self-hosted Asterisk provider from the environment (DESIGN.md names).
// Each refusal names the variable and what a usable value looks like.
import { isAbsolute, posix } from 'node:path';
import { FaxError } from '../../../../shared/errors';
import type { AmiLogin } from '../../ami';

export interface SipSettings {
  ami: AmiLogin;
  /** The PJSIP endpoint faxes are dialled through (PJSIP/<number>@<trunk>). */
  trunk: string;
  /** This computer's path to the folder shared with Asterisk (holds out/ and in/). */
  spoolDir: string;
  /** The same folder as Asterisk sees it: the path put in FAXBOT_FILE. */
  spoolDirRemote: string;
}

export const SIP_DEFAULTS = { host: '127.0.0.1', port: 5038, trunk: 'fax-trunk', spoolDirRemote: '/var/spool/asterisk/faxbot' } as const;

// Characters Asterisk's argument splitting or SendFAX's `&` file list would mangle (contract §5.1).
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const UNSAFE_IN_DIALPLAN = /[,"\\&|;\s\x00-\x1f\x7f]/;

export function sipSettingsFromEnv(env: Readonly<Record<string, string | undefined>>): SipSettings {
  const value = (name: string) => env[name]?.trim() ?? '';
  const refuse = (name: string, message: string) => new FaxError('invalid_input', message, { field: name });
  const required = (name: string, what: string) => {
    const v = value(name);
    if (!v) throw refuse(name, `Faxing through Asterisk needs ${what}: set ${name} (see README, "Faxing through your own Asterisk").`);
    return v;
  };

  const host = value('ASTERISK_AMI_HOST') || SIP_DEFAULTS.host;
  if (!/^[A-Za-z0-9.:[\]-]+$/.test(host))
    throw refuse(
      'ASTERISK_AMI_HOST',
      `ASTERISK_AMI_HOST must be a host name or IP address such as 127.0.0.1 or pbx.office.lan; it is "${host}".`,
    );
  const portRaw = value('ASTERISK_AMI_PORT') || String(SIP_DEFAULTS.port);
  const port = Number(portRaw);
  if (!/^\d+$/.test(portRaw) || port < 1 || port > 65535)
    throw refuse(
      'ASTERISK_AMI_PORT',
      `ASTERISK_AMI_PORT must be a port number from 1 to 65535 (AMI listens on 5038 by default); it is "${portRaw}".`,
    );
  const username = required('ASTERISK_AMI_USERNAME', 'the AMI user name from manager.conf');
  if (/[\r\n]/.test(username)) throw refuse('ASTERISK_AMI_USERNAME', 'ASTERISK_AMI_USERNAME must be on one line.');
  const secret = env.ASTERISK_AMI_PASSWORD ?? '';
  if (!secret.trim())
    throw refuse(
      'ASTERISK_AMI_PASSWORD',
      'Faxing through Asterisk needs the AMI password: set ASTERISK_AMI_PASSWORD to the secret= of that user in manager.conf.',
    );
  if (/[\r\n]/.test(secret)) throw refuse('ASTERISK_AMI_PASSWORD', 'ASTERISK_AMI_PASSWORD must be on one line.');
  const auth = (value('ASTERISK_AMI_AUTH') || 'md5').toLowerCase();
  if (auth !== 'md5' && auth !== 'plain')
    throw refuse('ASTERISK_AMI_AUTH', `ASTERISK_AMI_AUTH must be md5 (the password never crosses the network) or plain; it is "${auth}".`);

  const trunk = value('ASTERISK_TRUNK') || SIP_DEFAULTS.trunk;
  if (!/^[A-Za-z0-9_.-]{1,80}$/.test(trunk))
    throw refuse(
      'ASTERISK_TRUNK',
      `ASTERISK_TRUNK must be the name of a PJSIP endpoint (letters, digits, - _ .), such as fax-trunk; it is "${trunk}".`,
    );

  const spoolDirRemote = (value('ASTERISK_SPOOL_DIR_REMOTE') || SIP_DEFAULTS.spoolDirRemote).replace(/\/+$/, '');
  if (!posix.isAbsolute(spoolDirRemote) || UNSAFE_IN_DIALPLAN.test(spoolDirRemote) || spoolDirRemote.split('/').includes('..')) {
    throw refuse(
      'ASTERISK_SPOOL_DIR_REMOTE',
      `ASTERISK_SPOOL_DIR_REMOTE must be an absolute path on the Asterisk machine without spaces, commas, quotes, & or ..; it is "${spoolDirRemote}".`,
    );
  }
  // Same machine as Asterisk: the local path is the remote one unless told otherwise.
  const spoolDir = value('ASTERISK_SPOOL_DIR') || spoolDirRemote;
  if (!isAbsolute(spoolDir))
    throw refuse(
      'ASTERISK_SPOOL_DIR',
      `ASTERISK_SPOOL_DIR must be an absolute path to this computer's mount of the folder shared with Asterisk; it is "${spoolDir}".`,
    );

  return { ami: { host, port, username, secret, auth, events: 'call,user,system' }, trunk, spoolDir, spoolDirRemote };
}
