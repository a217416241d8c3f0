// The Outbox with a long history: the first page of 100,000 jobs, and a search by number.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine, createLogger, loadConfig } from '../main/engine';
import { seedJobHistory } from './seedJobs';
import { result, timeRuns, type BenchResult } from './stats';

const JOBS = 100_000;

export async function benchJobList(runs: number): Promise<BenchResult[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'faxbot-bench-'));
  seedJobHistory(dataDir, { count: JOBS });
  const engine = await createEngine({
    config: loadConfig({ dataDir, webhookPort: 0 }, {}),
    logger: createLogger({ level: 'error' }),
    headless: true,
  });
  try {
    const first = await timeRuns(runs, () => engine.call('listJobs', { limit: 50 }));
    const search = await timeRuns(runs, () => engine.call('listJobs', { limit: 50, search: '555-0143' }));
    const next = await engine.call('listJobs', { limit: 50 });
    const second = await timeRuns(runs, () => engine.call('listJobs', { limit: 50, cursor: next.nextCursor! }));
    return [
      result('first 50 of 100,000 jobs', 'ms', first),
      result('next 50 of 100,000 jobs (cursor)', 'ms', second),
      result('search 100,000 jobs by number', 'ms', search),
    ];
  } finally {
    await engine.close();
  }
}
