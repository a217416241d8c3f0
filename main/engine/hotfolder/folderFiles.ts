// What in the watched folder is a print job, and how files leave it: moved, never copied
// over and never overwritten, so nothing a person printed is ever lost.
import { copyFile, constants, link, mkdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { writeFileAtomicAsync } from '../atomicFile';
import { extname, join } from 'node:path';

/** The folders Faxbot keeps inside the watched folder. */
export const SUBFOLDERS = { processing: 'processing', sent: 'sent', failed: 'failed' } as const;

/** A producer (the printer's hook) creates `<file>.done` once `<file>` is complete. */
export const DONE_MARKER = '.done';

const TEMPORARY_ENDINGS = ['.tmp', '.part', '.crdownload', '.partial', DONE_MARKER, '.reason.txt'];

/** Hidden files, Office's `~$` lock files and files still being downloaded or written are not print jobs. */
export function isIgnoredName(name: string): boolean {
  const lower = name.toLowerCase();
  if (name.startsWith('.') || name.startsWith('~$')) return true;
  return TEMPORARY_ENDINGS.some((ending) => lower.endsWith(ending));
}

export async function ensureFolders(folder: string): Promise<void> {
  await mkdir(folder, { recursive: true });
  for (const sub of Object.values(SUBFOLDERS)) await mkdir(join(folder, sub), { recursive: true });
}

/** `name`, or `name (2)`, `name (3)`… — the first that does not exist yet in `folder`. */
function candidate(name: string, n: number): string {
  if (n === 1) return name;
  const ext = extname(name);
  return `${name.slice(0, name.length - ext.length)} (${n})${ext}`;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

async function sameFile(a: string, b: string): Promise<boolean> {
  try {
    const [x, y] = await Promise.all([stat(a), stat(b)]);
    return x.ino === y.ino && x.dev === y.dev;
  } catch {
    return false;
  }
}

/**
 * Moves `from` to `folder/name` without ever replacing a file there: a hard link fails when
 * the name is taken (atomic), so a clash just tries the next suffix. Where links are not
 * allowed (some network shares) an exclusive copy does the same job. Answers the name used.
 */
export async function moveWithoutOverwrite(from: string, folder: string, name: string): Promise<string> {
  for (let n = 1; n < 10_000; n++) {
    const target = candidate(name, n);
    const to = join(folder, target);
    try {
      await link(from, to);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // Linked before a crash, not yet unlinked: that name is already this file.
      if (code === 'EEXIST' && (await sameFile(from, to))) {
        await unlink(from);
        return target;
      }
      if (code === 'EEXIST') continue;
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV' && code !== 'ENOSYS') throw error;
      try {
        await copyFile(from, to, constants.COPYFILE_EXCL);
      } catch (copyError) {
        if ((copyError as NodeJS.ErrnoException).code === 'EEXIST') continue;
        throw copyError;
      }
    }
    await unlink(from);
    return target;
  }
  throw new Error(`There are too many files named ${name} in ${folder}: move some away.`);
}

export const REASON_ENDING = '.reason.txt';
const REASON_TRAILER = /\n\nWritten by Faxbot on [^\n]+\.\n$/;

/**
 * The words beside a file in failed/: what was wrong and what to do. Written atomically (the
 * project's one atomic writer), so a kill leaves the whole file or none, never an empty one.
 */
export async function writeReason(folder: string, fileName: string, reason: string): Promise<void> {
  const text = `${fileName} was not faxed.\n\n${reason}\n\nWritten by Faxbot on ${new Date().toString()}.\n`;
  await writeFileAtomicAsync(join(folder, `${fileName}${REASON_ENDING}`), text);
}

/** Whether a reason file is whole: an earlier version could leave it empty or cut short when killed mid-write. */
export async function reasonIsWhole(path: string): Promise<boolean> {
  try {
    return REASON_TRAILER.test(await readFile(path, 'utf8'));
  } catch {
    return false;
  }
}

/** Renames within the watched folder (same volume): atomic, so the file is either claimed or not. */
export async function renameInto(from: string, to: string): Promise<void> {
  await rename(from, to);
}

export { exists as fileExists };
