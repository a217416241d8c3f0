// The sip provider against the fake AMI over TCP and a real temporary shared folder: what it
// asks Asterisk to do, and how each scripted outcome of contract §5.3/§7 ends the attempt.
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SipProvider } from '../../main/engine/providers/sip';
import { FaxError } from '../../shared/errors';
import { makeFaxTiff, startFakeAmi, type CallOutcome, type FakeAmi } from '../fakes/ami';
import { until } from '../ami/amiFixture';
import { outboundFax, REMOTE_DIR, startSip, tempSpool } from '../ami/sipFixture';

let fake: FakeAmi | undefined;
let provider: SipProvider | undefined;
afterEach(async () => {
  await provider?.stop();
  await fake?.close();
  provider = undefined;
  fake = undefined;
});

async function setup(options: Parameters<typeof startSip>[2] = {}, fakeOptions: Parameters<typeof startFakeAmi>[0] = {}) {
  const spool = tempSpool();
  fake = await startFakeAmi({ spoolDir: spool, ...fakeOptions });
  const started = await startSip(fake, spool, options);
  provider = started.provider;
  return { fake, spool, ...started };
}

async function outcomeOf(outcome: CallOutcome) {
  const { fake, provider, sink } = await setup();
  fake.controls.outcomeFor('+14155550123', outcome);
  await provider.send(await outboundFax('job-1.1'));
  return sink.finalFor('job-1.1');
}

describe('sending through Asterisk', () => {
  it('writes a fax TIFF to out/ and originates once into faxbot-send with one header per variable', async () => {
    const { fake, provider, spool } = await setup();
    fake.controls.outcomeFor('+14155550123', { kind: 'stuck' });
    const { providerFaxId } = await provider.send(await outboundFax('job-1.1'));
    expect(providerFaxId).toBe('faxbot-job-1.1');
    const [call] = fake.originates;
    expect(call.channel).toBe('PJSIP/14155550123@fax-trunk');
    expect(call.channelId).toBe('faxbot-job-1.1');
    expect(call.actionId).toBe('faxbot-originate-job-1.1');
    const header = (name: string) => call.headers.filter(([n]) => n === name).map(([, v]) => v);
    expect([header('Context'), header('Exten'), header('Priority'), header('Async'), header('Timeout')]).toEqual([
      ['faxbot-send'],
      ['s'],
      ['1'],
      ['true'],
      ['60000'],
    ]);
    expect(header('CallerID')).toEqual(['"Example Clinic" <15551230000>']);
    expect(header('Variable')).toEqual([
      'FAXBOT_JOB=job-1.1',
      `FAXBOT_FILE=${REMOTE_DIR}/out/job-1.1.tiff`,
      'FAXBOT_HEADER=Example Clinic',
      'FAXBOT_STATION=+15551230000',
    ]);
    // libtiff, not our own reader, checks the file Asterisk will send (contract §10).
    const info = execFileSync('tiffinfo', [join(spool, 'out', 'job-1.1.tiff')]).toString();
    expect(info).toMatch(/Image Width: 1728/);
    expect(info).toMatch(/CCITT Group 4/);
    expect(info.match(/TIFF Directory at/g)).toHaveLength(2);
  });

  it('marks the fax delivered from the dialplan’s FaxbotResult, then removes the TIFF and the AstDB copy', async () => {
    const { fake, provider, sink, spool } = await setup();
    fake.controls.outcomeFor('+14155550123', { kind: 'success', pages: 2 });
    await provider.send(await outboundFax('job-1.1'));
    expect(await sink.finalFor('job-1.1')).toMatchObject({ state: 'delivered', pagesSent: 2, providerFaxId: 'faxbot-job-1.1' });
    expect(sink.statuses.some((s) => s.state === 'sending')).toBe(true);
    await until(() => !existsSync(join(spool, 'out', 'job-1.1.tiff')) && !fake.astdb.has('faxbot/job-1.1'), 'the TIFF and AstDB key to go');
  });

  it('ends a busy line as a retryable failure', async () => {
    expect(await outcomeOf({ kind: 'busy' })).toMatchObject({ state: 'failed', error: { code: 'line_busy', retryable: true } });
  });

  it('ends an unanswered call as a retryable failure', async () => {
    const status = await outcomeOf({ kind: 'no_answer' });
    expect(status).toMatchObject({ state: 'failed', error: { code: 'no_answer', retryable: true } });
    expect(status.error!.message).toMatch(/Nobody answered.*cause 19/);
  });

  it('ends network congestion as a retryable failure', async () => {
    expect(await outcomeOf({ kind: 'congestion' })).toMatchObject({
      state: 'failed',
      error: { code: 'provider_unavailable', retryable: true },
    });
  });

  it('matches an OriginateResponse by its ActionID when Asterisk gives no Uniqueid', async () => {
    const { fake, provider, sink } = await setup();
    fake.controls.outcomeFor('+14155550123', { kind: 'stuck' });
    await provider.send(await outboundFax('job-1.1'));
    fake.controls.sendRaw(
      'Event: OriginateResponse\r\nPrivilege: call,all\r\nActionID: faxbot-originate-job-1.1\r\nResponse: Failure\r\nChannel: PJSIP/14155550123@fax-trunk\r\nReason: 5\r\nUniqueid: <unknown>\r\n\r\n',
    );
    expect(await sink.finalFor('job-1.1')).toMatchObject({ state: 'failed', error: { code: 'line_busy' } });
  });

  it('ends an unallocated number for good', async () => {
    expect(await outcomeOf({ kind: 'unallocated' })).toMatchObject({
      state: 'failed',
      error: { code: 'number_not_in_service', retryable: false },
    });
  });

  it('fails for good, in words, when the far end cannot take the image (negotiation failure)', async () => {
    const status = await outcomeOf({ kind: 'fax_failed', error: 'Far end cannot receive at the resolution of the image' });
    expect(status).toMatchObject({ state: 'failed', error: { code: 'document_rejected', retryable: false } });
    expect(status.error!.message).toMatch(/cannot take pages at this resolution/);
  });

  it('retries a failed T.38 negotiation', async () => {
    const status = await outcomeOf({ kind: 'fax_failed', error: 'T38_NEG_ERROR', statusString: 'error negotiating T.38' });
    expect(status).toMatchObject({ state: 'failed', error: { code: 'provider_error', retryable: true } });
    expect(status.error!.message).toMatch(/T\.38/);
  });

  it('says when a person answered instead of a fax machine', async () => {
    expect(await outcomeOf({ kind: 'human' })).toMatchObject({ state: 'failed', error: { code: 'not_a_fax_machine', retryable: true } });
  });

  it('ends every call within its deadline, even when Asterisk never reports', async () => {
    const { fake, provider, sink } = await setup({ callTimeoutMs: () => 300 });
    fake.controls.outcomeFor('+14155550123', { kind: 'stuck' });
    await provider.send(await outboundFax('job-1.1'));
    expect(await sink.finalFor('job-1.1')).toMatchObject({ state: 'failed', error: { code: 'provider_timeout', retryable: true } });
    // The call still up is hung up, so a retry cannot overlap it.
    await until(() => fake.hangups.includes('faxbot-job-1.1'), 'the overdue call to be hung up');
  });

  it('never originates the same attempt twice', async () => {
    const { fake, provider, sink } = await setup();
    const fax = await outboundFax('job-1.1');
    await Promise.all([provider.send(fax), provider.send(fax)].map((p) => p.catch(() => undefined)));
    await sink.finalFor('job-1.1');
    await provider.send(fax);
    expect(fake.originates).toHaveLength(1);
  });

  it('resolves a call whose connection dropped mid-fax from AstDB after reconnecting, with one Originate', async () => {
    const { fake, provider, sink } = await setup();
    fake.controls.dropOnAnswer();
    await provider.send(await outboundFax('job-1.1'));
    expect(await sink.finalFor('job-1.1')).toMatchObject({ state: 'delivered' });
    expect(fake.originates).toHaveLength(1);
    expect(fake.actions.filter((a) => a === 'Login')).toHaveLength(2);
  });

  it('refuses without calling while Asterisk is unreachable, saying why', async () => {
    const { fake, provider, spool } = await setup({ readyWaitMs: 300 });
    await fake.close();
    await until(() => !provider.client.ready, 'the disconnect');
    const error = await provider.send(await outboundFax('job-1.1')).catch((e: FaxError) => e);
    expect(error).toMatchObject({ code: 'provider_unavailable', retryable: true });
    expect((error as FaxError).message).toMatch(/Nothing accepted a connection at 127\.0\.0\.1:\d+/);
    expect(existsSync(join(spool, 'out', 'job-1.1.tiff'))).toBe(false);
  });

  it('says the AMI user may not place calls when Originate is refused, and leaves no TIFF behind', async () => {
    const { provider, spool } = await setup(
      {},
      { users: { faxbot: { secret: 's3cret', read: ['call', 'user', 'system'], write: ['system'] } } },
    );
    const error = await provider.send(await outboundFax('job-1.1')).catch((e: FaxError) => e);
    expect(error).toBeInstanceOf(FaxError);
    expect(error).toMatchObject({ code: 'provider_auth' });
    expect((error as FaxError).message).toMatch(/write = originate/);
    expect(existsSync(join(spool, 'out', 'job-1.1.tiff'))).toBe(false);
  });
});

describe('after a restart (lookup by attempt key)', () => {
  it('finds a finished attempt’s result in AstDB', async () => {
    const { fake, provider } = await setup();
    fake.astdb.set('faxbot/job-9.1', 'FAILED|HANGUP|1|16');
    expect(await provider.lookup('job-9.1')).toMatchObject({
      state: 'failed',
      error: { retryable: true, message: expect.stringMatching(/hung up during the fax after 1 page/) },
    });
  });

  it('says "never seen" for an attempt that never reached Asterisk, so it is sent', async () => {
    const { provider } = await setup();
    expect(await provider.lookup('job-9.1')).toBeNull();
  });

  it('ends an attempt as unknown when its TIFF was written but Asterisk has neither result nor call', async () => {
    const { provider, spool } = await setup();
    writeFileSync(join(spool, 'out', 'job-9.1.tiff'), 'x');
    expect(await provider.lookup('job-9.1')).toMatchObject({ state: 'failed', error: { code: 'outcome_unknown', retryable: true } });
  });

  it('reports an attempt whose call is still up as sending, without ending it', async () => {
    const { fake, provider, sink } = await setup();
    // Another run of the app originated it; this run only knows the key.
    const other = await startSip(fake, tempSpool());
    fake.controls.outcomeFor('+14155550123', { kind: 'stuck' });
    await other.provider.send(await outboundFax('job-9.1'));
    await other.provider.stop();
    expect(await provider.lookup('job-9.1')).toMatchObject({ state: 'sending' });
    expect(sink.statuses).toEqual([]);
  });
});

describe('receiving', () => {
  it('puts an announced fax in the Inbox once, even when announced twice, and removes the TIFF', async () => {
    const { fake, sink } = await setup();
    const { uniqueid, localFile } = fake.controls.deliverInbound({ from: '+14155550199', to: '+15551230000', pages: 2 });
    await until(() => sink.received.length === 1, 'the received fax');
    fake.controls.announceInbound(uniqueid);
    await until(() => !existsSync(localFile), 'the TIFF to be removed');
    expect(sink.received).toHaveLength(1);
    expect(sink.received[0]).toMatchObject({ providerFaxId: uniqueid, from: '+14155550199', to: '+15551230000', pages: 2 });
    expect(Buffer.from(sink.received[0].pdf.subarray(0, 5)).toString()).toBe('%PDF-');
  });

  it('imports a TIFF left in in/ whose announcement was missed while disconnected', async () => {
    const spool = tempSpool();
    writeFileSync(join(spool, 'in', '1700000000.42.tif'), makeFaxTiff(1));
    fake = await startFakeAmi({ spoolDir: spool });
    const started = await startSip(fake, spool, { inboundOrphanAgeMs: 0 });
    provider = started.provider;
    await until(() => started.sink.received.length === 1, 'the leftover fax');
    expect(started.sink.received[0]).toMatchObject({ providerFaxId: '1700000000.42', pages: 1 });
    await until(() => !existsSync(join(spool, 'in', '1700000000.42.tif')), 'the TIFF to be removed');
  });

  it('does not read a file outside the shared in/ folder, whatever the event says', async () => {
    const { fake, sink, lines } = await setup();
    fake.controls.sendRaw(
      'Event: UserEvent\r\nPrivilege: user,all\r\nUniqueid: 1700000000.5\r\nUserEvent: FaxbotReceived\r\nFile: /etc/passwd\r\nFrom: 1\r\nTo: 2\r\nStatus: SUCCESS\r\nPages: 1\r\n\r\n',
    );
    fake.controls.sendRaw(
      `Event: UserEvent\r\nPrivilege: user,all\r\nUniqueid: 1700000000.6\r\nUserEvent: FaxbotReceived\r\nFile: ${REMOTE_DIR}/in/../../../etc/passwd.tif\r\nStatus: SUCCESS\r\nPages: 1\r\n\r\n`,
    );
    await until(() => lines.filter((l) => l.includes('outside the shared in/ folder')).length === 2, 'both refusals');
    expect(sink.received).toEqual([]);
  });

  it('keeps a partly received fax (FAILED, but with pages) as contract §9.3 asks', async () => {
    const { fake, sink } = await setup();
    fake.controls.deliverInbound({ from: '+14155550199', to: '+15551230000', pages: 1, status: 'FAILED', uniqueid: 'x.1' });
    await until(() => sink.received.length === 1, 'the partial fax');
    expect(sink.received[0]).toMatchObject({ providerFaxId: 'x.1', pages: 1 });
  });

  it('records nothing for an incoming call that delivered no page', async () => {
    const { fake, sink, lines } = await setup();
    fake.controls.deliverInbound({ from: '+14155550199', to: '+15551230000', pages: 0, status: 'FAILED', uniqueid: 'x.2' });
    await until(() => lines.some((l) => l.includes('no page was received')), 'the log line');
    expect(sink.received).toEqual([]);
  });
});

describe('Test connection', () => {
  it('passes against a working Asterisk and shared folder', async () => {
    const { provider } = await setup();
    await expect(provider.testConnection!()).resolves.toBeUndefined();
  });

  it('says the shared folder is missing when in/ is not there', async () => {
    const { fake } = await setup();
    const { provider: other } = await startSip(fake, '/nonexistent-faxbot-spool/x', { noWait: true });
    await expect(other.testConnection!()).rejects.toMatchObject({ code: 'storage_error' });
    await other.stop();
  });
});
