// The audit trail: every entry chained to the one before by hash, and the last one anchored
// in audit.head outside the database, so `faxbot audit verify` finds an entry that was
// edited, removed from the middle, or removed from the end behind Faxbot's back.
import { rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { AUDIT_HEAD_FILE, chainHash, readAuditHead, verifyAuditChain } from '../../main/engine/audit';
import { startEngine, type Harness } from '../support/engineHarness';
import { runFaxbot } from '../headless/cliRunner';
import { FAST_SIMULATOR_ENV } from '../headless/fixtures';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

async function folderWithAuditEntries(count: number, dataDir?: string): Promise<string> {
  harness = await startEngine({}, dataDir);
  for (let i = 0; i < count; i++)
    harness.engine.audit.record({ actor: 'window', action: 'outbound_viewed', target: `job-${i}`, details: { to: '+12025550143' } });
  const folder = harness.dataDir;
  await harness.close();
  harness = null;
  return folder;
}

/** Opens the file as an intruder would: triggers dropped, then `change` applied. */
function tamper(dataDir: string, change: (db: Database.Database) => void): void {
  const db = new Database(join(dataDir, 'faxbot.sqlite'));
  db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  change(db);
  db.close();
}

function verify(dataDir: string) {
  const db = new Database(join(dataDir, 'faxbot.sqlite'), { readonly: true });
  try {
    return verifyAuditChain(db, dataDir);
  } finally {
    db.close();
  }
}

const verifyCommand = (dataDir: string) => runFaxbot(['audit', 'verify', '--data-dir', dataDir], FAST_SIMULATOR_ENV);

describe('the audit chain', () => {
  it('verifies an untouched log, from code and from `faxbot audit verify`, with its head in a 0600 file', async () => {
    const dataDir = await folderWithAuditEntries(5);
    expect(verify(dataDir)).toMatchObject({ ok: true, entries: 5 });
    const head = readAuditHead(dataDir);
    expect(head).toMatchObject({ state: 'present', head: { seq: 5 } });
    if (process.platform !== 'win32') expect(statSync(join(dataDir, AUDIT_HEAD_FILE)).mode & 0o777).toBe(0o600);
    const run = await verifyCommand(dataDir);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Audit log intact: 5 entries/);
  });

  it('finds an edited entry', async () => {
    const dataDir = await folderWithAuditEntries(5);
    tamper(dataDir, (db) => db.prepare("UPDATE audit_log SET actor = 'someone else' WHERE seq = 3").run());
    const run = await verifyCommand(dataDir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/BROKEN at entry #3/);
  });

  it('finds an entry removed from the middle, and one removed from the start', async () => {
    const dataDir = await folderWithAuditEntries(5);
    tamper(dataDir, (db) => db.prepare('DELETE FROM audit_log WHERE seq = 2').run());
    expect(verify(dataDir)).toMatchObject({ ok: false, brokenAt: 2 });

    const other = await folderWithAuditEntries(3);
    tamper(other, (db) => db.prepare('DELETE FROM audit_log WHERE seq = 1').run());
    expect(verify(other)).toMatchObject({ ok: false, brokenAt: 2 });
  });

  it('finds the newest entries removed: "entries after #N were removed"', async () => {
    const dataDir = await folderWithAuditEntries(5);
    tamper(dataDir, (db) => db.prepare('DELETE FROM audit_log WHERE seq > 3').run());
    expect(verify(dataDir)).toMatchObject({ ok: false, brokenAt: 4 });
    const run = await verifyCommand(dataDir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/entries after #3 were removed/);
  });

  it('finds every entry removed', async () => {
    const dataDir = await folderWithAuditEntries(4);
    tamper(dataDir, (db) => db.prepare('DELETE FROM audit_log').run());
    const verdict = verify(dataDir);
    expect(verdict).toMatchObject({ ok: false, brokenAt: 1 });
    expect(!verdict.ok && verdict.reason).toMatch(/entries after #0 were removed/);
  });

  it('finds the newest entry replaced by a forged one with a correct chain hash', async () => {
    const dataDir = await folderWithAuditEntries(4);
    tamper(dataDir, (db) => {
      db.prepare('DELETE FROM audit_log WHERE seq = 4').run();
      const previous = (db.prepare('SELECT hash FROM audit_log WHERE seq = 3').get() as { hash: string }).hash;
      const fields = { at: new Date().toISOString(), actor: 'window', action: 'outbound_viewed', target: 'job-x', details: '{}' };
      db.prepare('INSERT INTO audit_log (seq, at, actor, action, target, details, hash) VALUES (4, ?, ?, ?, ?, ?, ?)').run(
        fields.at,
        fields.actor,
        fields.action,
        fields.target,
        fields.details,
        chainHash(previous, fields),
      );
    });
    expect(verify(dataDir)).toMatchObject({ ok: false, brokenAt: 4 });
  });

  it('keeps reporting removed newest entries after Faxbot starts again and records more', async () => {
    const dataDir = await folderWithAuditEntries(5);
    tamper(dataDir, (db) => db.prepare('DELETE FROM audit_log WHERE seq > 3').run());
    await folderWithAuditEntries(2, dataDir);
    expect(verify(dataDir)).toMatchObject({ ok: false, brokenAt: 4 });

    // Covering the tracks: the numbering reset too, so new entries take the removed numbers.
    const other = await folderWithAuditEntries(5);
    tamper(other, (db) => {
      db.prepare('DELETE FROM audit_log WHERE seq > 3').run();
      db.prepare("UPDATE sqlite_sequence SET seq = 3 WHERE name = 'audit_log'").run();
    });
    await folderWithAuditEntries(2, other);
    const verdict = verify(other);
    expect(verdict).toMatchObject({ ok: false, brokenAt: 5 });
    expect(!verdict.ok && verdict.reason).toMatch(/not the one Faxbot last wrote/);
  });

  it(
    'fails while the head file is missing or damaged, also after a restart, until a person re-anchors with a reason',
    { timeout: 120_000 },
    async () => {
      const dataDir = await folderWithAuditEntries(3);
      rmSync(join(dataDir, AUDIT_HEAD_FILE));
      const missing = verify(dataDir);
      expect(missing).toMatchObject({ ok: false, brokenAt: 4 });
      expect(!missing.ok && missing.reason).toMatch(/audit\.head is missing/);

      // A restart does not quietly write a new head: the loss stays reported.
      await folderWithAuditEntries(1, dataDir);
      expect(verify(dataDir)).toMatchObject({ ok: false });
      const run = await verifyCommand(dataDir);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/What to do: keep a copy of the data folder/);
      expect(run.stderr).toMatch(/faxbot audit re-anchor --data-dir .* --reason/);

      const noReason = await runFaxbot(['audit', 're-anchor', '--data-dir', dataDir], FAST_SIMULATOR_ENV);
      expect(noReason.code).toBe(2);
      expect(noReason.stderr).toMatch(/Say why the log is accepted/);
      const reanchored = await runFaxbot(
        ['audit', 're-anchor', '--data-dir', dataDir, '--reason', 'restored from the nightly backup'],
        FAST_SIMULATOR_ENV,
      );
      expect(reanchored.code, reanchored.stderr).toBe(0);
      expect(reanchored.stdout).toMatch(/Audit log re-anchored at entry #5 .* The head was missing; it now names #5/);
      expect(verify(dataDir)).toMatchObject({ ok: true, entries: 5 });
      harness = await startEngine({}, dataDir);
      const [entry] = harness.engine.audit.recent(1);
      expect(entry).toMatchObject({
        action: 'audit_head_restored',
        actor: 'cli',
        details: { reason: 'restored from the nightly backup', headWas: 'missing' },
      });
      await harness.close();
      harness = null;

      writeFileSync(join(dataDir, AUDIT_HEAD_FILE), '{"seq": "four"}');
      expect(verify(dataDir)).toMatchObject({ ok: false, brokenAt: 6 });
    },
  );

  it('finds an edited entry whose hashes were all cleared and whose head was deleted', async () => {
    const dataDir = await folderWithAuditEntries(4);
    tamper(dataDir, (db) => db.prepare("UPDATE audit_log SET actor = 'someone else', hash = NULL").run());
    rmSync(join(dataDir, AUDIT_HEAD_FILE));
    const run = await verifyCommand(dataDir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/BROKEN .*audit\.head is missing/);
    // With the head left in place, the cleared hashes are found by it.
    const other = await folderWithAuditEntries(4);
    tamper(other, (db) => db.prepare('UPDATE audit_log SET hash = NULL').run());
    expect(verify(other)).toMatchObject({ ok: false });
  });

  it('refuses to re-anchor while Faxbot runs on the folder', async () => {
    harness = await startEngine();
    const run = await runFaxbot(['audit', 're-anchor', '--data-dir', harness.dataDir, '--reason', 'test'], FAST_SIMULATOR_ENV);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/already running .* Re-anchoring needs Faxbot stopped/);
  });

  it('a new data folder has its head from the start, before any entry', async () => {
    const dataDir = await folderWithAuditEntries(0);
    expect(readAuditHead(dataDir)).toMatchObject({ state: 'present', head: { seq: 0 } });
    expect(verify(dataDir)).toMatchObject({ ok: true, entries: 0 });
  });

  it('verifies while the engine keeps writing beside it', async () => {
    harness = await startEngine();
    harness.engine.audit.record({ actor: 'window', action: 'inbound_viewed', target: 'fax-first' });
    await harness.engine.audit.flush();
    const db = new Database(join(harness.dataDir, 'faxbot.sqlite'), { readonly: true });
    try {
      for (let i = 1; i < 30; i++) {
        harness.engine.audit.record({ actor: 'window', action: 'inbound_viewed', target: `fax-${i}` });
        expect(verifyAuditChain(db, harness.dataDir)).toMatchObject({ ok: true, entries: i + 1 });
      }
    } finally {
      db.close();
    }
  });

  it('says what is wrong with the command’s input', async () => {
    const missing = await runFaxbot(['audit', 'verify', '--data-dir', '/nonexistent/faxbot'], FAST_SIMULATOR_ENV);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no Faxbot data/);
    const usage = await runFaxbot(['audit'], FAST_SIMULATOR_ENV);
    expect(usage.code).toBe(2);
    const help = await runFaxbot(['audit', 'verify', '--help'], FAST_SIMULATOR_ENV);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/audit\.head/);
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
    const entries = harness.engine.audit.recent(50);
    const about = (action: string, target: string) => entries.filter((e) => e.action === action && e.target === target);
    expect(about('fax_delivered', delivered.id)).toHaveLength(1);
    expect(about('fax_failed', failed.id)).toHaveLength(1);
    expect(about('fax_failed', failed.id)[0].details).toMatchObject({ code: 'not_a_fax_machine' });
    expect(about('fax_received', received.id)).toHaveLength(1);
    expect(JSON.stringify(entries)).not.toMatch(/5550177|5550133/);
    expect(verify(harness.dataDir)).toMatchObject({ ok: true });
  });
});
