// A long fax history for benchmarks: `count` finished jobs to 10,000 numbers, one a minute
// from 2026-01-01, written straight into a fresh data folder's SQLite file.
import { randomUUID } from 'node:crypto';
import { openDatabase } from '../main/engine/database';

export function seedJobHistory(dataDir: string, options: { count: number; namelessEvery?: number }): void {
  const db = openDatabase({ dataDir });
  const at = Date.parse('2026-01-01T00:00:00Z');
  db.prepare(
    `INSERT INTO documents (id, kind, file_name, pages, bytes, sha256, staged, created_at) VALUES ('bench-doc', 'pdf', 'a.pdf', 1, 1, 'x', 0, '2026-01-01T00:00:00Z')`,
  ).run();
  const insert = db.prepare(
    `INSERT INTO fax_jobs (id, to_number, recipient_name, document_id, pages, file_names, cover_page, status, provider, attempts, max_attempts, created_at, updated_at, completed_at)
     VALUES (?, ?, ?, 'bench-doc', ?, '["a.pdf"]', 0, ?, 'simulator', 1, 3, ?, ?, ?)`,
  );
  db.transaction(() => {
    for (let i = 0; i < options.count; i++) {
      const created = new Date(at + i * 60_000).toISOString();
      const number = `+1202555${String(i % 10_000).padStart(4, '0')}`;
      const nameless = options.namelessEvery !== undefined && i % options.namelessEvery === 0;
      insert.run(
        randomUUID(),
        number,
        nameless ? '' : `Recipient ${i % 977}`,
        1 + (i % 9),
        i % 17 === 0 ? 'failed' : 'delivered',
        created,
        created,
        created,
      );
    }
  })();
  db.close();
}
