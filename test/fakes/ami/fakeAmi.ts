// A fake Asterisk Manager Interface on 127.0.0.1 (contracts/asterisk-ami.md §13): banner,
// CRLF framing, Response/Event packets with ActionID echo, login (plain and MD5) with the
// real 1 s delay and close on failure, permissions, event masks, Ping, DBGet, and Async
// Originate replaying the §8 transcript with scripted outcomes. Calls live on in the fake
// when a client disconnects, as they would in Asterisk, and leave their AstDB result.
import { createHash, randomInt } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { type ActionPacket, ActionReader, packet, snapshot, type Headers } from './wire';
import type { CallOutcome } from './callScript';
import { runCall, type PlacedCall } from './callRunner';
import { makeFaxTiff } from './faxTiffFile';

export interface FakeAmiUser {
  secret: string;
  read: string[];
  write: string[];
}

export interface FakeAmiOptions {
  users?: Record<string, FakeAmiUser>;
  version?: string;
  timestampEvents?: boolean;
  /** This machine's view of the shared folder (inbound TIFFs go to <spoolDir>/in). */
  spoolDir?: string;
  /** The same folder as "Asterisk" names it in events. */
  remoteDir?: string;
  /** Pause between the events of a call. */
  stepMs?: number;
  /** Asterisk sleeps 1 s before refusing a login (§3.1). */
  authFailDelayMs?: number;
}

export interface OriginateRecord {
  actionId: string;
  channel: string;
  number: string;
  channelId: string;
  variables: Record<string, string>;
  headers: Headers;
}

interface Session {
  socket: Socket;
  user: string | null;
  challenge: string | null;
  classes: Set<string>;
}

export const FAKE_AMI_USER = { username: 'faxbot', secret: 's3cret' };

export interface FakeAmi {
  host: string;
  port: number;
  originates: OriginateRecord[];
  /** Action names in arrival order (never their secrets). */
  actions: string[];
  astdb: Map<string, string>;
  /** Uniqueids of channels hung up by Action: Hangup. */
  hangups: string[];
  connections(): number;
  controls: {
    outcomeFor(number: string, ...outcomes: CallOutcome[]): void;
    silent(on: boolean): void;
    splitWrites(on: boolean): void;
    noise(on: boolean): void;
    replyDelay(ms: number): void;
    /** The next answered call drops every connection right after it is answered; the call goes on. */
    dropOnAnswer(): void;
    sendRaw(text: string): void;
    dropAll(): void;
    shutdown(): void;
    deliverInbound(fax: { from: string; to: string; pages: number; uniqueid?: string; status?: 'SUCCESS' | 'FAILED' }): {
      uniqueid: string;
      localFile: string;
    };
    announceInbound(uniqueid: string): void;
  };
  close(): Promise<void>;
}

export async function startFakeAmi(options: FakeAmiOptions = {}): Promise<FakeAmi> {
  const users = options.users ?? {
    [FAKE_AMI_USER.username]: { secret: FAKE_AMI_USER.secret, read: ['call', 'user', 'system'], write: ['originate', 'system'] },
  };
  const stepMs = options.stepMs ?? 5;
  const remoteDir = options.remoteDir ?? '/var/spool/asterisk/faxbot';
  const sessions = new Set<Session>();
  const outcomes = new Map<string, CallOutcome[]>();
  const liveChannels = new Map<string, { name: string; number: string }>();
  const inbound = new Map<string, Headers>();
  let silent = false;
  let split = false;
  let noisy = false;
  let delayMs = 0;
  let dropNextAnswer = false;
  let channelSeq = 0;
  const fake = { originates: [] as OriginateRecord[], actions: [] as string[], astdb: new Map<string, string>(), hangups: [] as string[] };
  const step = () => new Promise((resolve) => setTimeout(resolve, stepMs));

  const write = (session: Session, text: string) => {
    if (session.socket.destroyed) return;
    if (!split) return void session.socket.write(text);
    for (const byte of Buffer.from(text)) session.socket.write(Buffer.from([byte]));
  };

  const emit = (cls: string, headers: Headers) => {
    const [first, ...rest] = headers;
    const lines: Headers = [first, ['Privilege', `${cls},all`]];
    if (options.timestampEvents) lines.push(['Timestamp', `${(Date.now() / 1000).toFixed(6)}`]);
    for (const session of sessions) if (session.user && session.classes.has(cls)) write(session, packet([...lines, ...rest]));
  };

  const reply = async (session: Session, headers: Headers) => {
    if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
    write(session, packet(headers));
  };

  const respond = (session: Session, action: ActionPacket, response: string, extra: Headers = []) => {
    const id = action.get('ActionID');
    return reply(session, [['Response', response], ...(id !== undefined ? ([['ActionID', id]] as Headers) : []), ...extra]);
  };

  const may = (session: Session, ...classes: string[]) => {
    const user = users[session.user ?? ''];
    return !!user && classes.some((c) => user.write.includes(c));
  };

  const handle = async (session: Session, action: ActionPacket) => {
    const name = action.get('Action');
    if (!name) return respond(session, action, 'Error', [['Message', 'Missing action in request']]);
    fake.actions.push(name);
    const lower = name.toLowerCase();
    if (!session.user && !['login', 'logoff', 'challenge'].includes(lower))
      return respond(session, action, 'Error', [['Message', 'Permission denied']]);
    switch (lower) {
      case 'challenge':
        if (action.get('AuthType')?.toLowerCase() !== 'md5')
          return respond(session, action, 'Error', [['Message', 'Must specify AuthType']]);
        session.challenge = String(randomInt(100_000_000, 999_999_999));
        return respond(session, action, 'Success', [['Challenge', session.challenge]]);
      case 'login': {
        if (session.user) return respond(session, action, 'Success', [['Message', 'Already authenticated']]);
        const username = action.get('Username') ?? '';
        const user = users[username];
        const key = action.get('Key');
        const ok =
          !!user &&
          (action.get('AuthType')?.toLowerCase() === 'md5'
            ? !!session.challenge &&
              key ===
                createHash('md5')
                  .update(session.challenge + user.secret)
                  .digest('hex')
            : action.get('Secret') === user.secret);
        if (!ok) {
          await new Promise((resolve) => setTimeout(resolve, options.authFailDelayMs ?? 1000));
          await respond(session, action, 'Error', [['Message', 'Authentication failed']]);
          session.socket.end();
          return;
        }
        session.user = username;
        session.classes = eventClasses(action.get('Events'), user.read);
        await respond(session, action, 'Success', [['Message', 'Authentication accepted']]);
        if (session.classes.has('system'))
          write(
            session,
            packet([
              ['Event', 'FullyBooted'],
              ['Privilege', 'system,all'],
              ['Uptime', '5120'],
              ['LastReload', '5120'],
              ['Status', 'Fully Booted'],
            ]),
          );
        return;
      }
      case 'logoff':
        await respond(session, action, 'Goodbye', [['Message', 'Thanks for all the fish.']]);
        session.socket.end();
        return;
      case 'ping':
        return respond(session, action, 'Success', [
          ['Ping', 'Pong'],
          ['Timestamp', (Date.now() / 1000).toFixed(6)],
        ]);
      case 'events':
        session.classes = eventClasses(action.get('EventMask'), users[session.user!].read);
        return respond(session, action, 'Success', [['Events', session.classes.size ? 'On' : 'Off']]);
      case 'dbget': {
        if (!may(session, 'system', 'reporting')) return respond(session, action, 'Error', [['Message', 'Permission denied']]);
        const family = action.get('Family') ?? '';
        const key = action.get('Key') ?? '';
        const value = fake.astdb.get(`${family}/${key}`);
        if (value === undefined) return respond(session, action, 'Error', [['Message', 'Database entry not found']]);
        const id = action.get('ActionID') ?? '';
        await respond(session, action, 'Success', [
          ['EventList', 'start'],
          ['Message', 'Result will follow'],
        ]);
        write(
          session,
          packet([
            ['Event', 'DBGetResponse'],
            ['Family', family],
            ['Key', key],
            ['Val', value],
            ['ActionID', id],
          ]),
        );
        write(
          session,
          packet([
            ['Event', 'DBGetComplete'],
            ['ActionID', id],
            ['EventList', 'Complete'],
            ['ListItems', '1'],
          ]),
        );
        return;
      }
      case 'dbdel': {
        if (!may(session, 'system')) return respond(session, action, 'Error', [['Message', 'Permission denied']]);
        const deleted = fake.astdb.delete(`${action.get('Family') ?? ''}/${action.get('Key') ?? ''}`);
        return deleted
          ? respond(session, action, 'Success', [['Message', 'Key deleted successfully']])
          : respond(session, action, 'Error', [['Message', 'Database entry not found']]);
      }
      case 'coreshowchannels': {
        if (!may(session, 'system', 'reporting')) return respond(session, action, 'Error', [['Message', 'Permission denied']]);
        const id = action.get('ActionID') ?? '';
        await respond(session, action, 'Success', [
          ['EventList', 'start'],
          ['Message', 'Channels will follow'],
        ]);
        for (const [uniqueid, channel] of liveChannels) {
          write(
            session,
            packet([
              ['Event', 'CoreShowChannel'],
              ['ActionID', id],
              ...snapshot({
                name: channel.name,
                state: 6,
                uniqueid,
                callerNum: '',
                callerName: '',
                connectedNum: channel.number,
                context: 'faxbot-send',
                exten: 's',
                priority: 1,
              }),
            ]),
          );
        }
        write(
          session,
          packet([
            ['Event', 'CoreShowChannelsComplete'],
            ['ActionID', id],
            ['EventList', 'Complete'],
            ['ListItems', String(liveChannels.size)],
          ]),
        );
        return;
      }
      case 'hangup': {
        if (!may(session, 'system', 'call')) return respond(session, action, 'Error', [['Message', 'Permission denied']]);
        const wanted = action.get('Channel') ?? '';
        const found = [...liveChannels].find(([, c]) => c.name === wanted);
        if (!found) return respond(session, action, 'Error', [['Message', 'No such channel']]);
        liveChannels.delete(found[0]);
        fake.hangups.push(found[0]);
        await respond(session, action, 'Success', [['Message', 'Channel Hungup']]);
        emit('call', [
          ['Event', 'Hangup'],
          ...snapshot({
            name: wanted,
            state: 6,
            uniqueid: found[0],
            callerNum: '',
            callerName: '',
            connectedNum: found[1].number,
            context: 'faxbot-send',
            exten: 's',
            priority: 1,
          }),
          ['Cause', '16'],
          ['Cause-txt', 'Normal Clearing'],
        ]);
        return;
      }
      case 'originate':
        return originate(session, action);
      default:
        return respond(session, action, 'Error', [
          ['Message', `Invalid/unknown command: ${name}. Use Action: ListCommands to show available commands.`],
        ]);
    }
  };

  const originate = async (session: Session, action: ActionPacket) => {
    if (!may(session, 'originate')) return respond(session, action, 'Error', [['Message', 'Permission denied']]);
    const channel = action.get('Channel');
    if (!channel) return respond(session, action, 'Error', [['Message', 'Channel not specified']]);
    if (!channel.includes('/')) return respond(session, action, 'Error', [['Message', 'Invalid channel']]);
    if (action.get('Context') !== 'faxbot-send' || action.get('Exten') !== 's')
      return respond(session, action, 'Error', [['Message', 'Extension does not exist.']]);
    const channelId = action.get('ChannelId') ?? `fake-${++channelSeq}`;
    if (channelId.length > 149) return respond(session, action, 'Error', [['Message', 'Uniqueid length exceeds maximum of 149']]);
    const variables: Record<string, string> = {};
    for (const line of action.all('Variable')) {
      const eq = line.indexOf('=');
      if (eq > 0) variables[line.slice(0, eq)] = line.slice(eq + 1);
    }
    const number = /^PJSIP\/([^@]+)@/.exec(channel)?.[1] ?? '';
    const actionId = action.get('ActionID') ?? '';
    fake.originates.push({ actionId, channel, number, channelId, variables, headers: action.headers });
    await respond(session, action, 'Success', [['Message', 'Originate successfully queued']]);
    void placeCall({ actionId, channel, number, channelId, variables, callerId: action.get('CallerID') ?? '' });
  };

  const placeCall = (call: PlacedCall) => {
    const queue = outcomes.get(call.number);
    const outcome: CallOutcome = (queue && queue.length > 1 ? queue.shift() : queue?.[0]) ?? { kind: 'success' };
    return runCall(call, {
      outcome,
      channelName: `PJSIP/fax-trunk-${String(++channelSeq).padStart(8, '0')}`,
      emit,
      step,
      noisy,
      liveChannels,
      astdb: fake.astdb,
      answered: () => {
        if (!dropNextAnswer) return;
        dropNextAnswer = false;
        for (const session of sessions) session.socket.destroy();
      },
    });
  };

  const server: Server = createServer((socket) => {
    socket.setNoDelay(true);
    const session: Session = { socket, user: null, challenge: null, classes: new Set() };
    sessions.add(session);
    socket.on('close', () => sessions.delete(session));
    socket.on('error', () => undefined);
    if (silent) return;
    write(session, `Asterisk Call Manager/${options.version ?? '9.0.0'}\r\n`);
    // One action at a time per session, like Asterisk's session thread (§2.2).
    let chain = Promise.resolve();
    const reader = new ActionReader(
      (action) => (chain = chain.then(() => handle(session, action)).catch(() => undefined)),
      () =>
        write(
          session,
          packet([
            ['Response', 'Error'],
            ['Message', 'Failed to parse message: line too long'],
          ]),
        ),
    );
    socket.on('data', (chunk) => reader.push(chunk));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;

  const inboundEvent = (uniqueid: string) => {
    const body = inbound.get(uniqueid);
    if (body) emit('user', body);
  };

  return {
    host: '127.0.0.1',
    port,
    ...fake,
    connections: () => sessions.size,
    controls: {
      outcomeFor: (number, ...list) => outcomes.set(number.replace(/\D/g, ''), list),
      silent: (on) => (silent = on),
      splitWrites: (on) => (split = on),
      noise: (on) => (noisy = on),
      replyDelay: (ms) => (delayMs = ms),
      dropOnAnswer: () => (dropNextAnswer = true),
      sendRaw: (text) => sessions.forEach((s) => s.user && write(s, text)),
      dropAll: () => sessions.forEach((s) => s.socket.destroy()),
      shutdown: () => {
        emit('system', [
          ['Event', 'Shutdown'],
          ['Shutdown', 'Cleanly'],
          ['Restart', 'True'],
        ]);
        sessions.forEach((s) => s.socket.end());
      },
      deliverInbound: (fax) => {
        if (!options.spoolDir) throw new Error('the fake needs spoolDir to deliver a received fax');
        const uniqueid = fax.uniqueid ?? `${Math.floor(Date.now() / 1000)}.${++channelSeq}`;
        const inDir = join(options.spoolDir, 'in');
        mkdirSync(inDir, { recursive: true });
        const localFile = join(inDir, `${uniqueid}.tif`);
        // No page received: ReceiveFAX leaves no usable file behind.
        if (fax.pages > 0) {
          writeFileSync(`${localFile}.part`, makeFaxTiff(fax.pages));
          renameSync(`${localFile}.part`, localFile);
        }
        const remoteFile = `${remoteDir}/in/${uniqueid}.tif`;
        const status = fax.status ?? 'SUCCESS';
        const snap = snapshot({
          name: `PJSIP/fax-trunk-${String(++channelSeq).padStart(8, '0')}`,
          state: 6,
          uniqueid,
          callerNum: fax.from,
          callerName: '',
          connectedNum: fax.to,
          context: 'faxbot-receive-result',
          exten: 's',
          priority: 1,
        });
        emit('call', [
          ['Event', 'ReceiveFAX'],
          ...snap,
          ['LocalStationID', fax.to],
          ['RemoteStationID', fax.from],
          ['PagesTransferred', String(fax.pages)],
          ['Resolution', '8040x3850'],
          ['TransferRate', '14400'],
          ['FileName', remoteFile],
        ]);
        inbound.set(uniqueid, [
          ['Event', 'UserEvent'],
          ...snap,
          ['UserEvent', 'FaxbotReceived'],
          ['File', remoteFile],
          ['From', fax.from],
          ['To', fax.to],
          ['Status', status],
          ['Error', status === 'SUCCESS' ? '' : 'HANGUP'],
          ['Pages', String(fax.pages)],
          ['RemoteStationID', fax.from],
          ['Cause', '16'],
        ]);
        inboundEvent(uniqueid);
        return { uniqueid, localFile };
      },
      announceInbound: inboundEvent,
    },
    close: () =>
      new Promise<void>((resolve) => {
        sessions.forEach((s) => s.socket.destroy());
        server.close(() => resolve());
      }),
  };
}

/** The Events: mask at login or Action: Events, within the user's read= classes (§2.3). */
function eventClasses(mask: string | undefined, read: string[]): Set<string> {
  const value = (mask ?? 'on').trim().toLowerCase();
  if (value === 'off') return new Set();
  if (value === 'on') return new Set(read);
  return new Set(
    value
      .split(',')
      .map((c) => c.trim())
      .filter((c) => read.includes(c)),
  );
}
