// The queue's duties toward a provider: honour its Retry-After, poll on its schedule, and
// settle an attempt whose outcome is unknown by asking it, even when the first ask fails.
import { afterEach, describe, expect, it } from 'vitest';
import type { FaxQueue } from '../../main/engine/jobs';
import type { ProviderPlugin } from '../../main/engine/providers';
import { FaxError } from '../../shared/errors';
import { queueFor, storeWithOneJob, testProvider, type QueueOptions } from './oneJobQueue';

let queue: FaxQueue | null = null;
afterEach(async () => {
  await queue?.stop();
  queue = null;
});

function setUp(provider: ProviderPlugin, overrides: Partial<QueueOptions> = {}) {
  const { store } = storeWithOneJob(provider.id, 'faxbot-queue-');
  queue = queueFor(store, provider, overrides);
  return store;
}

const provider = testProvider;

describe('the queue and its provider', () => {
  it('waits as long as a rate-limited provider asks (Retry-After), not its own shorter back-off', async () => {
    let calls = 0;
    const store = setUp(
      provider({
        send: async () => {
          calls++;
          throw new FaxError('provider_unavailable', 'Slow down.', { retryable: true, retryAfterMs: 30_000 });
        },
      }),
    );
    const before = Date.now();
    await queue!.start();
    await expect.poll(() => store.get('job')!.attempts).toBe(1);
    await expect.poll(() => store.get('job')!.status).toBe('queued');
    const next = Date.parse(store.get('job')!.nextAttemptAt!);
    expect(next - before).toBeGreaterThanOrEqual(29_000);
    expect(calls).toBe(1);
  });

  it('polls on the provider’s own schedule, shorter when webhooks cannot reach us', async () => {
    const asked: boolean[] = [];
    let polls = 0;
    const store = setUp(
      provider({
        statusPollMs: (reachable) => {
          asked.push(reachable);
          return reachable ? 600_000 : 30;
        },
        getStatus: async () => {
          polls++;
          return polls >= 3 ? { providerFaxId: 'p1', state: 'delivered', pagesSent: 1 } : { providerFaxId: 'p1', state: 'sending' };
        },
      }),
      { webhooksReachable: () => false },
    );
    await queue!.start();
    await expect.poll(() => store.get('job')!.status, { timeout: 5_000 }).toBe('delivered');
    expect(asked).toContain(false);
    expect(polls).toBeGreaterThanOrEqual(3);
  });

  it('settles an unknown outcome by asking the provider, even when the first ask fails', async () => {
    let lookups = 0;
    let sends = 0;
    const store = setUp(
      provider({
        send: async () => {
          sends++;
          throw new FaxError('outcome_unknown', 'The connection dropped after the fax was sent.');
        },
        lookup: async (key) => {
          lookups++;
          if (lookups === 1) throw new FaxError('provider_unavailable', 'Provider down.', { retryable: true });
          return { providerFaxId: 'p9', idempotencyKey: key, state: 'delivered', pagesSent: 1 };
        },
      }),
      { statusPollOverrideMs: 20, retry: { baseMs: 10, maxMs: 100 } },
    );
    await queue!.start();
    await expect.poll(() => store.get('job')!.status, { timeout: 5_000 }).toBe('delivered');
    expect(sends).toBe(1);
    expect(lookups).toBeGreaterThanOrEqual(2);
    expect(store.get('job')!.providerFaxId).toBe('p9');
  });
});
