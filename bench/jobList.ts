// The Outbox with a long history: the first page of 100,000 jobs, and a search by number.
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
     VALUES (?, ?, ?, 'bench-doc', ?, '["a.pdf"]', 0, ?, 'simulator', 1, 3, ?, ?, ?)`,
  );
  db.transaction(() => {
    for (let i = 0; i < JOBS; i++) {
      const created = new Date(at + i * 60_000).toISOString();
      const number = `+1202555${String(i % 10_000).padStart(4, '0')}`;
      insert.run(randomUUID(), number, `Recipient ${i % 977}`, 1 + (i % 9), i % 17 === 0 ? 'failed' : 'delivered', created, created, created);
    }
  })();
  db.close();
}

export async function benchJobList(runs: number): Promise<BenchResult[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'faxbot-bench-'));
  seed(dataDir);
  const engine = await createEngine({ config: loadConfig({ dataDir, webhookPort: 0 }, {}), logger: createLogger({ level: 'error' }), headless: true });
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
