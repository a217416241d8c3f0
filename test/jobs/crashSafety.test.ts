// Kill a real engine process at each step of a send, restart it, and check with both
// sides' records (our SQLite file and the simulator's) that every fax went exactly once.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runTs } from '../support/childProcess';

const CHILD = 'test/support/crashChild.ts';

function records(dataDir: string) {
  const ours = new Database(join(dataDir, 'faxbot.sqlite'), { readonly: true });
  const theirs = new Database(join(dataDir, 'simulator.sqlite'), { readonly: true });
  try {
    const jobs = ours.prepare('SELECT id, status, attempts FROM fax_jobs').all() as { id: string; status: string; attempts: number }[];
    const calls = theirs.prepare('SELECT idempotency_key, outcome FROM sim_faxes').all() as { idempotency_key: string; outcome: string }[];
    return { jobs, calls };
  } finally {
    ours.close();
    theirs.close();
  }
}

async function crashThenResume(point: string, number = '+12025550143', count = 1) {
  const dataDir = mkdtempSync(join(tmpdir(), 'faxbot-crash-'));
  const crashed = await runTs(CHILD, ['send', String(count), number], { FAX_DATA_DIR: dataDir, FAXBOT_FAULT_POINT: point });
  expect(crashed.signal, `the first run should die at ${point}: ${crashed.stderr}`).toBe('SIGKILL');
  const resumed = await runTs(CHILD, ['resume'], { FAX_DATA_DIR: dataDir });
  expect(resumed.code, resumed.stderr).toBe(0);
  return records(dataDir);
}

function deliveredCallsPerJob(calls: { idempotency_key: string; outcome: string }[]) {
  const perJob = new Map<string, number>();
  for (const call of calls) {
    const jobId = call.idempotency_key.split('.')[0];
    const delivered = (JSON.parse(call.outcome) as { kind: string }).kind === 'delivered' ? 1 : 0;
    perJob.set(jobId, (perJob.get(jobId) ?? 0) + delivered);
  }
  return perJob;
}

describe('crash safety of a send', () => {
  for (const point of ['job-created', 'attempt-committed', 'provider-accepted', 'provider-id-committed', 'provider-final-event']) {
    it(`delivers the fax exactly once after a crash at ${point}`, async () => {
      const { jobs, calls } = await crashThenResume(point);
      expect(jobs).toHaveLength(1);
      expect(jobs[0].status).toBe('delivered');
      expect(calls).toHaveLength(1);
      expect(deliveredCallsPerJob(calls).get(jobs[0].id)).toBe(1);
    });
  }

  it('never sends a fax twice after a crash between provider accept and local commit', async () => {
    const { jobs, calls } = await crashThenResume('provider-accepted', '+12025550143', 3);
    // The crash may come before all three were queued; every job that was, goes once.
    expect(jobs.length).toBeGreaterThanOrEqual(1);
    expect(new Set(jobs.map((j) => j.status))).toEqual(new Set(['delivered']));
    expect(calls).toHaveLength(jobs.length);
    for (const job of jobs) expect(deliveredCallsPerJob(calls).get(job.id)).toBe(1);
  });

  it('keeps the retry of a busy line after a crash as the busy result arrives', async () => {
    const { jobs, calls } = await crashThenResume('provider-final-event', '+12025550111');
    expect(jobs[0].status).toBe('delivered');
    expect(jobs[0].attempts).toBe(2);
    expect(calls.map((c) => c.idempotency_key)).toEqual([`${jobs[0].id}.1`, `${jobs[0].id}.2`]);
    expect(deliveredCallsPerJob(calls).get(jobs[0].id)).toBe(1);
  });

  it('delivers every fax once when killed at arbitrary moments, again and again', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'faxbot-crash-'));
    const first = await runTs(CHILD, ['send', '4', '+12025550143'], { FAX_DATA_DIR: dataDir }, { killAfterMs: 900 });
    expect(first.signal === 'SIGKILL' || first.code === 0).toBe(true);
    for (const killAfterMs of [700, 800, 1000]) {
      await runTs(CHILD, ['resume'], { FAX_DATA_DIR: dataDir }, { killAfterMs });
    }
    const last = await runTs(CHILD, ['resume'], { FAX_DATA_DIR: dataDir });
    expect(last.code, last.stderr).toBe(0);
    const { jobs, calls } = records(dataDir);
    for (const job of jobs) {
      expect(job.status).toBe('delivered');
      expect(deliveredCallsPerJob(calls).get(job.id)).toBe(1);
    }
    expect(calls.length).toBe(jobs.length);
  }, 120_000);
});
