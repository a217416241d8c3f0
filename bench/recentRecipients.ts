// The Send screen's suggestions with a long history: recent recipients of 100,000 jobs to
// 10,000 numbers, unfiltered and searched by number and by name.
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine, createLogger, loadConfig } from '../main/engine';
import { openDatabase } from '../main/engine/database';
import { result, timeRuns, type BenchResult } from './stats';

const JOBS = 100_000;

function seed(dataDir: string): void {
  const db = openDatabase({ dataDir });
  const at = Date.parse('2026-01-01T00:00:00Z');
  db.prepare(`INSERT INTO documents (id, kind, file_name, pages, bytes, sha256, staged, created_at) VALUES ('bench-doc', 'pdf', 'a.pdf', 1, 1, 'x', 0, '2026-01-01T00:00:00Z')`).run();
  const insert = db.prepare(
    `INSERT INTO fax_jobs (id, to_number, recipient_name, document_id, pages, file_names, cover_page, status, provider, attempts, max_attempts, created_at, updated_at, completed_at)
     VALUES (?, ?, ?, 'bench-doc', 1, '["a.pdf"]', 0, 'delivered', 'simulator', 1, 3, ?, ?, ?)`,
  );
  db.transaction(() => {
    for (let i = 0; i < JOBS; i++) {
      const created = new Date(at + i * 60_000).toISOString();
      // A third of the jobs were sent without a name, as people do.
      insert.run(randomUUID(), `+1202555${String(i % 10_000).padStart(4, '0')}`, i % 3 ? `Recipient ${i % 977}` : '', created, created, created);
    }
  })();
  db.close();
}

export async function benchRecentRecipients(runs: number): Promise<BenchResult[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'faxbot-bench-'));
  seed(dataDir);
  const engine = await createEngine({ config: loadConfig({ dataDir, webhookPort: 0 }, {}), logger: createLogger({ level: 'error' }), headless: true });
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
