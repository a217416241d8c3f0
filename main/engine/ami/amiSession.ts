// One logged-in AMI connection: connect, read the banner, log in (MD5 challenge unless
// told otherwise, §3), then actions matched to replies by ActionID, each with a timeout.
// Reconnecting is the client's job (amiClient.ts); a session that breaks is thrown away.
import { createHash } from 'node:crypto';
import { Socket } from 'node:net';
import type { Logger } from '../log';
import { type AmiPacket, AmiReader, formatAction, type AmiActionFields } from './amiPacket';
import {
  amiActionRefused,
  amiAuthFailed,
  amiNoAnswer,
  amiNotAsterisk,
  amiRefused,
  amiSilent,
  amiUnreachable,
  type AmiAddress,
} from './amiErrors';

export interface AmiLogin extends AmiAddress {
  username: string;
  secret: string;
  /** md5: the secret never crosses the wire (contract §3.2). plain: for AMI over TLS tunnels. */
  auth: 'md5' | 'plain';
  /** Event classes asked for at login (§2.3). */
  events: string;
}

export interface AmiTimeouts {
  /** For the TCP connect and for the banner after it. */
  connectMs: number;
  /** For each action's reply (login included). */
  actionMs: number;
}

export interface AmiReply {
  response: AmiPacket;
  /** For list actions (DBGet, CoreShowChannels): the events carrying our ActionID. */
  items: AmiPacket[];
}

interface Pending {
  action: string;
  list: boolean;
  response?: AmiPacket;
  items: AmiPacket[];
  timer: NodeJS.Timeout;
  resolve(reply: AmiReply): void;
  reject(error: Error): void;
}

let sessionCounter = 0;
const MAX_BACKLOG = 1000;

/** The MD5 login key: md5(challenge + secret), lowercase hex (contract §3.2). */
export function amiLoginKey(challenge: string, secret: string): string {
  return createHash('md5')
    .update(challenge + secret)
    .digest('hex');
}

export class AmiSession {
  private readonly pending = new Map<string, Pending>();
  private readonly eventListeners = new Set<(event: AmiPacket) => void>();
  private closeListener: (error: Error) => void = () => undefined;
  private seq = 0;
  /** Events held until the first subscriber; null once one exists. */
  private backlog: AmiPacket[] | null = [];
  private closed = false;
  private readonly prefix = `fb${++sessionCounter}-${process.pid}`;
  amiVersion = '';

  private constructor(
    private readonly socket: Socket,
    private readonly login: AmiLogin,
    private readonly timeouts: AmiTimeouts,
    private readonly logger: Logger,
  ) {}

  /** Connects and logs in; rejects with a FaxError that says which of the distinct failures it was. */
  static async open(login: AmiLogin, timeouts: AmiTimeouts, logger: Logger, signal?: AbortSignal): Promise<AmiSession> {
    const socket = new Socket();
    socket.setNoDelay(true);
    socket.setKeepAlive(true, 30_000);
    const session = new AmiSession(socket, login, timeouts, logger);
    // Stopping the app must not wait out a connect timeout to an unreachable PBX.
    const abort = () => session.destroy(new Error('AMI connection stopped'));
    signal?.addEventListener('abort', abort, { once: true });
    try {
      if (signal?.aborted) throw new Error('AMI connection stopped');
      await session.connect();
      await session.authenticate();
    } catch (error) {
      session.destroy(error as Error);
      throw error;
    } finally {
      signal?.removeEventListener('abort', abort);
    }
    return session;
  }

  private connect(): Promise<void> {
    const { login, socket, timeouts } = this;
    return new Promise<void>((resolve, reject) => {
      let stage: 'connecting' | 'greeting' = 'connecting';
      const fail = (error: Error) => {
        clearTimeout(timer);
        socket.destroy();
        this.closed = true;
        reject(error);
      };
      this.closeListener = (error) => fail(error);
      const timer = setTimeout(() => {
        fail(
          stage === 'connecting'
            ? amiUnreachable(login, `no answer to the connection within ${timeouts.connectMs / 1000} s`)
            : amiSilent(login, timeouts.connectMs / 1000, 'greeting'),
        );
      }, timeouts.connectMs);
      const reader = new AmiReader({
        banner: (line) => {
          clearTimeout(timer);
          if (!/^Asterisk Call Manager\//.test(line)) return fail(amiNotAsterisk(login, line));
          this.amiVersion = line.slice('Asterisk Call Manager/'.length).trim();
          this.closeListener = () => undefined;
          resolve();
        },
        packet: (packet) => this.dispatch(packet),
        garbled: (reason) => this.logger.warn('ignored a malformed line from Asterisk', { reason }),
      });
      socket.on('data', (chunk) => reader.push(chunk));
      socket.once('connect', () => (stage = 'greeting'));
      socket.on('error', (error: NodeJS.ErrnoException) => {
        if (this.closed) return;
        if (stage === 'connecting') {
          fail(error.code === 'ECONNREFUSED' ? amiRefused(login) : amiUnreachable(login, error.code ?? error.message));
        } else {
          this.destroy(error);
        }
      });
      socket.on('close', () => {
        if (stage === 'greeting' && !this.amiVersion && !this.closed) fail(amiSilent(login, timeouts.connectMs / 1000, 'greeting'));
        else this.destroy(new Error('connection closed'));
      });
      socket.connect(login.port, login.host);
    });
  }

  private async authenticate(): Promise<void> {
    const { login } = this;
    const fields: AmiActionFields = [['Username', login.username]];
    if (login.auth === 'md5') {
      const challenge =
        (await this.send('Challenge', [['AuthType', 'MD5']], { silentStage: 'login answer' })).response.get('Challenge') ?? '';
      fields.push(['AuthType', 'MD5'], ['Key', amiLoginKey(challenge, login.secret)]);
    } else {
      fields.push(['Secret', login.secret]);
    }
    fields.push(['Events', login.events]);
    try {
      await this.send('Login', fields, { silentStage: 'login answer' });
    } catch (error) {
      if (error instanceof Error && 'amiMessage' in error) throw amiAuthFailed(login, login.username);
      throw error;
    }
  }

  onEvent(listener: (event: AmiPacket) => void): () => void {
    this.eventListeners.add(listener);
    const backlog = this.backlog;
    this.backlog = null;
    for (const event of backlog ?? []) this.deliver(event);
    return () => this.eventListeners.delete(listener);
  }

  /** Called once, when the session ends for any reason other than close(). */
  onClose(listener: (error: Error) => void): void {
    this.closeListener = listener;
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  /**
   * Sends one action and resolves with its reply; `Response: Error` rejects with a FaxError.
   * `list` waits for the `EventList: Complete` event and returns the items in between.
   */
  action(
    action: string,
    fields: AmiActionFields = [],
    options: { list?: boolean; timeoutMs?: number; actionId?: string } = {},
  ): Promise<AmiReply> {
    return this.send(action, fields, options).catch((error: Error & { amiMessage?: string }) => {
      if (error.amiMessage !== undefined) throw amiActionRefused(action, error.amiMessage);
      throw error;
    });
  }

  private send(
    action: string,
    fields: AmiActionFields,
    options: { list?: boolean; timeoutMs?: number; actionId?: string; silentStage?: 'login answer' },
  ): Promise<AmiReply> {
    if (this.closed) return Promise.reject(amiNoAnswer(this.login, action, 'dropped', 0));
    // A caller's own ActionID lets it recognise the action's later events (OriginateResponse).
    const actionId = options.actionId ?? `${this.prefix}-${++this.seq}`;
    if (this.pending.has(actionId) || /[\r\n]/.test(actionId))
      return Promise.reject(new Error(`ActionID ${JSON.stringify(actionId)} is already in use`));
    const timeoutMs = options.timeoutMs ?? this.timeouts.actionMs;
    return new Promise<AmiReply>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(actionId);
        reject(
          options.silentStage
            ? amiSilent(this.login, timeoutMs / 1000, options.silentStage)
            : amiNoAnswer(this.login, action, 'timeout', timeoutMs / 1000),
        );
      }, timeoutMs);
      this.pending.set(actionId, { action, list: options.list ?? false, items: [], timer, resolve, reject });
      // Secrets are on this line: it is written, never logged.
      this.socket.write(formatAction([['Action', action], ['ActionID', actionId], ...fields]));
    });
  }

  private dispatch(packet: AmiPacket): void {
    const actionId = packet.get('ActionID');
    const waiting = actionId !== undefined ? this.pending.get(actionId) : undefined;
    if (packet.kind === 'response') {
      if (!waiting) return void this.logger.debug('an AMI reply matched no action', { response: packet.name });
      if (packet.name.toLowerCase() === 'error') {
        this.settle(actionId!, waiting, Object.assign(new Error(packet.get('Message') ?? ''), { amiMessage: packet.get('Message') ?? '' }));
        return;
      }
      waiting.response = packet;
      if (!waiting.list || packet.get('EventList')?.toLowerCase() !== 'start') this.settle(actionId!, waiting);
      return;
    }
    if (packet.kind === 'event') {
      // List items (DBGetResponse, CoreShowChannel) belong to their action, not to subscribers.
      if (waiting?.list && waiting.response) {
        if (packet.get('EventList')?.toLowerCase() === 'complete') this.settle(actionId!, waiting);
        else waiting.items.push(packet);
        return;
      }
      // Events in the same read as the login answer arrive before anyone could subscribe.
      if (this.backlog) {
        if (this.backlog.length < MAX_BACKLOG) this.backlog.push(packet);
        return;
      }
      this.deliver(packet);
      return;
    }
    this.logger.warn('ignored an AMI packet that is neither a reply nor an event', { firstLine: packet.lines[0]?.[0] });
  }

  private deliver(packet: AmiPacket): void {
    for (const listener of this.eventListeners) {
      try {
        listener(packet);
      } catch (error) {
        this.logger.warn('an AMI event handler failed', { event: packet.name, error });
      }
    }
  }

  private settle(actionId: string, waiting: Pending, error?: Error): void {
    clearTimeout(waiting.timer);
    this.pending.delete(actionId);
    if (error) waiting.reject(error);
    else waiting.resolve({ response: waiting.response!, items: waiting.items });
  }

  /** Ends the session: every action still waiting is rejected as "no answer". */
  destroy(error: Error = new Error('closed')): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.destroy();
    for (const [id, waiting] of this.pending) this.settle(id, waiting, amiNoAnswer(this.login, waiting.action, 'dropped', 0));
    this.closeListener(error);
  }

  /** Polite end (Logoff), then close; never waits long. */
  async logoff(): Promise<void> {
    if (this.closed) return;
    await this.send('Logoff', [], { timeoutMs: 1000 }).catch(() => undefined);
    this.destroy();
  }
}
