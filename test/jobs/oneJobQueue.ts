// The set-up the queue tests share: a real SQLite data folder holding one queued fax, a
// provider that accepts everything (each test replaces the duty it is about), and a queue
// with short retries and a poll too slow to finish anything by itself.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { openDatabase } from '../../main/engine/database';
import { FaxQueue, JobStore } from '../../main/engine/jobs';
import type { ProviderFaxStatus, ProviderPlugin } from '../../main/engine/providers';
import { testLogger } from '../support/testLog';

export type QueueOptions = ConstructorParameters<typeof FaxQueue>[0];

/** A fresh data folder with one staged PDF ('doc') and one queued job ('job') to +1 202 555 0143. */
export function storeWithOneJob(providerId = 'test', folderPrefix = 'faxbot-jobs-'): { db: Database.Database; store: JobStore } {
  const db = openDatabase({ dataDir: mkdtempSync(join(tmpdir(), folderPrefix)) });
  db.prepare(
    `INSERT INTO documents (id, kind, file_name, pages, bytes, sha256, staged, created_at) VALUES ('doc', 'pdf', 'a.pdf', 1, 10, 'x', 0, '2026-01-01T00:00:00Z')`,
  ).run();
  const store = new JobStore(db);
  store.insert({
    id: 'job',
    to: '+12025550143',
    recipientName: '',
    documentId: 'doc',
    pages: 1,
    fileNames: ['a.pdf'],
    coverPage: false,
    provider: providerId,
    maxAttempts: 3,
  });
  return { db, store };
}

/** Accepts every fax as 'p1' and says it is still sending; `parts` replace any of that. */
export function testProvider(parts: Partial<ProviderPlugin> = {}): ProviderPlugin {
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

/** One fax at a time, retries after 10–100 ms, and a poll once a minute (so only the test moves a fax on). */
export function queueFor(store: JobStore, provider: ProviderPlugin, overrides: Partial<QueueOptions> = {}): FaxQueue {
  return new FaxQueue({
    store,
    readDocument: async () => new Uint8Array([37, 80, 68, 70]),
    provider,
    concurrency: () => 1,
    station: () => ({ number: '', name: '', headerText: '' }),
    retry: { baseMs: 10, maxMs: 100 },
    statusPollMs: 60_000,
    logger: testLogger('error'),
    onJobChanged: () => undefined,
    ...overrides,
  });
}
