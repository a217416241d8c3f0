// The Inbox with a long history: the first page of 100,000 received faxes, a search by the
// sender's number, a search by name, and one month of them.
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine, createLogger, loadConfig } from '../main/engine';
import { openDatabase } from '../main/engine/database';
import { result, timeRuns, type BenchResult } from './stats';

const FAXES = 100_000;

export function seedInbox(dataDir: string, count = FAXES): void {
  const db = openDatabase({ dataDir });
  const at = Date.parse('2026-01-01T00:00:00Z');
  db.prepare(
    `INSERT INTO documents (id, kind, file_name, pages, bytes, sha256, staged, created_at) VALUES ('bench-doc', 'pdf', 'a.pdf', 1, 1, 'x', 0, '2026-01-01T00:00:00Z')`,
  ).run();
  const insert = db.prepare(
    `INSERT INTO inbound_faxes (id, from_number, from_name, to_number, pages, received_at, read, provider, provider_fax_id, document_id)
     VALUES (?, ?, ?, '+12025550100', ?, ?, ?, 'simulator', ?, 'bench-doc')`,
  );
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const received = new Date(at + i * 5 * 60_000).toISOString();
      insert.run(
        randomUUID(),
        `+1202555${String(i % 10_000).padStart(4, '0')}`,
        `Clinic ${i % 977}`,
        1 + (i % 9),
        received,
        i < count - 200 ? 1 : 0,
        `bench-${i}`,
      );
    }
  })();
  db.close();
}

export async function benchInboxList(runs: number): Promise<BenchResult[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'faxbot-bench-'));
  seedInbox(dataDir);
  const engine = await createEngine({
    config: loadConfig({ dataDir, webhookPort: 0 }, {}),
    logger: createLogger({ level: 'error' }),
    headless: true,
  });
  try {
    const first = await timeRuns(runs, () => engine.call('listInbox', { limit: 50 }));
    const byNumber = await timeRuns(runs, () => engine.call('listInbox', { limit: 50, search: '555-0143' }));
    const byName = await timeRuns(runs, () => engine.call('listInbox', { limit: 50, search: 'Clinic 42' }));
    const month = await timeRuns(runs, () =>
      engine.call('listInbox', { limit: 50, receivedFrom: '2026-03-01T00:00:00Z', receivedBefore: '2026-04-01T00:00:00Z' }),
    );
    const unread = await timeRuns(runs, () => engine.call('getStatus', {}));
    return [
      result('first 50 of 100,000 received faxes', 'ms', first),
      result('search 100,000 received faxes by number', 'ms', byNumber),
      result('search 100,000 received faxes by sender name', 'ms', byName),
      result('received faxes of one month (of 100,000)', 'ms', month),
      result('status with unread count (100,000 received)', 'ms', unread),
    ];
  } finally {
    await engine.close();
  }
}
