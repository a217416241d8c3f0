// The watched folder's settings: the environment fixes a value (and Settings shows it locked
// with the variable's name); otherwise Settings → General decides, stored in SQLite.
import type { Db } from '../database';

export interface HotFolderTiming {
  /** How often the folder is listed, whatever fs.watch says: network shares send no events. */
  pollMs: number;
  /** A file without a `.done` marker is taken once its size and time are unchanged this long. */
  settleMs: number;
  /** A PDF that does not end in %%EOF yet is given this much longer, in case it is still arriving. */
  incompleteGraceMs: number;
  /** The same document printed again within this long is asked about. */
  duplicateWindowMs: number;
}

export interface HotFolderChoices {
  autoSend: boolean;
  gatherSeconds: number;
  lockedBy: { autoSend: string | null; gatherSeconds: string | null };
}

const HOUR_MS = 60 * 60 * 1000;

function envNumber(
  env: Readonly<Record<string, string | undefined>>,
  name: string,
  fallback: number,
  min: number,
  max: number,
  problems: string[],
): number | null {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return null;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${name}=${raw} is not usable and was ignored: set it to a whole number from ${min} to ${max} (default ${fallback}).`);
    return null;
  }
  return value;
}

function envFlag(env: Readonly<Record<string, string | undefined>>, name: string, problems: string[]): boolean | null {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return null;
  if (['true', '1', 'yes', 'on'].includes(raw)) return true;
  if (['false', '0', 'no', 'off'].includes(raw)) return false;
  problems.push(`${name}=${env[name]} is not usable and was ignored: set it to true or false.`);
  return null;
}

export function hotFolderTiming(env: Readonly<Record<string, string | undefined>>, problems: string[]): HotFolderTiming {
  const settleMs = envNumber(env, 'FAXBOT_WATCH_SETTLE_MS', 2000, 50, 600_000, problems) ?? 2000;
  return {
    pollMs: envNumber(env, 'FAXBOT_WATCH_POLL_MS', 1000, 20, 600_000, problems) ?? 1000,
    settleMs,
    incompleteGraceMs: Math.max(settleMs * 5, 10_000),
    duplicateWindowMs: (envNumber(env, 'FAXBOT_WATCH_DUPLICATE_HOURS', 24, 0, 24 * 365, problems) ?? 24) * HOUR_MS,
  };
}

/** FAXBOT_WATCH_AUTOSEND is DESIGN.md's name; FAXBOT_WATCH_AUTO_SEND is accepted as well. */
const AUTO_SEND_VARIABLES = ['FAXBOT_WATCH_AUTOSEND', 'FAXBOT_WATCH_AUTO_SEND'] as const;

export class HotFolderSettingsStore {
  readonly problems: string[] = [];
  private readonly envAutoSend: { name: string; value: boolean } | null = null;
  private readonly envGather: number | null;

  constructor(
    private readonly db: Db,
    env: Readonly<Record<string, string | undefined>>,
  ) {
    for (const name of AUTO_SEND_VARIABLES) {
      const value = envFlag(env, name, this.problems);
      if (value !== null && !this.envAutoSend) this.envAutoSend = { name, value };
    }
    this.envGather = envNumber(env, 'FAXBOT_WATCH_GATHER_SECONDS', 0, 0, 600, this.problems);
  }

  get(): HotFolderChoices {
    const stored = this.stored();
    return {
      autoSend: this.envAutoSend?.value ?? stored.autoSend === true,
      gatherSeconds: this.envGather ?? (typeof stored.gatherSeconds === 'number' ? stored.gatherSeconds : 0),
      lockedBy: { autoSend: this.envAutoSend?.name ?? null, gatherSeconds: this.envGather !== null ? 'FAXBOT_WATCH_GATHER_SECONDS' : null },
    };
  }

  /** A value the environment fixes is not stored: the variable would win anyway. */
  update(changes: { autoSend?: boolean; gatherSeconds?: number }): HotFolderChoices {
    const write = this.db.prepare(
      'INSERT INTO hot_folder_settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    );
    this.db.transaction(() => {
      if (changes.autoSend !== undefined && !this.envAutoSend) write.run('autoSend', JSON.stringify(changes.autoSend));
      if (changes.gatherSeconds !== undefined && this.envGather === null) write.run('gatherSeconds', JSON.stringify(changes.gatherSeconds));
    })();
    this.cache = null;
    return this.get();
  }

  /** Read once and kept: update() is the only writer. */
  private cache: Record<string, unknown> | null = null;

  private stored(): Record<string, unknown> {
    if (this.cache) return this.cache;
    const rows = this.db.prepare('SELECT key, value FROM hot_folder_settings').all() as { key: string; value: string }[];
    this.cache = Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
    return this.cache;
  }
}
