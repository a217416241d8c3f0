// Replacing a file so that, whatever moment the process dies, the path holds either the
// whole old content or the whole new one: a temp file in the same folder, fsync, rename
// over the old file, fsync of the folder (so the rename itself survives a power cut).
// The original Faxbot renamed the old file away first, leaving a moment with no file.
// Every file Faxbot replaces goes through here: documents, key files, the plugin config and
// its secrets, the audit head, fax images for Asterisk.
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

const TEMP_SUFFIX = '.tmp';
const tempPrefix = (path: string) => `.${basename(path)}.`;

export function syncFolder(folder: string): void {
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

/** A hidden temp name beside `path` (`.<name>.<random>.tmp`), which folder listings skip. */
export function tempPathBeside(path: string): string {
  return join(dirname(path), `${tempPrefix(path)}${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
}

export function writeFileAtomic(path: string, content: string | Uint8Array, mode = 0o600): void {
  const folder = dirname(path);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const temp = tempPathBeside(path);
  const fd = openSync(temp, 'wx', mode);
  try {
    const bytes =
      typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content.buffer, content.byteOffset, content.byteLength);
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

/** The same, off the event loop (the flushes to disk cost milliseconds). */
export async function writeFileAtomicAsync(path: string, content: string | Uint8Array, mode = 0o600): Promise<void> {
  const folder = dirname(path);
  await mkdir(folder, { recursive: true, mode: 0o700 });
  const temp = tempPathBeside(path);
  try {
    const file = await open(temp, 'wx', mode);
    try {
      await file.writeFile(content);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
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
  for (const entry of names)
    if (entry.startsWith(prefix) && entry.endsWith(TEMP_SUFFIX)) rmSync(join(dirname(path), entry), { force: true });
}
