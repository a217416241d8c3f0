// An import killed inside its transaction (after every row was written, before the commit)
// leaves no contact, no search entry and no audit entry; the same import then runs whole.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runTs } from '../support/childProcess';

const CHILD = 'test/support/contactImportChild.ts';

function readBack(dataDir: string) {
  const db = new Database(join(dataDir, 'faxbot.sqlite'));
  try {
    // Throws if the search index and the table disagree.
    db.prepare("INSERT INTO contacts_search (contacts_search) VALUES ('integrity-check')").run();
    return {
      contacts: (db.prepare('SELECT COUNT(*) AS n FROM contacts').get() as { n: number }).n,
      found: (
        db.prepare('SELECT COUNT(*) AS n FROM contacts_search WHERE contacts_search MATCH \'search_text : "clinic 1999"\'').get() as {
          n: number;
        }
      ).n,
      audited: (db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'contacts_imported'").get() as { n: number }).n,
    };
  } finally {
    db.close();
  }
}

describe('an import killed before it commits', () => {
  it('leaves nothing behind, and the same file then imports whole', { timeout: 60_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'faxbot-import-crash-'));
    const killed = await runTs(CHILD, ['2000'], { FAX_DATA_DIR: dataDir, FAXBOT_FAULT_POINT: 'contacts-import-written' });
    expect(killed.signal).toBe('SIGKILL');
    expect(killed.stderr).toContain('killing the process at contacts-import-written');
    expect(readBack(dataDir)).toEqual({ contacts: 0, found: 0, audited: 0 });

    const again = await runTs(CHILD, ['2000'], { FAX_DATA_DIR: dataDir });
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout.trim().split('\n').pop()!)).toMatchObject({ imported: 2000, skipped: 0 });
    expect(readBack(dataDir)).toEqual({ contacts: 2000, found: 1, audited: 1 });
  });
});
