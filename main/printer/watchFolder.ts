// The watched folder the printer delivers into: checked and created before anything else is
// written, so a bad --folder never leaves a half-installed printer behind.
import { chownSync, mkdirSync, rmdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, normalize } from 'node:path';
import type { DeskUser } from './layout';
import { PrinterSetupError } from './printerSetupError';

/** --folder, else FAXBOT_WATCH_DIR, else the engine's default in the desk user's home. */
export function chooseWatchDir(folder: string | undefined, env: Record<string, string | undefined>, desk: DeskUser): string {
  const given = folder ?? env.FAXBOT_WATCH_DIR?.trim();
  const from = folder !== undefined ? '--folder' : 'FAXBOT_WATCH_DIR';
  if (given === undefined || given === '') {
    if (folder !== undefined) throw new PrinterSetupError('--folder needs a folder, for example --folder /home/alice/Faxbot/Outbox.');
    return join(desk.home, 'Faxbot', 'Outbox');
  }
  // CUPS runs the hook from its own folder, so a relative path would point somewhere else.
  if (!isAbsolute(given))
    throw new PrinterSetupError(
      `${from} "${given}" is a relative path: give the full path, for example ${join(desk.home, 'Faxbot', 'Outbox')}.`,
    );
  // The hook gets the path written into it, so give it the plain form: no "..", no trailing "/".
  return normalize(given).replace(/(.)\/+$/, '$1');
}

function kind(path: string): 'missing' | 'folder' | 'other' {
  try {
    return statSync(path).isDirectory() ? 'folder' : 'other';
  } catch {
    return 'missing';
  }
}

/**
 * Makes the folder (and any missing parents) owned by the desk user and checks the desk user
 * can write in it. Answers the folders it created, so a later failure can take them back.
 */
export function prepareWatchDir(watchDir: string, desk: DeskUser, runningAsRoot: boolean): string[] {
  const missing: string[] = [];
  let at = watchDir;
  for (;;) {
    const found = kind(at);
    if (found === 'folder') break;
    if (found === 'other') {
      const what = at === watchDir ? `${watchDir} is a file, not a folder` : `${at} is a file, so ${watchDir} cannot be made under it`;
      throw new PrinterSetupError(`${what}: choose a folder with --folder.`);
    }
    missing.unshift(at);
    if (dirname(at) === at) break;
    at = dirname(at);
  }
  const created: string[] = [];
  try {
    // One level at a time (not recursive: Node's recursive mkdir can spin on /proc), so each
    // new folder can be given to the desk user.
    for (const folder of missing) {
      mkdirSync(folder, { mode: 0o700 });
      created.push(folder);
      if (runningAsRoot) chownSync(folder, desk.uid, desk.gid);
    }
    checkWritable(watchDir, desk, runningAsRoot);
  } catch (error) {
    removeCreated(created);
    if (error instanceof PrinterSetupError) throw error;
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new PrinterSetupError(`Faxbot cannot write to ${watchDir} (${reason}): choose a folder ${desk.name} can write to with --folder.`);
  }
  return created;
}

function checkWritable(watchDir: string, desk: DeskUser, runningAsRoot: boolean): void {
  // A real write proves the file system takes files (not read-only, not a pseudo file system).
  const probe = join(watchDir, `.faxbot-printer-check-${process.pid}`);
  writeFileSync(probe, '');
  unlinkSync(probe);
  if (!runningAsRoot || desk.uid === 0) return;
  // Root can write anywhere; the hook runs as the desk user, who needs write permission too.
  const { uid, gid, mode } = statSync(watchDir);
  const writable = (uid === desk.uid && mode & 0o200) || (gid === desk.gid && mode & 0o020) || mode & 0o002;
  if (!writable)
    throw new PrinterSetupError(
      `${desk.name} cannot write to ${watchDir} (it belongs to user ${uid}): choose a folder ${desk.name} owns with --folder, or give it to them with chown.`,
    );
}

/** Takes back folders made by a failed install, if they are still empty. */
export function removeCreated(created: string[]): void {
  for (const folder of [...created].reverse()) {
    try {
      rmdirSync(folder);
    } catch {
      // not empty any more, or already gone: leave it
    }
  }
}
