// Shared set-up for the Phaxio adapter tests: a fake Phaxio and a provider pointed at it.
import { createLogger } from '../../../main/engine/log';
import { PhaxioProvider, type PhaxioProviderOptions } from '../../../main/engine/providers/phaxio';
import type { OutboundFax } from '../../../main/engine/providers';
import { startFakePhaxio, type FakePhaxio } from '../../fakes/phaxio';
import { makeTestPdf } from '../../support/pdfs';
import { startEngine, type Harness } from '../../support/engineHarness';

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

/**
 * The real engine with FAX_BACKEND=phaxio against a fake Phaxio, callbacks arriving through
 * the real webhook listener (its loopback address set as the public URL). pollMs: how often
 * the queue polls Phaxio; a minute means only a callback can finish a job in time.
 */
export async function startPhaxioEngine(pollMs = 60_000, fakeOptions: { stepMs?: number } = {}): Promise<{ fake: FakePhaxio; h: Harness }> {
  const fake = await startFakePhaxio({ ...CREDENTIALS, ...fakeOptions });
  const h = await startEngine({
    backend: 'phaxio',
    webhookPort: 0,
    env: {
      FAX_BACKEND: 'phaxio',
      PHAXIO_API_KEY: CREDENTIALS.apiKey,
      PHAXIO_API_SECRET: CREDENTIALS.apiSecret,
      PHAXIO_CALLBACK_TOKEN: CREDENTIALS.callbackToken,
      PHAXIO_BASE_URL: fake.url,
      FAXBOT_STATUS_POLL_MS: String(pollMs),
    },
  });
  const { listenAddress } = await h.engine.call('getWebhookHealth', {});
  await h.engine.call('setWebhookPublicUrl', { publicUrl: listenAddress });
  return { fake, h };
}
