// The audit trail: every entry chained to the one before by hash, so `faxbot audit verify`
// finds an entry that was edited or removed behind Faxbot's back.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../main/engine/api';
import { startEngine, type Harness } from '../support/engineHarness';
import { runFaxbot } from '../headless/cliRunner';
import { FAST_SIMULATOR_ENV } from '../headless/fixtures';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

async function folderWithAuditEntries(count: number): Promise<string> {
  harness = await startEngine();
  for (let i = 0; i < count; i++) harness.engine.api.audit({ actor: 'window', action: 'pdf_served', target: `job-${i}`, details: { to: '+12025550143' } });
  const dataDir = harness.dataDir;
  await harness.close();
  harness = null;
  return dataDir;
}

/** Opens the file as an intruder would: triggers dropped, then `change` applied. */
function tamper(dataDir: string, change: (db: Database.Database) => void): void {
  const db = new Database(join(dataDir, 'faxbot.sqlite'));
  db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  change(db);
  db.close();
}

describe('the audit chain', () => {
  it('verifies an untouched log, from code and from `faxbot audit verify`', async () => {
    const dataDir = await folderWithAuditEntries(5);
    const db = new Database(join(dataDir, 'faxbot.sqlite'), { readonly: true });
    expect(verifyAuditChain(db)).toMatchObject({ ok: true, entries: 5 });
    db.close();
    const run = await runFaxbot(['audit', 'verify', '--data-dir', dataDir], FAST_SIMULATOR_ENV);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Audit log intact: 5 entries/);
  });

  it('finds an edited entry', async () => {
    const dataDir = await folderWithAuditEntries(5);
    tamper(dataDir, (db) => db.prepare("UPDATE audit_log SET actor = 'someone else' WHERE seq = 3").run());
    const run = await runFaxbot(['audit', 'verify', '--data-dir', dataDir], FAST_SIMULATOR_ENV);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/BROKEN at entry #3/);
  });

  it('finds an entry removed from the middle, and one removed from the start', async () => {
    const dataDir = await folderWithAuditEntries(5);
    tamper(dataDir, (db) => db.prepare('DELETE FROM audit_log WHERE seq = 2').run());
    const middle = new Database(join(dataDir, 'faxbot.sqlite'), { readonly: true });
    expect(verifyAuditChain(middle)).toMatchObject({ ok: false, brokenAt: 2 });
    middle.close();

    const other = await folderWithAuditEntries(3);
    tamper(other, (db) => db.prepare('DELETE FROM audit_log WHERE seq = 1').run());
    const start = new Database(join(other, 'faxbot.sqlite'), { readonly: true });
    expect(verifyAuditChain(start)).toMatchObject({ ok: false, brokenAt: 2 });
    start.close();
  });

  it('says what is wrong with the command’s input', async () => {
    const missing = await runFaxbot(['audit', 'verify', '--data-dir', '/nonexistent/faxbot'], FAST_SIMULATOR_ENV);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no Faxbot data/);
    const usage = await runFaxbot(['audit'], FAST_SIMULATOR_ENV);
    expect(usage.code).toBe(2);
  });
});

describe('what the audit log records of faxes', () => {
  it('records each delivery, failure and received fax once, with numbers masked', async () => {
    harness = await startEngine();
    await harness.engine.call('updateSettings', { stationNumber: '(202) 555-0177' });
    const delivered = await harness.send('+12025550177');
    const failed = await harness.send('+12025550133');
    await harness.waitForJob(delivered.id, (j) => j.status === 'delivered');
    await harness.waitForJob(failed.id, (j) => j.status === 'failed');
    const received = await harness.waitForInbound(() => true);
    const entries = harness.engine.api.auditLog.recent(50);
    const about = (action: string, target: string) => entries.filter((e) => e.action === action && e.target === target);
    expect(about('fax_delivered', delivered.id)).toHaveLength(1);
    expect(about('fax_failed', failed.id)).toHaveLength(1);
    expect(about('fax_failed', failed.id)[0].details).toMatchObject({ code: 'not_a_fax_machine' });
    expect(about('fax_received', received.id)).toHaveLength(1);
    expect(JSON.stringify(entries)).not.toMatch(/5550177|5550133/);
    const db = new Database(join(harness.dataDir, 'faxbot.sqlite'), { readonly: true });
    expect(verifyAuditChain(db)).toMatchObject({ ok: true });
    db.close();
  });
});
