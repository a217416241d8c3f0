// The sample Asterisk configuration in config/asterisk follows the contract the provider
// relies on (contracts/asterisk-ami.md §3.4, §6): names, hangup handlers, least privilege.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SIP_DEFAULTS } from '../../main/engine/providers/sip';

const read = (name: string) => readFileSync(new URL(`../../config/asterisk/${name}`, import.meta.url), 'utf8');
/** The lines of one [context], comments removed. */
function context(text: string, name: string): string[] {
  const start = text.indexOf(`[${name}]`);
  expect(start, `context ${name}`).toBeGreaterThanOrEqual(0);
  const rest = text.slice(start + name.length + 2);
  const end = rest.search(/^\[/m);
  return (end < 0 ? rest : rest.slice(0, end))
    .split('\n')
    .map((l) => l.replace(/;.*$/, '').trim())
    .filter(Boolean);
}

describe('config/asterisk/extensions.conf', () => {
  const text = read('extensions.conf');

  it('pushes the result hangup handler before SendFAX and ReceiveFAX run', () => {
    for (const [ctx, app, handler] of [
      ['faxbot-send', 'SendFAX', 'faxbot-send-result'],
      ['faxbot-receive', 'ReceiveFAX', 'faxbot-receive-result'],
    ]) {
      const lines = context(text, ctx);
      const push = lines.findIndex((l) => l.includes(`hangup_handler_push)=${handler},s,1`));
      const run = lines.findIndex((l) => l.includes(`${app}(`));
      expect(push).toBeGreaterThanOrEqual(0);
      expect(run).toBeGreaterThan(push);
    }
  });

  it('raises FaxbotResult with every field the provider reads, and keeps the AstDB copy it recovers from', () => {
    const lines = context(text, 'faxbot-send-result').join('\n');
    expect(lines).toContain('Set(DB(faxbot/${FAXBOT_JOB})=${FAXSTATUS}|${FAXERROR}|${FAXPAGES}|${HANGUPCAUSE})');
    for (const field of [
      'JobID: ${FAXBOT_JOB}',
      'Status: ${FAXSTATUS}',
      'Error: ${FAXERROR}',
      'Pages: ${FAXPAGES}',
      'Cause: ${HANGUPCAUSE}',
    ])
      expect(lines).toContain(field);
    expect(lines).toMatch(/Return\(\)/);
  });

  it('reads exactly the variables the provider sets on the call', () => {
    const used = new Set(
      [
        ...context(text, 'faxbot-send')
          .join('\n')
          .matchAll(/\$\{(FAXBOT_[A-Z]+)\}/g),
      ].map((m) => m[1]),
    );
    expect([...used].sort()).toEqual(['FAXBOT_FILE', 'FAXBOT_HEADER', 'FAXBOT_JOB', 'FAXBOT_STATION']);
  });

  it('writes received faxes into the in/ folder of the default remote spool, named by Uniqueid', () => {
    expect(context(text, 'faxbot-receive').join('\n')).toContain(`Set(FAXBOT_FILE=${SIP_DEFAULTS.spoolDirRemote}/in/\${UNIQUEID}.tif)`);
    expect(context(text, 'faxbot-receive-result').join('\n')).toMatch(
      /UserEvent\(FaxbotReceived,File: \$\{FAXBOT_FILE\},From: .*To: .*Status: .*Pages: /,
    );
  });
});

describe('config/asterisk/manager.conf', () => {
  const lines = context(read('manager.conf'), 'faxbot');
  const value = (key: string) =>
    lines.filter((l) => l.startsWith(`${key} `) || l.startsWith(`${key}=`)).map((l) => l.split('=').slice(1).join('=').trim());

  it('grants the Faxbot user only what it needs', () => {
    expect(value('read')).toEqual(['call,user,system']);
    expect(value('write')).toEqual(['originate,system']);
    expect(value('deny')).toEqual(['0.0.0.0/0.0.0.0']);
  });

  it('ships a placeholder, not a password anyone could use', () => {
    expect(value('secret')[0]).toMatch(/CHANGE-ME/);
  });
});

describe('config/asterisk/pjsip.conf', () => {
  it('enables T.38 with redundancy and fax detection on the fax-trunk endpoint, with G.711 only', () => {
    const text = read('pjsip.conf');
    const endpoint = text.slice(text.indexOf('type = endpoint'));
    for (const setting of [
      't38_udptl = yes',
      't38_udptl_ec = redundancy',
      't38_udptl_maxdatagram = 400',
      'fax_detect = yes',
      'context = faxbot-receive',
      'allow = ulaw,alaw',
    ]) {
      expect(endpoint).toContain(setting);
    }
    expect(text).toContain(`[${SIP_DEFAULTS.trunk}]`);
  });
});
