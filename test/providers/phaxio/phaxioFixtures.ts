// Shared set-up for the Phaxio adapter tests: a fake Phaxio and a provider pointed at it.
import { createLogger } from '../../../main/engine/log';
import { PhaxioProvider, type PhaxioProviderOptions } from '../../../main/engine/providers/phaxio';
import type { OutboundFax } from '../../../main/engine/providers';
import { startFakePhaxio, type FakePhaxio } from '../../fakes/phaxio';
import { makeTestPdf } from '../../support/pdfs';

export const CREDENTIALS = { apiKey: 'key_live_1', apiSecret: 'secret_live_1', callbackToken: 'test-webhook-token' };
export const STATION = { number: '+12025550199', name: 'Front desk', headerText: 'Dr. Example Family Practice' };
export const quietLogger = createLogger({ level: 'error', write: () => undefined });

export async function fakeAndProvider(
  overrides: Partial<PhaxioProviderOptions> = {},
): Promise<{ fake: FakePhaxio; provider: PhaxioProvider }> {
  const fake = await startFakePhaxio({ ...CREDENTIALS });
  const provider = new PhaxioProvider({
    baseUrl: fake.url,
    ...CREDENTIALS,
    addressBook: { urlFor: () => null },
    station: () => STATION,
    logger: quietLogger,
    timeoutMs: 5_000,
    ...overrides,
  });
  return { fake, provider };
}

let counter = 0;
export async function outboundFax(to: string, pages = 1, from = STATION): Promise<OutboundFax> {
  counter++;
  const jobId = `job-${counter}`;
  return { idempotencyKey: `${jobId}.1`, jobId, to, pdf: await makeTestPdf(pages), pages, from };
}
