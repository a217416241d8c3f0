// A broadcast of 500 from a real engine in a child process, killed during the fan-out and
// again and again while it sends, each time started again on the same data folder. The
// fan-out is one transaction: killed inside it, nothing of the send exists; killed just
// after, all of it does. Whatever the kills hit, every recipient is dialled exactly once.
// FAXBOT_FANOUT_CRASH_KILLS raises the number of kills while sending (default 6).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { checkAuditCoverage, verifyAuditChain } from '../../main/engine/audit';
import { runTs } from '../support/childProcess';

const CHILD = 'test/support/crashChild.ts';
const RECIPIENTS = 500;
const KILLS = Number(process.env.FAXBOT_FANOUT_CRASH_KILLS ?? 6);

function read<T>(file: string, sql: string): T[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

describe('a broadcast while the engine is killed', () => {
  it(`queues all ${RECIPIENTS} recipients or none, and dials each exactly once across kills`, { timeout: 600_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'faxbot-fanout-kills-'));
    const faxbot = join(dataDir, 'faxbot.sqlite');
    const env = { FAX_DATA_DIR: dataDir, FAXBOT_WEBHOOK_PORT: '0' };

    // Killed inside the fan-out's transaction: no send, no job, no entry, and nothing to resume.
    const inside = await runTs(
      CHILD,
      ['broadcast', String(RECIPIENTS)],
      { ...env, FAXBOT_FAULT_POINT: 'send-fanout-written' },
      { timeoutMs: 120_000 },
    );
    expect(inside.signal).toBe('SIGKILL');
    expect(inside.stderr).toContain('killing the process at send-fanout-written');
    expect(read(faxbot, 'SELECT id FROM fax_sends')).toHaveLength(0);
    expect(read(faxbot, 'SELECT id FROM fax_jobs')).toHaveLength(0);
    expect(read(faxbot, `SELECT seq FROM audit_log WHERE action IN ('send_queued', 'fax_sent')`)).toHaveLength(0);

    // Killed just after the commit: the whole send is there, every job waiting.
    const after = await runTs(
      CHILD,
      ['broadcast', String(RECIPIENTS)],
      { ...env, FAXBOT_FAULT_POINT: 'send-created' },
      { timeoutMs: 120_000 },
    );
    expect(after.signal).toBe('SIGKILL');
    expect(read(faxbot, 'SELECT id FROM fax_sends')).toHaveLength(1);
    expect(read<{ n: number }>(faxbot, 'SELECT COUNT(*) AS n FROM fax_jobs')[0].n).toBe(RECIPIENTS);

    // Then killed at random while it sends, and started again each time.
    let killed = 0;
    for (let i = 0; i < KILLS; i++) {
      const run = await runTs(CHILD, ['resume'], env, {
        killAfterMs: 150 + Math.floor(Math.random() * 1200),
        killAfterOutput: 'engine started',
        timeoutMs: 120_000,
      });
      if (run.signal !== 'SIGKILL') break;
      killed++;
    }
    const last = await runTs(CHILD, ['resume'], env, { timeoutMs: 300_000 });
    expect(last.code, last.stderr).toBe(0);
    console.log(`fan-out crash test: killed ${killed} times while sending`);

    const jobs = read<{ id: string; to_number: string; status: string }>(faxbot, 'SELECT id, to_number, status FROM fax_jobs');
    expect(jobs).toHaveLength(RECIPIENTS);
    expect(new Set(jobs.map((job) => job.status))).toEqual(new Set(['delivered']));
    expect(new Set(jobs.map((job) => job.to_number)).size).toBe(RECIPIENTS);
    // What the far end received: one fax per recipient, never two.
    const calls = read<{ to_number: string; n: number }>(
      join(dataDir, 'simulator.sqlite'),
      'SELECT to_number, COUNT(*) AS n FROM sim_faxes GROUP BY to_number',
    );
    expect(calls).toHaveLength(RECIPIENTS);
    expect(calls.filter((call) => call.n !== 1)).toEqual([]);

    const db = new Database(faxbot, { readonly: true });
    try {
      expect(verifyAuditChain(db, dataDir)).toMatchObject({ ok: true });
      expect(checkAuditCoverage(db)).toMatchObject({ state: 'checked', missingCount: 0 });
    } finally {
      db.close();
    }
  });
});
