// AMI line protocol (contracts/asterisk-ami.md §2): a banner line, then packets of
// `Name: value` lines ended by an empty line. We read CRLF or bare LF, header names
// case-insensitively, and keep repeated headers (FileName:, Variable:) in order.
import { StringDecoder } from 'node:string_decoder';

export type AmiPacketKind = 'response' | 'event' | 'unknown';

export class AmiPacket {
  constructor(readonly lines: ReadonlyArray<readonly [string, string]>) {}

  /** Classified by the first line: OriginateResponse is an event that also has `Response:`. */
  get kind(): AmiPacketKind {
    const first = this.lines[0]?.[0].toLowerCase();
    if (first === 'event') return 'event';
    if (first === 'response') return 'response';
    return this.get('Event') !== undefined ? 'event' : 'unknown';
  }

  get(name: string): string | undefined {
    const wanted = name.toLowerCase();
    return this.lines.find(([key]) => key.toLowerCase() === wanted)?.[1];
  }

  all(name: string): string[] {
    const wanted = name.toLowerCase();
    return this.lines.filter(([key]) => key.toLowerCase() === wanted).map(([, value]) => value);
  }

  /** Event name, or the Response value. */
  get name(): string {
    return (this.kind === 'event' ? this.get('Event') : this.get('Response')) ?? '';
  }
}

export interface AmiReaderHandlers {
  banner(line: string): void;
  packet(packet: AmiPacket): void;
  /** A line that is not `Name: value`, or a packet too large: reported, then skipped. */
  garbled(reason: string): void;
}

/** Bounds what a broken or hostile server can make us buffer. Asterisk's own lines are ≤ 1 KiB. */
const MAX_LINE_BYTES = 64 * 1024;
const MAX_PACKET_LINES = 1000;

/** Turns a TCP byte stream into a banner and packets, whatever the chunk boundaries. */
export class AmiReader {
  private buffered = '';
  private sawBanner = false;
  private lines: Array<[string, string]> = [];
  private skippingPacket = false;
  // A character split across two TCP chunks must not turn into two replacement marks.
  private readonly decoder = new StringDecoder('utf8');

  constructor(private readonly handlers: AmiReaderHandlers) {}

  push(chunk: Buffer | string): void {
    this.buffered += typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    let newline: number;
    while ((newline = this.buffered.indexOf('\n')) >= 0) {
      const line = this.buffered.slice(0, newline).replace(/\r$/, '');
      this.buffered = this.buffered.slice(newline + 1);
      this.line(line);
    }
    if (this.buffered.length > MAX_LINE_BYTES) {
      this.buffered = '';
      this.skippingPacket = true;
      this.handlers.garbled(`a line longer than ${MAX_LINE_BYTES} bytes`);
    }
  }

  private line(line: string): void {
    if (!this.sawBanner) {
      this.sawBanner = true;
      this.handlers.banner(line);
      return;
    }
    if (line === '') {
      const lines = this.lines;
      const skipped = this.skippingPacket;
      this.lines = [];
      this.skippingPacket = false;
      if (lines.length > 0 && !skipped) this.handlers.packet(new AmiPacket(lines));
      return;
    }
    if (this.skippingPacket) return;
    const colon = line.indexOf(':');
    if (colon <= 0) {
      this.handlers.garbled(`a line without "Name: value": ${JSON.stringify(line.slice(0, 80))}`);
      return;
    }
    if (this.lines.length >= MAX_PACKET_LINES) {
      this.skippingPacket = true;
      this.handlers.garbled(`a packet with more than ${MAX_PACKET_LINES} lines`);
      return;
    }
    this.lines.push([
      line.slice(0, colon).trim(),
      line
        .slice(colon + 1)
        .replace(/^[ \t]+/, '')
        .replace(/[ \t]+$/, ''),
    ]);
  }
}

export type AmiActionFields = Array<readonly [string, string]>;

/**
 * One action on the wire. A CR or LF in a value would let it forge further headers (or a
 * whole second action), so such values are refused rather than cleaned.
 */
export function formatAction(fields: AmiActionFields): string {
  let text = '';
  for (const [name, value] of fields) {
    if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(name)) throw new Error(`AMI header name ${JSON.stringify(name)} is not allowed`);
    if (/[\r\n]/.test(value)) throw new Error(`AMI header ${name} has a line break in its value`);
    text += `${name}: ${value}\r\n`;
  }
  return `${text}\r\n`;
}
