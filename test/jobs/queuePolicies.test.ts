// The queue's duties toward a provider: honour its Retry-After, poll on its schedule, and
// settle an attempt whose outcome is unknown by asking it, even when the first ask fails.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/engine/database';
import { FaxQueue, JobStore } from '../../main/engine/jobs';
import { createLogger } from '../../main/engine/log';
import type { ProviderFaxStatus, ProviderPlugin } from '../../main/engine/providers';
import { FaxError } from '../../shared/errors';

let queue: FaxQueue | null = null;
afterEach(async () => {
  await queue?.stop();
  queue = null;
});

function setUp(provider: ProviderPlugin, overrides: Partial<ConstructorParameters<typeof FaxQueue>[0]> = {}) {
  const db = openDatabase({ dataDir: mkdtempSync(join(tmpdir(), 'faxbot-queue-')) });
  db.prepare(`INSERT INTO documents (id, kind, file_name, pages, bytes, sha256, staged, created_at) VALUES ('doc', 'pdf', 'a.pdf', 1, 10, 'x', 0, '2026-01-01T00:00:00Z')`).run();
  const store = new JobStore(db);
  store.insert({ id: 'job', to: '+12025550143', recipientName: '', documentId: 'doc', pages: 1, fileNames: ['a.pdf'], coverPage: false, provider: provider.id, maxAttempts: 3 });
  queue = new FaxQueue({
    store,
    readDocument: async () => new Uint8Array([37, 80, 68, 70]),
    provider,
    concurrency: () => 1,
    station: () => ({ number: '', name: '', headerText: '' }),
    retry: { baseMs: 10, maxMs: 100 },
    statusPollMs: 60_000,
    logger: createLogger({ level: 'error' }),
    onJobChanged: () => undefined,
    ...overrides,
  });
  return store;
}

function provider(parts: Partial<ProviderPlugin>): ProviderPlugin {
  return {
    id: 'test',
    label: 'Test',
    start: async () => undefined,
    stop: async () => undefined,
    send: async () => ({ providerFaxId: 'p1' }),
    lookup: async () => null,
    getStatus: async (): Promise<ProviderFaxStatus> => ({ providerFaxId: 'p1', state: 'sending' }),
    ...parts,
  };
}

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
