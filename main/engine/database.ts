// The engine's one SQLite file: WAL for concurrent readers, foreign keys on, and versioned
// migrations run at start, each in its own transaction.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { MIGRATIONS } from './migrations';
import { createPrivateFile, PRIVATE_FOLDER_MODE } from './dataFolderModes';

export type Db = Database.Database;

export interface OpenDatabaseOptions {
  dataDir: string;
  /** Path of a better-sqlite3 binary built for another runtime (Electron's ABI). */
  nativeBinding?: string;
  fileName?: string;
}

export function openDatabase({ dataDir, nativeBinding, fileName = 'faxbot.sqlite' }: OpenDatabaseOptions): Db {
  mkdirSync(dataDir, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  // Owner-only from the first byte; SQLite makes its -wal and -shm files with the same mode.
  createPrivateFile(join(dataDir, fileName));
  const db = new Database(join(dataDir, fileName), nativeBinding ? { nativeBinding } : {});
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  // FULL: a crash (even power loss) never loses a committed state change.
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

export function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(
      `This data folder was written by a newer Faxbot (schema ${current}, this version knows ${MIGRATIONS.length}). Update Faxbot, or point FAX_DATA_DIR at another folder.`,
    );
  }
  for (let version = current + 1; version <= MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version - 1]);
      db.pragma(`user_version = ${version}`);
    })();
  }
}
