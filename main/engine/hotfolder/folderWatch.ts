// Noticing finished files in the watched folder. fs.watch is only a hint that something
// changed; a listing every pollMs is the truth (network shares send no events, and events
// get lost). A file is finished when `<file>.done` appears beside it, or when its size and
// modification time have stood still for settleMs.
import { watch, type FSWatcher } from 'node:fs';
import { open, readdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../log';
import type { HotFolderTiming } from './hotFolderSettings';
import { DONE_MARKER, SUBFOLDERS, isIgnoredName } from './folderFiles';

export interface FolderWatchOptions {
  folder: string;
  timing: HotFolderTiming;
  logger: Logger;
  /** A finished file; the next listing waits until this resolves. */
  onFinished(name: string, hasMarker: boolean): Promise<void>;
  /** What stops the folder being watched, in words, or null once it is fine again. */
  onProblem(problem: string | null): void;
}

interface Sighting {
  size: number;
  mtimeMs: number;
  steadySince: number;
}

const OWN_FOLDERS = new Set<string>(Object.values(SUBFOLDERS));

export function describeFolderProblem(folder: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOENT':
      return `The watched folder ${folder} is missing (it was removed, or its drive or network share is not connected). Faxbot keeps looking and carries on when it is back.`;
    case 'EACCES':
    case 'EPERM':
      return `Faxbot is not allowed to read the watched folder ${folder}: give this user permission to read and change it.`;
    case 'ENOTDIR':
      return `The watched folder ${folder} is a file, not a folder: move the file away or set FAXBOT_WATCH_DIR to a folder.`;
    default:
      return `The watched folder ${folder} cannot be read (${code ?? (error instanceof Error ? error.message : String(error))}). Faxbot keeps trying.`;
  }
}

/** True when a PDF does not end in %%EOF yet: likely still being written, whatever its timestamps say. */
async function looksUnfinishedPdf(path: string, size: number): Promise<boolean> {
  if (size < 8) return false;
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(5);
    await handle.read(head, 0, 5, 0);
    if (head.toString('latin1') !== '%PDF-') return false;
    const tailSize = Math.min(size, 2048);
    const tail = Buffer.alloc(tailSize);
    await handle.read(tail, 0, tailSize, size - tailSize);
    return !tail.toString('latin1').includes('%%EOF');
  } finally {
    await handle.close();
  }
}

export class FolderWatch {
  private readonly sightings = new Map<string, Sighting>();
  /** `.done` markers whose file is not there, and since when: cleared once they are clearly left over. */
  private readonly lonelyMarkers = new Map<string, number>();
  private watcher: FSWatcher | null = null;
  private timer: NodeJS.Timeout | null = null;
  private scanning: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private problem: string | null = null;

  constructor(private readonly options: FolderWatchOptions) {}

  start(): void {
    this.startWatcher();
    this.soon(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.watcher?.close();
    this.watcher = null;
    await this.scanning;
  }

  /** Lists the folder now (and again after, if a listing is already running). */
  poke(): void {
    this.soon(0);
  }

  private startWatcher(): void {
    if (this.watcher || this.stopped) return;
    try {
      this.watcher = watch(this.options.folder, { persistent: false }, () => this.soon(25));
      this.watcher.on('error', (error) => {
        // The folder went away or the system refused: polling carries on and finds out why.
        this.options.logger.warn('change notices for the watched folder stopped; checking by listing it', { error });
        this.watcher?.close();
        this.watcher = null;
        this.soon(0);
      });
    } catch (error) {
      // Network shares and exhausted inotify limits: the listing every pollMs still works.
      this.options.logger.info('no change notices for the watched folder; checking it by listing it', { error });
      this.watcher = null;
    }
  }

  private soon(delayMs: number): void {
    if (this.stopped) return;
    if (this.scanning) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.scanning = this.scan()
        .catch((error) => this.options.logger.error('listing the watched folder failed', { error }))
        .finally(() => {
          this.scanning = null;
          if (this.stopped) return;
          const next = this.again ? 0 : this.nextDelay();
          this.again = false;
          this.soon(next);
        });
    }, delayMs);
  }

  /** The next listing comes at the poll interval, or sooner when a file is due to have settled. */
  private nextDelay(): number {
    const { pollMs, settleMs } = this.options.timing;
    let next = pollMs;
    const now = Date.now();
    for (const s of this.sightings.values()) {
      // Settled but looking unfinished: the next moment that matters is the end of the grace.
      const settledAt = s.steadySince + settleMs;
      const at = settledAt > now ? settledAt : s.steadySince + this.options.timing.incompleteGraceMs;
      if (at > now) next = Math.min(next, at - now + 5);
    }
    return next;
  }

  private setProblem(problem: string | null): void {
    if (problem === this.problem) return;
    this.problem = problem;
    if (problem) this.options.logger.warn(problem);
    else this.options.logger.info('the watched folder can be read again', { folder: this.options.folder });
    this.options.onProblem(problem);
  }

  /**
   * A marker outlives its file when Faxbot stopped between taking the file and deleting the
   * marker, or when someone took the file away; once alone for a settle period it is removed.
   */
  private async clearLeftoverMarkers(names: string[], present: Set<string>, now: number): Promise<void> {
    for (const name of names) {
      if (!name.endsWith(DONE_MARKER) || present.has(name.slice(0, -DONE_MARKER.length))) {
        this.lonelyMarkers.delete(name);
        continue;
      }
      const since = this.lonelyMarkers.get(name) ?? now;
      this.lonelyMarkers.set(name, since);
      if (now - since >= this.options.timing.settleMs) {
        await unlink(join(this.options.folder, name)).catch(() => undefined);
        this.lonelyMarkers.delete(name);
      }
    }
  }

  private async scan(): Promise<void> {
    const { folder, timing } = this.options;
    let names: string[];
    try {
      const entries = await readdir(folder, { withFileTypes: true });
      names = entries
        .filter((e) => e.isFile() || e.isSymbolicLink())
        .map((e) => e.name)
        .filter((n) => !OWN_FOLDERS.has(n));
    } catch (error) {
      this.setProblem(describeFolderProblem(folder, error));
      this.watcher?.close();
      this.watcher = null;
      this.sightings.clear();
      return;
    }
    this.setProblem(null);
    this.startWatcher();
    const present = new Set(names);
    for (const name of this.sightings.keys()) if (!present.has(name)) this.sightings.delete(name);

    const now = Date.now();
    await this.clearLeftoverMarkers(names, present, now);
    for (const name of names.sort()) {
      if (this.stopped) return;
      if (isIgnoredName(name)) continue;
      let info;
      try {
        info = await stat(join(folder, name));
      } catch {
        continue; // gone between the listing and now
      }
      if (!info.isFile()) continue;
      const hasMarker = present.has(name + DONE_MARKER);
      const before = this.sightings.get(name);
      const steady = before !== undefined && before.size === info.size && before.mtimeMs === info.mtimeMs;
      const sighting = steady ? before : { size: info.size, mtimeMs: info.mtimeMs, steadySince: now };
      this.sightings.set(name, sighting);
      let finished = hasMarker || (steady && now - sighting.steadySince >= timing.settleMs);
      if (finished && !hasMarker && now - sighting.steadySince < timing.incompleteGraceMs) {
        finished = !(await looksUnfinishedPdf(join(folder, name), info.size).catch(() => false));
      }
      if (!finished) continue;
      this.sightings.delete(name);
      await this.options.onFinished(name, hasMarker);
    }
  }
}
