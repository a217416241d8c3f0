// One engine per data folder. Two engines on one SQLite file would each run a queue and
// each reconcile the other's sends; the second one is refused with a clear reason instead.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { FaxError } from '../../shared/errors';

/** Another Faxbot holds the data folder; callers such as `faxbot mcp` can go through it instead. */
export class DataFolderInUseError extends FaxError {
  constructor(
    message: string,
    readonly holderPid: number,
  ) {
    super('wrong_state', message);
    this.name = 'DataFolderInUseError';
  }
}

export interface DataFolderLock {
  release(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function lockDataFolder(dataDir: string): DataFolderLock {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, 'faxbot.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return { release: () => rmSync(path, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSafe(path));
      if (Number.isInteger(holder) && holder > 0 && alive(holder)) {
        throw new DataFolderInUseError(
          `Faxbot is already running on the data folder ${dataDir} (process ${holder}). Use that window, stop it first, or choose another folder with FAX_DATA_DIR or --data-dir.`,
          holder,
        );
      }
      // Left behind by a process that ended without cleaning up (a crash): take it over.
      rmSync(path, { force: true });
    }
  }
  throw new FaxError('wrong_state', `Could not lock the data folder ${dataDir}: another Faxbot may be starting there. Try again.`);
}

function readFileSafe(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return '';
  }
}
