// A real engine on a fresh data folder, with helpers that wait for what it announces.
import { mkdtempSync } from 'node:fs';
import Database from 'better-sqlite3';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine, loadConfig, type Engine, type EngineConfig, type EngineOptions } from '../../main/engine';
import type { FaxJob, InboundFax } from '../../shared/model';
import { makeTestPdf } from './pdfs';
import { testLogger } from './testLog';

export interface Harness {
  engine: Engine;
  dataDir: string;
  stagePdf(pages?: number, fileName?: string): Promise<string>;
  send(to: string, options?: { pages?: number; cover?: boolean }): Promise<FaxJob>;
  waitForJob(id: string, predicate: (job: FaxJob) => boolean, timeoutMs?: number): Promise<FaxJob>;
  waitForInbound(predicate: (fax: InboundFax) => boolean, timeoutMs?: number): Promise<InboundFax>;
  close(): Promise<void>;
}

export async function startEngine(
  overrides: Partial<EngineConfig> = {},
  dataDir = mkdtempSync(join(tmpdir(), 'faxbot-test-')),
  options: Pick<EngineOptions, 'clock'> = {},
): Promise<Harness> {
  const engine = await createEngine({
    config: loadConfig({ dataDir, simulatorTimeScale: 0.01, retryBaseMs: 20, webhookPort: 0, ...overrides }, {}),
    logger: testLogger('warn'),
    headless: true,
    ...options,
  });
  const jobEvents: FaxJob[] = [];
  const inboundEvents: InboundFax[] = [];
  const waiters = new Set<() => void>();
  engine.on((event, payload) => {
    if (event === 'jobChanged') jobEvents.push(payload as FaxJob);
    if (event === 'faxReceived') inboundEvents.push(payload as InboundFax);
    for (const wake of waiters) wake();
  });

  const waitFor = <T>(find: () => T | undefined, what: string, timeoutMs: number) =>
    new Promise<T>((resolve, reject) => {
      const check = () => {
        const found = find();
        if (found !== undefined) {
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
        }
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`Timed out waiting for ${what}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });

  const stagePdf = async (pages = 1, fileName = 'letter.pdf') => {
    const staged = await engine.call('stageDocument', {
      fileName,
      contentBase64: Buffer.from(await makeTestPdf(pages)).toString('base64'),
    });
    return staged.documentId;
  };

  return {
    engine,
    dataDir,
    stagePdf,
    async send(to, options = {}) {
      const documentId = await stagePdf(options.pages ?? 1);
      return engine.call('sendFax', {
        to,
        recipientName: 'Test',
        documentIds: [documentId],
        cover: options.cover ? { subject: 'Test', notes: '' } : null,
      });
    },
    async waitForJob(id, predicate, timeoutMs = 15_000) {
      const current = await engine.call('getJob', { id });
      if (predicate(current)) return current;
      return waitFor(() => jobEvents.find((job) => job.id === id && predicate(job)), `job ${id}`, timeoutMs);
    },
    waitForInbound(predicate, timeoutMs = 15_000) {
      return waitFor(() => inboundEvents.find(predicate), 'a received fax', timeoutMs);
    },
    close: () => engine.close(),
  };
}

/** The document row a job or received fax points at, read straight from the data folder's SQLite file. */
export function documentIdOf(dataDir: string, table: 'fax_jobs' | 'inbound_faxes', id: string): string {
  const db = new Database(join(dataDir, 'faxbot.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare(`SELECT document_id FROM ${table} WHERE id = ?`).get(id) as { document_id: string } | undefined;
    if (!row) throw new Error(`No ${table} row ${id}`);
    return row.document_id;
  } finally {
    db.close();
  }
}
