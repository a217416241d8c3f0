// The long-lived AMI client against the fake over real TCP: ActionID correlation, events,
// list actions, keepalive, reconnecting, and a server that sends rubbish.
import { afterEach, describe, expect, it } from 'vitest';
import { AmiClient } from '../../main/engine/ami';
import { FaxError } from '../../shared/errors';
import { startFakeAmi, type FakeAmi } from '../fakes/ami';
import { capturingLogger, clientFor, loginFor, nextEvent, strangeServer, until } from './amiFixture';

let fake: FakeAmi | undefined;
let client: AmiClient | undefined;
afterEach(async () => {
  await client?.stop();
  await fake?.close();
  client = undefined;
  fake = undefined;
});

async function connected(options: Parameters<typeof clientFor>[2] = {}) {
  fake = await startFakeAmi();
  const log = capturingLogger();
  client = clientFor(fake, log.logger, options);
  client.start();
  await client.waitUntilReady(5000);
  return { fake, client, lines: log.lines };
}

const originate = (number: string, job: string) =>
  [
    ['Channel', `PJSIP/${number}@fax-trunk`],
    ['Context', 'faxbot-send'],
    ['Exten', 's'],
    ['Priority', '1'],
    ['Async', 'true'],
    ['ChannelId', `faxbot-${job}`],
    ['Variable', `FAXBOT_JOB=${job}`],
    ['Variable', 'FAXBOT_FILE=/var/spool/asterisk/faxbot/out/x.tiff'],
  ] as Array<[string, string]>;

describe('AmiClient', () => {
  it('delivers events that arrive in the same read as the login answer (FullyBooted)', async () => {
    fake = await startFakeAmi();
    client = clientFor(fake, capturingLogger().logger);
    const booted = nextEvent(client, (e) => e.name === 'FullyBooted');
    client.start();
    expect((await booted).get('Status')).toBe('Fully Booted');
  });

  it('matches each reply to its action by ActionID, even when many are in flight', async () => {
    const { client, fake } = await connected();
    fake.controls.replyDelay(5);
    const replies = await Promise.all([
      client.action('Ping'),
      client.action('Ping'),
      client
        .action('DBGet', [
          ['Family', 'faxbot'],
          ['Key', 'none'],
        ])
        .catch((e: Error) => e),
    ]);
    expect(replies[0].response.get('Ping')).toBe('Pong');
    expect(replies[1].response.get('ActionID')).not.toBe(replies[0].response.get('ActionID'));
    expect(replies[2]).toBeInstanceOf(FaxError);
    expect((replies[2] as FaxError).message).toMatch(/Database entry not found/);
  });

  it('passes the transcript’s events to subscribers, also when every byte arrives alone', async () => {
    const { client, fake } = await connected();
    fake.controls.splitWrites(true);
    fake.controls.noise(true);
    const result = nextEvent(client, (e) => e.get('UserEvent') === 'FaxbotResult');
    const reply = await client.action('Originate', originate('15558675309', 'J-42.1'));
    expect(reply.response.get('Message')).toBe('Originate successfully queued');
    const event = await result;
    expect(event.get('Status')).toBe('SUCCESS');
    expect(event.get('Uniqueid')).toBe('faxbot-J-42.1');
  });

  it('collects a list action’s items (DBGet) instead of handing them to subscribers', async () => {
    const { client, fake } = await connected();
    fake.astdb.set('faxbot/J-7.1', 'SUCCESS||2|16');
    const seen: string[] = [];
    client.onEvent((e) => seen.push(e.name));
    const reply = await client.action(
      'DBGet',
      [
        ['Family', 'faxbot'],
        ['Key', 'J-7.1'],
      ],
      { list: true },
    );
    expect(reply.items.map((i) => i.get('Val'))).toEqual(['SUCCESS||2|16']);
    expect(seen).not.toContain('DBGetResponse');
  });

  it('says an action got no answer in time, naming the action', async () => {
    const { client, fake } = await connected();
    fake.controls.replyDelay(1000);
    const error = await client.action('Ping', [], { timeoutMs: 100 }).catch((e: FaxError) => e);
    expect(error).toMatchObject({ code: 'outcome_unknown' });
    expect((error as FaxError).message).toMatch(/Ping sent to Asterisk .* did not answer within 0.1 s/);
  });

  it('rejects actions in flight when the connection drops, then reconnects and logs in again', async () => {
    const { client, fake } = await connected();
    fake.controls.replyDelay(500);
    const ready = new Promise<{ reconnected: boolean }>((resolve) => client.onReady(resolve));
    const down = new Promise<Error>((resolve) => client.onDown(resolve));
    const pending = client.action('Ping').catch((e: FaxError) => e);
    await until(() => fake.actions.filter((a) => a === 'Ping').length === 1, 'the fake to receive the Ping');
    fake.controls.replyDelay(0);
    fake.controls.dropAll();
    expect(await pending).toMatchObject({ code: 'outcome_unknown', message: expect.stringMatching(/dropped before Asterisk answered/) });
    await down;
    expect(await ready).toEqual({ reconnected: true });
    expect((await client.action('Ping')).response.get('Ping')).toBe('Pong');
    expect(fake.actions.filter((a) => a === 'Login')).toHaveLength(2);
  });

  it('fails at once while disconnected instead of queueing the action for later', async () => {
    const { client, fake } = await connected();
    await fake.close();
    await until(() => !client.ready, 'the client to notice');
    const error = await client.action('Originate', originate('15558675309', 'J-1.1')).catch((e: FaxError) => e);
    expect(error).toMatchObject({ code: 'provider_unavailable' });
  });

  it('pings while idle and reconnects when a Ping goes unanswered', async () => {
    const { client, fake } = await connected({ pingIntervalMs: 30, pingTimeoutMs: 100 });
    await until(() => fake.actions.includes('Ping'), 'a keepalive Ping');
    const down = new Promise<Error>((resolve) => client.onDown(resolve));
    fake.controls.replyDelay(2000);
    expect((await down).message).toMatch(/Ping sent to Asterisk/);
  });

  it('survives rubbish from the server: logs it and keeps working', async () => {
    const { client, fake, lines } = await connected();
    fake.controls.sendRaw('this is not a header\r\n\r\nResponse: Success\r\nActionID: nobody-asked\r\n\r\nFoo: bar\r\n\r\n\r\n\r\n');
    fake.controls.sendRaw(`Event: Huge\r\nData: ${'x'.repeat(70_000)}\r\n\r\n`);
    expect((await client.action('Ping')).response.get('Ping')).toBe('Pong');
    expect(lines.some((l) => l.includes('malformed line'))).toBe(true);
    expect(lines.some((l) => l.includes('neither a reply nor an event'))).toBe(true);
    expect(client.ready).toBe(true);
  });

  it('reconnects after Asterisk announces a shutdown and closes', async () => {
    const { client, fake } = await connected();
    const shutdown = nextEvent(client, (e) => e.name === 'Shutdown');
    const ready = new Promise<{ reconnected: boolean }>((resolve) => client.onReady(resolve));
    fake.controls.shutdown();
    expect((await shutdown).get('Restart')).toBe('True');
    expect(await ready).toEqual({ reconnected: true });
  });

  it('does not retry wrong credentials in a tight loop', async () => {
    fake = await startFakeAmi({ authFailDelayMs: 10 });
    client = clientFor(fake, capturingLogger().logger, { authRetryMs: 60_000 }, { secret: 'wrong' });
    client.start();
    const error = await client.waitUntilReady(1500).catch((e: FaxError) => e);
    expect(error).toMatchObject({ code: 'provider_auth' });
    // With a 10 ms back-off a loop would have logged in dozens of times by now.
    expect(fake.actions.filter((a) => a === 'Login')).toHaveLength(1);
  });

  it('stops at once while a connection attempt to a silent server is still waiting', async () => {
    const silent = await strangeServer(null);
    const { logger } = capturingLogger();
    client = new AmiClient({ login: loginFor(silent), logger, timeouts: { connectMs: 60_000 } });
    client.start();
    await until(() => silent.connections() === 1, 'the connection');
    // A 60 s greeting timeout must not hold up closing the app.
    await client.stop();
    expect(client.ready).toBe(false);
    client = undefined;
    await silent.close();
  });

  it('backs off between failed connection attempts instead of hammering', async () => {
    fake = await startFakeAmi();
    const port = fake.port;
    await fake.close();
    fake = undefined;
    const { logger, lines } = capturingLogger();
    client = clientFor({ host: '127.0.0.1', port } as FakeAmi, logger, { backoff: { baseMs: 20, maxMs: 80 }, random: () => 1 });
    client.start();
    await until(() => lines.filter((l) => l.includes('could not connect')).length >= 4, 'four failed attempts');
    const waits = lines
      .filter((l) => l.includes('could not connect'))
      .slice(0, 4)
      .map((l) => Number(/"retryInMs":(\d+)/.exec(l)?.[1]));
    expect(waits).toEqual([20, 40, 80, 80]);
  });
});
