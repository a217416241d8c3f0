// The data folder holds patient data (numbers, names and subjects in SQLite; the documents):
// everything Faxbot makes in it is readable by its owner only — folders 0700, files 0600 —
// on first start, and repaired at every start for folders an earlier version made with the
// process umask (faxbot.sqlite was 0644). Only Faxbot's own entries are touched: in the
// desktop app the data folder is Electron's user-data folder, which holds Electron's files too.
import { chmodSync, closeSync, existsSync, lstatSync, mkdirSync, openSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_FOLDER_MODE = 0o700;

/** Faxbot's own entries at the top of the data folder. */
const OWN_FILES = [
  /^(faxbot|simulator)\.sqlite(-wal|-shm|-journal)?$/,
  /^faxbot\.lock(\.pid)?(-journal)?$/,
  /^audit\.head$/,
  /^(data|master)\.key$/,
  /^faxbot\.config(\.[\w.-]+)?\.json$/,
  /^plugin-secrets\.sealed$/,
  /^window-state\.json$/,
  // The atomic writer's temp files (atomicFile.ts), left by a kill mid-write.
  /^\..+\.tmp$/,
];
const OWN_FOLDERS = new Set(['documents', 'plugins']);

/** Makes the data folder owner-only and repairs the modes of what Faxbot made in it. */
export function secureDataFolder(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  if (process.platform === 'win32') return; // NTFS permissions come from the user's profile folder
  chmodSync(dataDir, PRIVATE_FOLDER_MODE);
  for (const name of readdirSync(dataDir)) {
    if (OWN_FOLDERS.has(name)) secureTree(join(dataDir, name));
    else if (OWN_FILES.some((pattern) => pattern.test(name))) secureEntry(join(dataDir, name));
  }
}

/**
 * Creates `path` empty and owner-only when it does not exist, so a file another library then
 * opens (SQLite, and the -wal and -shm files it makes with the same mode) starts private.
 */
export function createPrivateFile(path: string): void {
  if (existsSync(path)) return;
  closeSync(openSync(path, 'a', PRIVATE_FILE_MODE));
}

function secureTree(path: string): void {
  const info = lstatSync(path, { throwIfNoEntry: false });
  if (!info || info.isSymbolicLink()) return;
  secureEntry(path);
  if (info.isDirectory()) for (const name of readdirSync(path)) secureTree(join(path, name));
}

function secureEntry(path: string): void {
  const info = lstatSync(path, { throwIfNoEntry: false });
  if (!info || info.isSymbolicLink()) return;
  const wanted = info.isDirectory() ? PRIVATE_FOLDER_MODE : PRIVATE_FILE_MODE;
  if ((info.mode & 0o777) !== wanted) chmodSync(path, wanted);
}
