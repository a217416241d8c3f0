// Every fax state change and its audit entry are one SQLite transaction: a kill right after
// the change committed still finds its entry, an entry whose change is undone is undone too,
// and `faxbot audit verify` finds a change that has no entry (made outside Faxbot).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { AuditLog, checkAuditCoverage, readAuditHead } from '../../main/engine/audit';
import { openDatabase } from '../../main/engine/database';
import { createLogger } from '../../main/engine/log';
import { runTs } from '../support/childProcess';
import { startEngine, type Harness } from '../support/engineHarness';
import { runFaxbot } from '../headless/cliRunner';
import { FAST_SIMULATOR_ENV } from '../headless/fixtures';

const CHILD = 'test/support/crashChild.ts';
const DELIVERS = '+12025550143';
const LOOPBACK = '+12025550100';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

function entriesFor(dataDir: string, target: string): string[] {
  const db = new Database(join(dataDir, 'faxbot.sqlite'), { readonly: true });
  try {
    return (db.prepare('SELECT action FROM audit_log WHERE target = ? ORDER BY seq').all(target) as { action: string }[]).map(
      (r) => r.action,
    );
  } finally {
    db.close();
  }
}

function rows<T>(dataDir: string, sql: string): T[] {
  const db = new Database(join(dataDir, 'faxbot.sqlite'), { readonly: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

const verifyCommand = (dataDir: string) => runFaxbot(['audit', 'verify', '--data-dir', dataDir], FAST_SIMULATOR_ENV);

async function crashThenResume(point: string, number: string) {
  const dataDir = mkdtempSync(join(tmpdir(), 'faxbot-audit-crash-'));
  const crashed = await runTs(CHILD, ['send', '1', number], { FAX_DATA_DIR: dataDir, FAXBOT_FAULT_POINT: point });
  expect(crashed.signal, `the first run should die at ${point}: ${crashed.stderr}`).toBe('SIGKILL');
  const resumed = await runTs(CHILD, ['resume'], { FAX_DATA_DIR: dataDir });
  expect(resumed.code, resumed.stderr).toBe(0);
  return dataDir;
}

// Each case starts engines in child processes: slow on a busy machine, never a timing assertion.
describe('a fax state change and its audit entry', { timeout: 120_000 }, () => {
  it('keeps the "fax delivered" entry of a job killed the moment its delivery committed', async () => {
    const dataDir = await crashThenResume('job-finished-committed', DELIVERS);
    const [job] = rows<{ id: string; status: string }>(dataDir, 'SELECT id, status FROM fax_jobs');
    expect(job.status).toBe('delivered');
    expect(entriesFor(dataDir, job.id)).toEqual(['fax_sent', 'fax_delivered']);
    const run = await verifyCommand(dataDir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Every fax sent, delivered, failed, canceled and received has its entry \(2 changes checked\)/);
  });

  it('keeps the "fax received" entry of a fax killed the moment its Inbox row committed', async () => {
    const dataDir = await crashThenResume('fax-received-committed', LOOPBACK);
    const [fax] = rows<{ id: string }>(dataDir, 'SELECT id FROM inbound_faxes');
    expect(fax).toBeDefined();
    expect(entriesFor(dataDir, fax.id)).toEqual(['fax_received']);
    expect((await verifyCommand(dataDir)).code).toBe(0);
  });

  it('writes "fax canceled" with the cancel, and "fax sent" with a resend, naming who did it', async () => {
    harness = await startEngine({ retryBaseMs: 600_000, retryMaxMs: 600_000 });
    const job = await harness.send('+12025550111'); // busy at first: it then waits ten minutes to retry
    await harness.waitForJob(job.id, (j) => j.status === 'queued' && j.attempts === 1);
    await harness.engine.call('cancelJob', { id: job.id });
    const resent = await harness.engine.call('resendJob', { id: job.id });
    const log = harness.engine.audit.recent(20);
    expect(log.find((e) => e.action === 'fax_canceled' && e.target === job.id)).toMatchObject({ actor: 'window' });
    expect(log.find((e) => e.action === 'fax_sent' && e.target === resent.id)).toMatchObject({
      actor: 'window',
      details: { resentFrom: job.id },
    });
    expect(harness.engine.audit.coverage()).toMatchObject({ state: 'checked', missingCount: 0 });
  });

  it('undoes an entry together with the change it recorded, and never moves the head onto it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'faxbot-audit-undo-'));
    const db = openDatabase({ dataDir });
    try {
      const audit = new AuditLog({ db, dataDir, logger: createLogger({ level: 'error' }) });
      audit.record({ actor: 'window', action: 'outbound_viewed', target: 'job-before' });
      await audit.flush();
      const headBefore = readAuditHead(dataDir);
      const change = db.transaction(() => {
        audit.appendInTransaction({ actor: 'faxbot', action: 'fax_delivered', target: 'job-undone' });
        throw new Error('the state change failed after its entry was written');
      });
      expect(change).toThrow(/state change failed/);
      await audit.flush();
      expect(audit.recent(5).map((e) => e.target)).toEqual(['job-before']);
      expect(readAuditHead(dataDir)).toEqual(headBefore);
      expect((await audit.verify()).ok).toBe(true);
      expect(() => audit.appendInTransaction({ actor: 'faxbot', action: 'fax_delivered', target: 'x' })).toThrow(/inside the transaction/);
    } finally {
      db.close();
    }
  });

  it('finds a delivered fax that has no entry (written into the database outside Faxbot), and says so', async () => {
    harness = await startEngine();
    const job = await harness.send(DELIVERS);
    await harness.waitForJob(job.id, (j) => j.status === 'delivered');
    const dataDir = harness.dataDir;
    await harness.close();
    harness = null;
    const db = new Database(join(dataDir, 'faxbot.sqlite'));
    db.prepare(
      `INSERT INTO fax_jobs (id, to_number, recipient_name, document_id, pages, file_names, cover_page, status, provider, attempts, max_attempts, created_at, updated_at, completed_at)
       SELECT 'forged-job', to_number, '', document_id, pages, file_names, 0, 'delivered', provider, 1, 3, ?, ?, ? FROM fax_jobs WHERE id = ?`,
    ).run(new Date().toISOString(), new Date().toISOString(), new Date().toISOString(), job.id);
    expect(checkAuditCoverage(db)).toMatchObject({ state: 'checked', missingCount: 2 });
    db.close();
    const run = await verifyCommand(dataDir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/Audit log INCOMPLETE: its \d+ entries are chained intact, but 2 fax state changes have no audit entry/);
    expect(run.stderr).toMatch(/sent fax forged-job has no "Fax delivered" entry/);
  });
});
