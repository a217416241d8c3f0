// Received faxes written straight into a data folder's SQLite file before an engine opens
// it: the only way to have faxes from last month, or from a named sender, without a provider.
import { openDatabase } from '../../main/engine/database';

export interface SeededFax {
  id: string;
  from: string;
  fromName: string;
  receivedAt: string;
  read?: boolean;
}

export function seedReceivedFaxes(dataDir: string, faxes: SeededFax[]): void {
  const db = openDatabase({ dataDir });
  try {
    db.prepare(
      `INSERT OR IGNORE INTO documents (id, kind, file_name, pages, bytes, sha256, staged, created_at) VALUES ('seed-doc', 'pdf', 'a.pdf', 1, 1, 'x', 0, '2026-01-01T00:00:00Z')`,
    ).run();
    const insert = db.prepare(
      `INSERT INTO inbound_faxes (id, from_number, from_name, to_number, pages, received_at, read, provider, provider_fax_id, document_id)
       VALUES (?, ?, ?, '+12025550100', 1, ?, ?, 'seed', ?, 'seed-doc')`,
    );
    for (const fax of faxes) insert.run(fax.id, fax.from, fax.fromName, fax.receivedAt, fax.read ? 1 : 0, `seed-${fax.id}`);
  } finally {
    db.close();
  }
}
