// Replacing a file so that, whatever moment the process dies, the path holds either the
// whole old content or the whole new one: a temp file in the same folder, fsync, rename
// over the old file, fsync of the folder (so the rename itself survives a power cut).
// The original Faxbot renamed the old file away first, leaving a moment with no file.
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

const TEMP_SUFFIX = '.tmp';
const tempPrefix = (path: string) => `.${basename(path)}.`;

function syncFolder(folder: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(folder, 'r');
    fsyncSync(fd);
  } catch (error) {
    // Windows cannot open or fsync a folder; its rename is already durable (MoveFileEx).
    if (process.platform !== 'win32') throw error;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export function writeFileAtomic(path: string, content: string | Buffer, mode = 0o600): void {
  const folder = dirname(path);
  mkdirSync(folder, { recursive: true });
  const temp = join(folder, `${tempPrefix(path)}${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
  const fd = openSync(temp, 'wx', mode);
  try {
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
  closeSync(fd);
  try {
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  syncFolder(folder);
}

/**
 * Temp files a killed writer left behind for this file or its backups (`.<stem>.*.tmp`);
 * they never hold the only copy of anything.
 */
export function removeLeftoverTempFiles(path: string): void {
  const name = basename(path);
  const prefix = `.${name.includes('.') ? name.slice(0, name.lastIndexOf('.')) : name}.`;
  let names: string[];
  try {
    names = readdirSync(dirname(path));
  } catch {
    return;
  }
  for (const entry of names) if (entry.startsWith(prefix) && entry.endsWith(TEMP_SUFFIX)) rmSync(join(dirname(path), entry), { force: true });
}
