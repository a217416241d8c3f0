// One engine per data folder. Two engines on one SQLite file would each run a queue and
// each reconcile the other's sends; the second one is refused with a clear reason instead.
//
// The lock is SQLite's own exclusive lock on a small database (faxbot.lock), held for the
// engine's life: an advisory file lock the OS drops the moment the holder ends, however it
// ends (a crash, SIGKILL, a power cut), so a stale lock cannot block a start, whatever
// process later reuses the old PID. The holder's PID is written beside it only to be named
// in the refusal (faxbot.lock.pid); nothing is decided by it.
import Database from 'better-sqlite3';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { FaxError } from '../../shared/errors';
import { writeFileAtomic } from './atomicFile';
import { createPrivateFile } from './dataFolderModes';

/** Another Faxbot holds the data folder; callers such as `faxbot mcp` can go through it instead. */
export class DataFolderInUseError extends FaxError {
  constructor(
    message: string,
    /** The holder's process id as it wrote it, or null when it could not be read. */
    readonly holderPid: number | null,
  ) {
    super('wrong_state', message);
    this.name = 'DataFolderInUseError';
  }
}

export interface DataFolderLock {
  release(): void;
}

export const LOCK_FILE = 'faxbot.lock';
const PID_FILE = 'faxbot.lock.pid';

export interface LockOptions {
  /** Path of a better-sqlite3 binary built for another runtime (Electron's ABI), as for the main database. */
  nativeBinding?: string;
}

export function lockDataFolder(dataDir: string, options: LockOptions = {}): DataFolderLock {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const path = join(dataDir, LOCK_FILE);
  createPrivateFile(path);
  const db = openLockDatabase(path, options);
  try {
    // Rollback journal with locking_mode EXCLUSIVE: the first write takes the exclusive lock
    // and the connection keeps it until it closes. No waiting: a held lock answers at once.
    db.pragma('journal_mode = DELETE');
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('CREATE TABLE IF NOT EXISTS holder (pid INTEGER NOT NULL, started_at TEXT NOT NULL)');
    db.prepare('DELETE FROM holder').run();
    db.prepare('INSERT INTO holder (pid, started_at) VALUES (?, ?)').run(process.pid, new Date().toISOString());
  } catch (error) {
    db.close();
    if (isBusy(error)) throw inUse(dataDir);
    throw error;
  }
  writeFileAtomic(join(dataDir, PID_FILE), `${process.pid}\n`);
  let released = false;
  return {
    release: () => {
      if (released) return;
      released = true;
      // The lock file stays: removing it while another process waits on it could let two in.
      rmSync(join(dataDir, PID_FILE), { force: true });
      db.close();
    },
  };
}

function openLockDatabase(path: string, options: LockOptions): Database.Database {
  const open = () => new Database(path, { timeout: 0, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
  try {
    const db = open();
    db.pragma('schema_version'); // reads the header: a file that is not a database fails here
    return db;
  } catch (error) {
    if (isBusy(error)) return open(); // held: the write below reports it in words
    if ((error as { code?: string }).code !== 'SQLITE_NOTADB') throw error;
    // The PID-only lock file of earlier versions: it decides nothing any more.
    rmSync(path, { force: true });
    return open();
  }
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code ?? '';
  return code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_') || code === 'SQLITE_LOCKED';
}

function inUse(dataDir: string): DataFolderInUseError {
  const pid = Number(readFileSafe(join(dataDir, PID_FILE)));
  const holder = Number.isInteger(pid) && pid > 0 ? pid : null;
  const who = holder ? ` (process ${holder})` : '';
  return new DataFolderInUseError(
    `Faxbot is already running on the data folder ${dataDir}${who}. Use that Faxbot (its window, or its REST API when it runs as \`faxbot serve\`), stop it first, or choose another folder with FAX_DATA_DIR or --data-dir.`,
    holder,
  );
}

function readFileSafe(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return '';
  }
}
