// Logging in and the distinct failures "Test connection" must tell apart (issue 7): wrong
// credentials, a refused connection, a silent server, something that is not AMI.
import { afterEach, describe, expect, it } from 'vitest';
import { amiLoginKey, probeAmi } from '../../main/engine/ami';
import { FaxError } from '../../shared/errors';
import { startFakeAmi, type FakeAmi } from '../fakes/ami';
import { capturingLogger, closedPort, loginFor, strangeServer } from './amiFixture';

let fake: FakeAmi | undefined;
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await fake?.close();
  fake = undefined;
  for (const c of cleanups.splice(0)) await c();
});

async function failure(promise: Promise<unknown>): Promise<FaxError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FaxError);
  return error as FaxError;
}

describe('AMI login', () => {
  it('logs in with the MD5 challenge and never puts the secret on the wire or in the log', async () => {
    fake = await startFakeAmi();
    const { logger, lines } = capturingLogger();
    expect(await probeAmi(loginFor(fake), logger)).toEqual({ amiVersion: '9.0.0' });
    expect(fake.actions).toEqual(['Challenge', 'Login', 'Ping', 'Logoff']);
    expect(lines.join('\n')).not.toContain('s3cret');
  });

  it('logs in with a plain secret when asked to', async () => {
    fake = await startFakeAmi();
    await probeAmi(loginFor(fake, { auth: 'plain' }), capturingLogger().logger);
    expect(fake.actions).toEqual(['Login', 'Ping', 'Logoff']);
  });

  it('computes the MD5 key as the contract’s test vector does', () => {
    expect(amiLoginKey('1234567890', 's3cret')).toBe('f636d28296db47233db6b0bdeb2442a7');
  });

  it('says the user or password is wrong when Asterisk refuses the login', async () => {
    fake = await startFakeAmi({ authFailDelayMs: 50 });
    const error = await failure(probeAmi(loginFor(fake, { secret: 'wrong' }), capturingLogger().logger));
    expect(error.code).toBe('provider_auth');
    expect(error.message).toMatch(/refused the AMI login for user "faxbot"/);
    expect(error.message).toMatch(/ASTERISK_AMI_PASSWORD/);
  });

  it('refuses an unknown user with the same clear message, also with plain login', async () => {
    fake = await startFakeAmi({ authFailDelayMs: 50 });
    const error = await failure(probeAmi(loginFor(fake, { username: 'nobody', auth: 'plain' }), capturingLogger().logger));
    expect(error.code).toBe('provider_auth');
    expect(error.message).toMatch(/"nobody"/);
  });

  it('says nothing is listening when the connection is refused, naming host and port', async () => {
    const port = await closedPort();
    const error = await failure(probeAmi(loginFor({ host: '127.0.0.1', port }), capturingLogger().logger));
    expect(error.code).toBe('provider_unavailable');
    expect(error.message).toContain(`127.0.0.1:${port}`);
    expect(error.message).toMatch(/is Asterisk running/);
    expect(error.message).toMatch(/manager\.conf/);
  });

  it('says the server is silent when it accepts the connection but sends no greeting', async () => {
    const silent = await strangeServer(null);
    cleanups.push(silent.close);
    const error = await failure(probeAmi(loginFor(silent), capturingLogger().logger, { connectMs: 300 }));
    expect(error.code).toBe('provider_timeout');
    expect(error.message).toMatch(/no Asterisk Call Manager greeting within 0.3 s/);
  });

  it('says the server is silent when it greets but never answers the login', async () => {
    fake = await startFakeAmi();
    fake.controls.replyDelay(5_000);
    const error = await failure(probeAmi(loginFor(fake), capturingLogger().logger, { actionMs: 300 }));
    expect(error.code).toBe('provider_timeout');
    expect(error.message).toMatch(/no answer to the login/);
  });

  it('says the port is not AMI when something else answers', async () => {
    const ssh = await strangeServer('SSH-2.0-OpenSSH_9.6\r\n');
    cleanups.push(ssh.close);
    const error = await failure(probeAmi(loginFor(ssh), capturingLogger().logger));
    expect(error.code).toBe('provider_error');
    expect(error.message).toMatch(/not Asterisk's manager interface \(it said "SSH-2.0-OpenSSH_9.6"\)/);
  });

  it('gives four different messages for the four failures', async () => {
    fake = await startFakeAmi({ authFailDelayMs: 10 });
    const silent = await strangeServer(null);
    const ssh = await strangeServer('HTTP/1.1 400 Bad Request\r\n\r\n');
    cleanups.push(silent.close, ssh.close);
    const logger = capturingLogger().logger;
    const messages = await Promise.all([
      failure(probeAmi(loginFor(fake, { secret: 'x' }), logger)),
      failure(probeAmi(loginFor({ host: '127.0.0.1', port: await closedPort() }), logger)),
      failure(probeAmi(loginFor(silent), logger, { connectMs: 200 })),
      failure(probeAmi(loginFor(ssh), logger)),
    ]);
    expect(new Set(messages.map((m) => m.code)).size).toBe(4);
  });
});
