// The sip provider against the fake AMI with a temporary shared folder, and a sink that
// records what the provider reports (statuses, received faxes).
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SipProvider, type SipProviderOptions } from '../../main/engine/providers/sip';
import type { ProviderFaxStatus, ProviderSink, ReceivedFax } from '../../main/engine/providers';
import { makeTestPdf } from '../support/pdfs';
import { FAKE_AMI_USER, type FakeAmi } from '../fakes/ami';
import { capturingLogger, until } from './amiFixture';

export const REMOTE_DIR = '/var/spool/asterisk/faxbot';

export function tempSpool(): string {
  const dir = mkdtempSync(join(tmpdir(), 'faxbot-spool-'));
  mkdirSync(join(dir, 'in'));
  mkdirSync(join(dir, 'out'));
  return dir;
}

export interface RecordingSink extends ProviderSink {
  statuses: ProviderFaxStatus[];
  received: ReceivedFax[];
  finalFor(key: string): Promise<ProviderFaxStatus>;
}

export function recordingSink(): RecordingSink {
  const statuses: ProviderFaxStatus[] = [];
  const received: ReceivedFax[] = [];
  return {
    statuses,
    received,
    statusChanged: (status) => void statuses.push(status),
    faxReceived: async (fax) => void received.push(fax),
    finalFor: (key) =>
      until(
        () => statuses.find((s) => s.idempotencyKey === key && (s.state === 'delivered' || s.state === 'failed')),
        `a final status for ${key}`,
        10_000,
      ),
  };
}

export async function startSip(fake: FakeAmi, spoolDir: string, overrides: Partial<SipProviderOptions> & { noWait?: boolean } = {}) {
  const log = capturingLogger();
  const provider = new SipProvider({
    ami: {
      host: fake.host,
      port: fake.port,
      username: FAKE_AMI_USER.username,
      secret: FAKE_AMI_USER.secret,
      auth: 'md5',
      events: 'call,user,system',
    },
    trunk: 'fax-trunk',
    spoolDir,
    spoolDirRemote: REMOTE_DIR,
    logger: log.logger,
    resultGraceMs: 200,
    amiTuning: { backoff: { baseMs: 20, maxMs: 100 }, timeouts: { connectMs: 2000, actionMs: 2000 } },
    ...overrides,
  } as SipProviderOptions);
  const sink = recordingSink();
  await provider.start(sink);
  if (!overrides.noWait) await provider.client.waitUntilReady(5000);
  return { provider, sink, lines: log.lines };
}

let pdfCache: Uint8Array | undefined;
export async function outboundFax(key: string, to = '+14155550123') {
  pdfCache ??= await makeTestPdf(2);
  return {
    idempotencyKey: key,
    jobId: key.split('.')[0],
    to,
    pdf: pdfCache,
    pages: 2,
    from: { number: '+15551230000', name: 'Example Clinic', headerText: 'Example Clinic' },
  };
}
