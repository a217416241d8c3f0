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
