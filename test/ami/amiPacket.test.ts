// The AMI framing (contract §2.1): banner first, packets end with an empty line, whatever
// the TCP chunking; broken lines are reported and skipped, never fatal.
import { describe, expect, it } from 'vitest';
import { AmiReader, formatAction, type AmiPacket } from '../../main/engine/ami';

function read(chunks: Array<string | Buffer>) {
  const banners: string[] = [];
  const packets: AmiPacket[] = [];
  const garbled: string[] = [];
  const reader = new AmiReader({ banner: (b) => banners.push(b), packet: (p) => packets.push(p), garbled: (g) => garbled.push(g) });
  for (const chunk of chunks) reader.push(chunk);
  return { banners, packets, garbled };
}

const TRANSCRIPT =
  'Asterisk Call Manager/9.0.0\r\nResponse: Success\r\nActionID: fb-1\r\nMessage: Authentication accepted\r\n\r\nEvent: FullyBooted\r\nPrivilege: system,all\r\nUptime: 5120\r\nLastReload: 5120\r\nStatus: Fully Booted\r\n\r\n';

describe('AmiReader', () => {
  it('reads the banner line and then packets from one chunk', () => {
    const { banners, packets } = read([TRANSCRIPT]);
    expect(banners).toEqual(['Asterisk Call Manager/9.0.0']);
    expect(packets.map((p) => [p.kind, p.name])).toEqual([
      ['response', 'Success'],
      ['event', 'FullyBooted'],
    ]);
    expect(packets[0].get('actionid')).toBe('fb-1');
  });

  it('gives the same packets when the bytes arrive one at a time', () => {
    const whole = read([TRANSCRIPT]).packets.map((p) => p.lines);
    const bytes = [...Buffer.from(TRANSCRIPT)].map((b) => Buffer.from([b]));
    expect(read(bytes).packets.map((p) => p.lines)).toEqual(whole);
  });

  it('keeps a multi-byte UTF-8 character split across chunks intact', () => {
    const text = 'Asterisk Call Manager/9.0.0\r\nEvent: UserEvent\r\nCallerIDName: Zoë\r\n\r\n';
    const buf = Buffer.from(text);
    const cut = buf.indexOf(Buffer.from('ë')) + 1;
    // A decoder per chunk would break this; the reader must not lose the character.
    const { packets } = read([buf.subarray(0, cut), buf.subarray(cut)]);
    expect(packets[0].get('CallerIDName')).toBe('Zoë');
  });

  it('accepts bare LF line ends and case-insensitive header names', () => {
    const { packets } = read(['Asterisk Call Manager/7.0.3\nresponse: Success\nactionid: x\n\n']);
    expect(packets[0].kind).toBe('response');
    expect(packets[0].get('ActionID')).toBe('x');
  });

  it('classifies OriginateResponse as an event although it carries Response:', () => {
    const { packets } = read([
      'Asterisk Call Manager/9.0.0\r\nEvent: OriginateResponse\r\nPrivilege: call,all\r\nActionID: fb-2\r\nResponse: Failure\r\nReason: 5\r\n\r\n',
    ]);
    expect(packets[0].kind).toBe('event');
    expect(packets[0].name).toBe('OriginateResponse');
    expect(packets[0].get('Response')).toBe('Failure');
  });

  it('keeps repeated headers and empty values, with or without the trailing space', () => {
    const { packets } = read([
      'Asterisk Call Manager/9.0.0\r\nEvent: SendFAX\r\nFileName: /a.tif\r\nFileName: /b.tif\r\nError: \r\nAccountCode:\r\nValue: a: b\r\n\r\n',
    ]);
    expect(packets[0].all('FileName')).toEqual(['/a.tif', '/b.tif']);
    expect(packets[0].get('Error')).toBe('');
    expect(packets[0].get('AccountCode')).toBe('');
    expect(packets[0].get('Value')).toBe('a: b');
  });

  it('reports a line without a colon and keeps reading the packets after it', () => {
    const { packets, garbled } = read([
      'Asterisk Call Manager/9.0.0\r\n',
      'this is not a header\r\nResponse: Success\r\nActionID: 7\r\n\r\n',
      '\r\n\r\nEvent: Ping\r\n\r\n',
    ]);
    expect(garbled).toHaveLength(1);
    expect(packets.map((p) => p.name)).toEqual(['Success', 'Ping']);
  });

  it('drops a packet whose line never ends instead of buffering without limit', () => {
    const { packets, garbled } = read([
      'Asterisk Call Manager/9.0.0\r\nEvent: Big\r\nData: ',
      'x'.repeat(70_000),
      '\r\n\r\nEvent: After\r\n\r\n',
    ]);
    expect(garbled[0]).toMatch(/longer than/);
    expect(packets.map((p) => p.name)).toEqual(['After']);
  });

  it('treats a packet without Event or Response as unknown', () => {
    const { packets } = read(['Asterisk Call Manager/9.0.0\r\nFoo: bar\r\n\r\n']);
    expect(packets[0].kind).toBe('unknown');
  });
});

describe('formatAction', () => {
  it('writes Name: value lines and ends with an empty line', () => {
    expect(
      formatAction([
        ['Action', 'Ping'],
        ['ActionID', 'a1'],
      ]),
    ).toBe('Action: Ping\r\nActionID: a1\r\n\r\n');
  });

  it('refuses a value with a line break, which could forge another action', () => {
    expect(() => formatAction([['Variable', 'FAXBOT_HEADER=x\r\n\r\nAction: Originate']])).toThrow(/line break/);
    expect(() => formatAction([['Bad Name', 'x']])).toThrow(/not allowed/);
  });
});
