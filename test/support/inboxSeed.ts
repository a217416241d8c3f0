// A long Inbox, written straight into a fresh data folder's SQLite file before Faxbot starts
// (as bench/jobList.ts seeds jobs): every fax shares one real PDF, so any of them opens.
import { randomUUID } from 'node:crypto';
import { openDatabase } from '../../main/engine/database';
import { LocalDocumentStore, headlessKeyWrapper, loadDataKey } from '../../main/engine/storage';
import { makeTestPdf } from './pdfs';

export interface SeededInbox {
  count: number;
  /** The newest fax's sender and the oldest's (list order: newest first). */
  newestFrom: string;
  oldestFrom: string;
  oldestReceivedAt: string;
}

/** Sender of fax `i` (0 = oldest): 10,000 different numbers, so a search narrows the list. */
export const seededSender = (i: number) => `+1202555${String(i % 10_000).padStart(4, '0')}`;

export async function seedInbox(dataDir: string, count: number, options: { pages?: number; pdf?: Uint8Array } = {}): Promise<SeededInbox> {
  const pages = options.pages ?? 2;
  const pdf = options.pdf ?? (await makeTestPdf(pages, 'Seeded fax page'));
  const documentId = `seed-${randomUUID()}`;
  // Sealed with the data folder's own key, as the engine will look for it when it starts.
  const dataKey = loadDataKey(dataDir, headlessKeyWrapper(dataDir, process.env));
  await new LocalDocumentStore(dataDir, dataKey).put(documentId, pdf);
  const start = Date.parse('2025-01-01T08:00:00Z');
  const db = openDatabase({ dataDir });
  try {
    db.prepare(
      `INSERT INTO documents (id, kind, file_name, pages, bytes, sha256, staged, created_at) VALUES (?, 'pdf', 'seeded.pdf', ?, ?, 'seed', 0, ?)`,
    ).run(documentId, pages, pdf.byteLength, new Date(start).toISOString());
    const insert = db.prepare(
      `INSERT INTO inbound_faxes (id, from_number, from_name, to_number, pages, received_at, read, provider, provider_fax_id, document_id)
       VALUES (?, ?, ?, '+12025550177', ?, ?, ?, 'seed', ?, ?)`,
    );
    db.transaction(() => {
      for (let i = 0; i < count; i++) {
        const at = new Date(start + i * 60_000).toISOString();
        // Every 7th sender has a name; all but the newest 5 are read, so the title counts 5.
        insert.run(
          randomUUID(),
          seededSender(i),
          i % 7 === 0 ? `Clinic ${i}` : '',
          pages,
          at,
          i < count - 5 ? 1 : 0,
          `seed-${i}`,
          documentId,
        );
      }
    })();
  } finally {
    db.close();
  }
  return { count, newestFrom: seededSender(count - 1), oldestFrom: seededSender(0), oldestReceivedAt: new Date(start).toISOString() };
}
