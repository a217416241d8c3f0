// The Send screen's suggestions with a long history: recent recipients of 100,000 jobs to
// 10,000 numbers, unfiltered and searched by number and by name.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine, createLogger, loadConfig } from '../main/engine';
import { seedJobHistory } from './seedJobs';
import { result, timeRuns, type BenchResult } from './stats';

const JOBS = 100_000;

export async function benchRecentRecipients(runs: number): Promise<BenchResult[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'faxbot-bench-'));
  // A third of recipients nameless in the recents suite, as people send.
  seedJobHistory(dataDir, { count: JOBS, namelessEvery: 3 });
  const engine = await createEngine({
    config: loadConfig({ dataDir, webhookPort: 0 }, {}),
    logger: createLogger({ level: 'error' }),
    headless: true,
  });
  try {
    const first = await timeRuns(runs, () => engine.call('listRecentRecipients', { limit: 10 }));
    const byNumber = await timeRuns(runs, () => engine.call('listRecentRecipients', { limit: 10, search: '555-0143' }));
    const byName = await timeRuns(runs, () => engine.call('listRecentRecipients', { limit: 10, search: 'Recipient 4' }));
    return [
      result('10 recent recipients of 100,000 jobs', 'ms', first),
      result('recent recipients searched by number (100,000 jobs)', 'ms', byNumber),
      result('recent recipients searched by name (100,000 jobs)', 'ms', byName),
    ];
  } finally {
    await engine.close();
  }
}
