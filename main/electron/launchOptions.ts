// Where this run of the app keeps its data and which SQLite build it loads, decided from the
// command line, the environment and the files on disk (DESIGN.md "Outward contracts").
import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';

/** `--data-dir DIR` or `--data-dir=DIR`; the last one given wins, like most programs. */
export function dataDirArgument(argv: readonly string[]): string | undefined {
  let found: string | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--data-dir') {
      const next = argv[i + 1];
      if (next !== undefined && !next.startsWith('--')) {
        found = next;
        i += 1;
      }
    } else if (arg.startsWith('--data-dir=')) {
      found = arg.slice('--data-dir='.length);
    }
  }
  return found?.trim() || undefined;
}

export interface DataDirChoice {
  dataDir: string;
  /** Where it came from, for the start-up log line. */
  source: '--data-dir' | 'FAX_DATA_DIR' | 'userData';
}

/**
 * The command line beats the environment (it is the more specific, per-run choice); both beat
 * Electron's userData folder. Relative paths are taken from the current folder.
 */
export function chooseDataDir(argv: readonly string[], env: Record<string, string | undefined>, userDataPath: string): DataDirChoice {
  const fromArgument = dataDirArgument(argv);
  if (fromArgument) return { dataDir: resolve(fromArgument), source: '--data-dir' };
  const fromEnv = env.FAX_DATA_DIR?.trim();
  if (fromEnv) return { dataDir: resolve(fromEnv), source: 'FAX_DATA_DIR' };
  return { dataDir: userDataPath, source: 'userData' };
}

export const ELECTRON_NATIVE_DIR = '.electron-native';
export const SQLITE_BINDING_FILE = 'better_sqlite3.node';

/**
 * better-sqlite3 in node_modules is built for Node (tests, `faxbot serve`); inside Electron
 * the engine needs a copy built for Electron's ABI. `npm start` builds it into
 * .electron-native/; FAXBOT_SQLITE_BINDING points elsewhere; a packaged app has its own
 * rebuilt copy (electron-builder npmRebuild), so it needs neither.
 */
export function chooseSqliteBinding(
  env: Record<string, string | undefined>,
  appRoot: string,
  isPackaged: boolean,
  exists: (path: string) => boolean = existsSync,
): string | undefined {
  const fromEnv = env.FAXBOT_SQLITE_BINDING?.trim();
  if (fromEnv) return isAbsolute(fromEnv) ? fromEnv : resolve(appRoot, fromEnv);
  if (isPackaged) return undefined;
  const built = join(appRoot, ELECTRON_NATIVE_DIR, SQLITE_BINDING_FILE);
  return exists(built) ? built : undefined;
}
