// Faxes through Phaxio (the fake, in this process) from a real engine in a child process that
// is SIGKILLed at random moments again and again, then left to finish. Afterwards every fax
// went to Phaxio exactly once, and every finished one has its audit entry: the independent
// crash test that found a delivered fax without one (the change and its entry were two
// transactions, the entry written behind a log line) now holds on every run.
// FAXBOT_PHAXIO_CRASH_KILLS raises the number of kills (CI: 8; the run: 30).
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { checkAuditCoverage, verifyAuditChain } from '../../main/engine/audit';
import { startFakePhaxio, type FakePhaxio } from '../fakes/phaxio';
import { CREDENTIALS } from '../providers/phaxio/phaxioFixtures';
import { runTs } from '../support/childProcess';

const CHILD = 'test/support/crashChild.ts';
const FAXES = 40;
const KILLS = Number(process.env.FAXBOT_PHAXIO_CRASH_KILLS ?? 8);

/** A small seeded generator, so a failing run can be repeated from its printed seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

let fake: FakePhaxio | undefined;
afterAll(async () => fake?.close());

describe('faxes through Phaxio while the engine is killed at random', () => {
  it(`sends ${FAXES} faxes once each and keeps every finished fax's audit entry across ${KILLS} kills`, { timeout: 600_000 }, async () => {
    const seed = Number(process.env.FAXBOT_CRASH_SEED ?? Date.now() % 100_000);
    console.log(`phaxio crash test: seed ${seed}, ${KILLS} kills (FAXBOT_CRASH_SEED repeats it)`);
    const next = random(seed);
    // Phaxio retries a refused callback (here on a compressed schedule), so one sent while the engine is down can still arrive.
    // The fake moves each fax on its own clock, so its pace sets how long the faxes are in flight:
    // slower for more kills, so every kill asked for lands while faxes are still going.
    fake = await startFakePhaxio({ ...CREDENTIALS, stepMs: KILLS * 80, webhookRetryDelaysMs: [300, 600, 1200, 2400, 4800] });
    const webhookPort = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), 'faxbot-phaxio-kills-'));
    const env = {
      FAX_DATA_DIR: dataDir,
      FAX_BACKEND: 'phaxio',
      PHAXIO_API_KEY: CREDENTIALS.apiKey,
      PHAXIO_API_SECRET: CREDENTIALS.apiSecret,
      PHAXIO_CALLBACK_TOKEN: CREDENTIALS.callbackToken,
      PHAXIO_BASE_URL: fake.url,
      PUBLIC_API_URL: `http://127.0.0.1:${webhookPort}`,
      FAXBOT_WEBHOOK_PORT: String(webhookPort),
      FAXBOT_STATUS_POLL_MS: '250',
    };
    // The faxes are queued first (no kill), then the engine is killed again and again, each
    // kill timed from the moment its engine has started: while sending, polling, hearing callbacks.
    const queued = await runTs(CHILD, ['queue', String(FAXES), '+12025550143'], env, { timeoutMs: 120_000 });
    expect(queued.code, queued.stderr).toBe(0);
    let killed = 0;
    while (killed < KILLS) {
      const run = await runTs(CHILD, ['resume'], env, {
        killAfterMs: Math.floor(next() * 800),
        killAfterOutput: 'engine started',
        timeoutMs: 120_000,
      });
      if (run.signal !== 'SIGKILL') break; // everything finished before the kill came
      killed++;
    }
    console.log(`phaxio crash test: killed ${killed} times`);
    // The fake's pace is wall-clock, the engine's is the machine's: on a fast machine the last few
    // kills may find nothing left to do. Three in four must land, or the test proves too little.
    expect(killed, 'the faxes finished long before the kills asked for: slow the fake Phaxio down').toBeGreaterThanOrEqual(
      Math.ceil(KILLS * 0.75),
    );
    const last = await runTs(CHILD, ['resume'], env, { timeoutMs: 120_000 });
    expect(last.code, last.stderr).toBe(0);

    const db = new Database(join(dataDir, 'faxbot.sqlite'), { readonly: true });
    try {
      const jobs = db.prepare('SELECT id, status FROM fax_jobs').all() as { id: string; status: string }[];
      expect(jobs.length).toBeGreaterThan(0);
      expect(new Set(jobs.map((j) => j.status))).toEqual(new Set(['delivered']));
      // Exactly one fax at Phaxio per job: never sent twice, whatever the kills hit.
      const perJob = new Map<string, number>();
      for (const sent of fake.faxes) {
        const jobId = sent.tags.faxbot_job;
        perJob.set(jobId, (perJob.get(jobId) ?? 0) + 1);
      }
      for (const job of jobs) expect(perJob.get(job.id), `Phaxio faxes for job ${job.id}`).toBe(1);
      expect(verifyAuditChain(db, dataDir)).toMatchObject({ ok: true });
      expect(checkAuditCoverage(db)).toMatchObject({ state: 'checked', missingCount: 0 });
      const delivered = db.prepare(`SELECT COUNT(DISTINCT target) AS n FROM audit_log WHERE action = 'fax_delivered'`).get() as {
        n: number;
      };
      expect(delivered.n).toBe(jobs.length);
    } finally {
      db.close();
    }
  });
});
