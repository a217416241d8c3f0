// Shared set-up for the AMI client tests: a capturing logger, a client against a fake, and
// waiting for a condition the code announces (no fixed sleeps).
import { createServer, type Socket } from 'node:net';
import { createLogger, type Logger } from '../../main/engine/log';
import { AmiClient, type AmiClientOptions, type AmiLogin, type AmiPacket } from '../../main/engine/ami';
import { FAKE_AMI_USER, type FakeAmi } from '../fakes/ami';

export function capturingLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  return { logger: createLogger({ level: 'debug', write: (line) => lines.push(line) }), lines };
}

export function loginFor(fake: { host: string; port: number }, overrides: Partial<AmiLogin> = {}): AmiLogin {
  return {
    host: fake.host,
    port: fake.port,
    username: FAKE_AMI_USER.username,
    secret: FAKE_AMI_USER.secret,
    auth: 'md5',
    events: 'call,user,system',
    ...overrides,
  };
}

export function clientFor(
  fake: FakeAmi,
  logger: Logger,
  overrides: Partial<AmiClientOptions> = {},
  login: Partial<AmiLogin> = {},
): AmiClient {
  return new AmiClient({
    login: loginFor(fake, login),
    logger,
    backoff: { baseMs: 10, maxMs: 50 },
    timeouts: { connectMs: 2000, actionMs: 2000 },
    ...overrides,
  });
}

/** Resolves with the first event the predicate accepts. */
export function nextEvent(client: AmiClient, accept: (event: AmiPacket) => boolean, timeoutMs = 5000): Promise<AmiPacket> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error('Timed out waiting for an AMI event'));
    }, timeoutMs);
    const off = client.onEvent((event) => {
      if (!accept(event)) return;
      clearTimeout(timer);
      off();
      resolve(event);
    });
  });
}

export async function until<T>(check: () => T | undefined | false, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** A port with nothing listening on it: bind, note the port, close. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A TCP server that says something other than AMI's banner, or nothing at all. */
export async function strangeServer(
  greeting: string | null,
): Promise<{ host: string; port: number; connections(): number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    if (greeting !== null) socket.write(greeting);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    host: '127.0.0.1',
    port: (server.address() as { port: number }).port,
    connections: () => sockets.size,
    close: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((s) => s.destroy());
        server.close(() => resolve());
      }),
  };
}
