// The fake's own reading and writing of the AMI line protocol (contract §2), kept apart from
// the client's parser so a bug in one cannot hide in the other.

export type Headers = Array<[string, string]>;

export class ActionPacket {
  constructor(readonly headers: Headers) {}
  get(name: string): string | undefined {
    const lower = name.toLowerCase();
    return this.headers.find(([key]) => key.toLowerCase() === lower)?.[1];
  }
  all(name: string): string[] {
    const lower = name.toLowerCase();
    return this.headers.filter(([key]) => key.toLowerCase() === lower).map(([, value]) => value);
  }
}

/** Asterisk's reader: CRLF or LF, blanks after the colon skipped (§2.1). */
export class ActionReader {
  private text = '';
  private headers: Headers = [];
  constructor(
    private readonly onPacket: (packet: ActionPacket) => void,
    private readonly onTooLong: () => void,
  ) {}

  push(chunk: Buffer): void {
    this.text += chunk.toString('utf8');
    let nl: number;
    while ((nl = this.text.indexOf('\n')) >= 0) {
      const line = this.text.slice(0, nl).replace(/\r$/, '');
      this.text = this.text.slice(nl + 1);
      if (line.length > 1024) {
        this.onTooLong();
        continue;
      }
      if (line === '') {
        if (this.headers.length) this.onPacket(new ActionPacket(this.headers));
        this.headers = [];
        continue;
      }
      const colon = line.indexOf(':');
      if (colon > 0) this.headers.push([line.slice(0, colon), line.slice(colon + 1).replace(/^\s+/, '')]);
    }
  }
}

export function packet(headers: Headers): string {
  return headers.map(([name, value]) => `${name}: ${value}\r\n`).join('') + '\r\n';
}

/** The channel snapshot that starts channel events (§2.3), in Asterisk's order. */
export function snapshot(channel: {
  name: string;
  state: number;
  uniqueid: string;
  callerNum: string;
  callerName: string;
  connectedNum: string;
  context: string;
  exten: string;
  priority: number;
}): Headers {
  const states = ['Down', 'Rsrvd', 'OffHook', 'Dialing', 'Ring', 'Ringing', 'Up', 'Busy'];
  return [
    ['Channel', channel.name],
    ['ChannelState', String(channel.state)],
    ['ChannelStateDesc', states[channel.state] ?? 'Unknown'],
    ['CallerIDNum', channel.callerNum || '<unknown>'],
    ['CallerIDName', channel.callerName || '<unknown>'],
    ['ConnectedLineNum', channel.connectedNum || '<unknown>'],
    ['ConnectedLineName', '<unknown>'],
    ['Language', 'en'],
    ['AccountCode', ''],
    ['Context', channel.context],
    ['Exten', channel.exten],
    ['Priority', String(channel.priority)],
    ['Uniqueid', channel.uniqueid],
    ['Linkedid', channel.uniqueid],
  ];
}
