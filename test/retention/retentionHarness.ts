// A real engine over one data folder that a test can close and open again with the clock
// moved forward (the retention sweep runs at every start), plus what is on disk.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createEngine, createLogger, loadConfig, type Engine } from '../../main/engine';
import { SIMULATOR_NUMBERS } from '../../main/engine/providers';
import type { FaxJob, InboundFax } from '../../shared/model';
import { makeTestPdf } from '../support/pdfs';

export const DAY_MS = 24 * 60 * 60 * 1000;
export const STATION = '+12025550177';

export interface RetentionDesk {
  engine: Engine;
  dataDir: string;
  logLines: string[];
  close(): Promise<void>;
}

/** Opens the engine; `daysAhead` moves the sweep's clock forward from the real one. */
export async function openDesk(
  dataDir: string,
  env: Record<string, string> = {},
  daysAhead = 0,
  extra: { retryBaseMs?: number } = {},
): Promise<RetentionDesk> {
  const logLines: string[] = [];
  const engine = await createEngine({
    config: loadConfig({ dataDir, simulatorTimeScale: 0.01, retryBaseMs: extra.retryBaseMs ?? 20, webhookPort: 0 }, env),
    logger: createLogger({ level: 'info', write: (line) => logLines.push(line) }),
    headless: true,
    clock: () => new Date(Date.now() + daysAhead * DAY_MS),
  });
  return { engine, dataDir, logLines, close: () => engine.close() };
}

export const newDataDir = () => mkdtempSync(join(tmpdir(), 'faxbot-retention-'));

/** Waits until a job announced by the engine (or already) meets `predicate`. */
export function waitForJob(engine: Engine, id: string, predicate: (job: FaxJob) => boolean, timeoutMs = 15_000): Promise<FaxJob> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`Timed out waiting for job ${id}`));
    }, timeoutMs);
    const check = (job: FaxJob) => {
      if (job.id !== id || !predicate(job)) return;
      clearTimeout(timer);
      off();
      resolve(job);
    };
    const off = engine.on((event, payload) => {
      if (event === 'jobChanged') check(payload as FaxJob);
    });
    void engine.call('getJob', { id }).then(check, () => undefined);
  });
}

export function waitForInbound(engine: Engine, predicate: (fax: InboundFax) => boolean, timeoutMs = 15_000): Promise<InboundFax> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error('Timed out waiting for a received fax'));
    }, timeoutMs);
    const off = engine.on((event, payload) => {
      if (event !== 'faxReceived' || !predicate(payload as InboundFax)) return;
      clearTimeout(timer);
      off();
      resolve(payload as InboundFax);
    });
  });
}

export async function sendFax(engine: Engine, to: string, pages = 1): Promise<FaxJob> {
  const staged = await engine.call('stageDocument', {
    fileName: 'letter.pdf',
    contentBase64: Buffer.from(await makeTestPdf(pages)).toString('base64'),
  });
  return engine.call('sendFax', { to, recipientName: 'Dr. Test', documentIds: [staged.documentId], cover: null });
}

/** A delivered fax to the simulator's own line, and the received fax it loops back as. */
export async function sendAndReceive(engine: Engine): Promise<{ job: FaxJob; fax: InboundFax }> {
  await engine.call('updateSettings', { stationNumber: STATION });
  const received = waitForInbound(engine, (fax) => fax.from !== '');
  const sent = await sendFax(engine, SIMULATOR_NUMBERS.loopback, 2);
  const job = await waitForJob(engine, sent.id, (j) => j.status === 'delivered');
  return { job, fax: await received };
}

/** Read straight from the data folder's SQLite file (the engine closed or not). */
export function documentRow(dataDir: string, table: 'fax_jobs' | 'inbound_faxes', id: string) {
  const db = new Database(join(dataDir, 'faxbot.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare(
        `SELECT d.id, d.expired_at, d.expired_after_days, d.expired_removed_at FROM ${table} t JOIN documents d ON d.id = t.document_id WHERE t.id = ?`,
      )
      .get(id) as { id: string; expired_at: string | null; expired_after_days: number | null; expired_removed_at: string | null };
  } finally {
    db.close();
  }
}

export const documentFileExists = (dataDir: string, documentId: string) => existsSync(join(dataDir, 'documents', `${documentId}.bin`));

/** Ages a finished job in the data folder's SQLite file (the engine closed), as if it ended `days` ago. */
export function ageJob(dataDir: string, id: string, days: number): void {
  const db = new Database(join(dataDir, 'faxbot.sqlite'), { fileMustExist: true });
  try {
    db.prepare('UPDATE fax_jobs SET completed_at = ? WHERE id = ?').run(new Date(Date.now() - days * DAY_MS).toISOString(), id);
  } finally {
    db.close();
  }
}

export async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string; fields?: Record<string, string> }> {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; message: string; fields?: Record<string, string> };
  }
  throw new Error('expected the operation to be refused');
}
