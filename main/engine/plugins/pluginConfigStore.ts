// The plugin config file (FAXBOT_CONFIG_PATH, default <dataDir>/faxbot.config.json): read
// once at start (a missing or broken file gives defaults and a problem, never a crash),
// every write validated first and written atomically, the previous version kept as a
// timestamped backup beside it (faxbot.config.<timestamp>.json), the newest N kept.
import { readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { FaxError } from '../../../shared/errors';
import type { ConfigBackup } from '../../../shared/plugins';
import { removeLeftoverTempFiles, writeFileAtomic } from '../atomicFile';
import { emptyPluginConfig, parsePluginConfig, pluginConfigText, type PluginConfigFile } from './pluginConfigFile';

export interface PluginConfigStoreOptions {
  path: string;
  /** How many earlier versions to keep beside the file. */
  backups?: number;
  /** Checks a version against the plugins' schemas; throws a FaxError with fields when it does not fit. */
  validate?: (file: PluginConfigFile) => void;
}

const STAMP = /^(\d{8}T\d{9}Z)(?:-(\d{1,4}))?$/;

export class PluginConfigStore {
  readonly path: string;
  private readonly keep: number;
  private validator: (file: PluginConfigFile) => void;
  private current: PluginConfigFile;
  private loadProblem: string | null = null;

  constructor(options: PluginConfigStoreOptions) {
    this.path = options.path;
    this.keep = Math.max(0, Math.floor(options.backups ?? 10));
    this.validator = options.validate ?? (() => undefined);
    removeLeftoverTempFiles(this.path);
    this.pruneBackups();
    this.current = this.load();
  }

  /** The catalog installs its schema check once it exists (it needs the store first). */
  setValidator(validate: (file: PluginConfigFile) => void): void {
    this.validator = validate;
  }

  /** Why the file on disk was not used at start, in words; null when it was (or there was none yet). */
  get problem(): string | null {
    return this.loadProblem;
  }

  read(): PluginConfigFile {
    return structuredClone(this.current);
  }

  write(next: PluginConfigFile): void {
    const checked = parsePluginConfig(JSON.stringify(next), 'The new plugin configuration');
    if ('problem' in checked) throw new FaxError('invalid_input', checked.problem);
    this.validator(checked.file);
    this.keepBackup();
    writeFileAtomic(this.path, pluginConfigText(checked.file));
    this.current = checked.file;
    this.loadProblem = null;
  }

  /** The kept earlier versions, newest first. */
  backups(): ConfigBackup[] {
    return this.backupFiles().map(({ id, at }) => ({ id, at: at.toISOString(), bytes: statSync(join(dirname(this.path), id)).size }));
  }

  /** Puts an earlier version back: validated like any write, and the current one is kept as a backup. */
  restore(id: string): void {
    const backup = this.backupFiles().find((b) => b.id === id);
    if (!backup)
      throw new FaxError(
        'not_found',
        `There is no kept version "${id.slice(0, 80)}" of the plugin configuration: choose one from the list of backups.`,
      );
    const parsed = parsePluginConfig(readFileSync(join(dirname(this.path), id), 'utf8'), `The kept version ${id}`);
    if ('problem' in parsed) throw new FaxError('invalid_input', `${parsed.problem} It cannot be restored; choose another.`);
    this.write(parsed.file);
  }

  private load(): PluginConfigFile {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
        this.loadProblem = `The plugin configuration ${this.path} cannot be read (${(error as NodeJS.ErrnoException).code}); the defaults are used until it is saved again.`;
      return emptyPluginConfig();
    }
    const parsed = parsePluginConfig(text, `The plugin configuration ${this.path}`);
    if ('problem' in parsed) {
      this.loadProblem = `${parsed.problem} The defaults are used until it is saved again (the file is kept as a backup then); or restore a backup.`;
      return emptyPluginConfig();
    }
    return parsed.file;
  }

  private names(): { folder: string; stem: string; ext: string } {
    const ext = extname(this.path) || '.json';
    return { folder: dirname(this.path), stem: basename(this.path, extname(this.path)), ext };
  }

  private backupFiles(): { id: string; at: Date; seq: number }[] {
    const { folder, stem, ext } = this.names();
    let entries: string[];
    try {
      entries = readdirSync(folder);
    } catch {
      return [];
    }
    const found: { id: string; at: Date; seq: number; stamp: string }[] = [];
    for (const name of entries) {
      if (!name.startsWith(`${stem}.`) || !name.endsWith(ext)) continue;
      const match = STAMP.exec(name.slice(stem.length + 1, name.length - ext.length));
      if (!match) continue;
      const s = match[1]!;
      const at = new Date(
        `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}.${s.slice(15, 18)}Z`,
      );
      if (!Number.isNaN(at.getTime())) found.push({ id: name, at, seq: Number(match[2] ?? 0), stamp: s });
    }
    return found
      .sort((a, b) => (a.stamp === b.stamp ? b.seq - a.seq : a.stamp < b.stamp ? 1 : -1))
      .map(({ id, at, seq }) => ({ id, at, seq }));
  }

  /** Copies the file about to be replaced (as it is on disk, even if broken) to a new backup. */
  /** Keeps the newest `keep` versions; at start too, as a kill after a backup but before this leaves one extra. */
  private pruneBackups(): void {
    const { folder } = this.names();
    for (const extra of this.backupFiles().slice(this.keep)) rmSync(join(folder, extra.id), { force: true });
  }

  private keepBackup(): void {
    if (this.keep === 0) return;
    let old: Buffer;
    try {
      old = readFileSync(this.path);
    } catch {
      return;
    }
    const { folder, stem, ext } = this.names();
    const stamp = new Date().toISOString().replace(/[-:.]/g, '');
    const taken = new Set(this.backupFiles().map((b) => b.id));
    let name = `${stem}.${stamp}${ext}`;
    for (let seq = 1; taken.has(name); seq++) name = `${stem}.${stamp}-${seq}${ext}`;
    writeFileAtomic(join(folder, name), old);
    this.pruneBackups();
  }
}
