// How long documents are kept: INBOUND_RETENTION_DAYS / OUTBOUND_RETENTION_DAYS when set
// (environment > Settings > default 0 = keep forever, as DESIGN.md's precedence has it).
// A bad environment value must not stop the engine: it is ignored, logged and shown in Settings.
import type { Db } from '../database';
import { FaxError } from '../../../shared/errors';
import { RETENTION_MAX_DAYS, type RetentionSettings, type RetentionSweep } from '../../../shared/model';

export const RETENTION_VARIABLES = { inboundDays: 'INBOUND_RETENTION_DAYS', outboundDays: 'OUTBOUND_RETENTION_DAYS' } as const;
type RetentionField = keyof typeof RETENTION_VARIABLES;
const FIELDS = Object.keys(RETENTION_VARIABLES) as RetentionField[];

/** The daily sweep; FAXBOT_RETENTION_SWEEP_MS shortens it (tests, or an impatient admin). */
export const DAILY_SWEEP_MS = 24 * 60 * 60 * 1000;

const allowed = `a whole number of days from 0 to ${RETENTION_MAX_DAYS} (0 keeps documents forever)`;

/** A day count, or the sentence that says why not. */
export function parseRetentionDays(raw: unknown): { ok: true; days: number } | { ok: false; reason: string } {
  const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw.trim()) : raw;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > RETENTION_MAX_DAYS)
    return { ok: false, reason: allowed };
  return { ok: true, days: value };
}

/** The sweep interval from FAXBOT_RETENTION_SWEEP_MS; a bad value falls back to daily, with a reason. */
export function sweepIntervalFromEnv(env: Readonly<Record<string, string | undefined>>): { ms: number; problem: string | null } {
  const raw = env.FAXBOT_RETENTION_SWEEP_MS?.trim();
  if (!raw) return { ms: DAILY_SWEEP_MS, problem: null };
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms < 10 || ms > DAILY_SWEEP_MS) {
    return {
      ms: DAILY_SWEEP_MS,
      problem: `FAXBOT_RETENTION_SWEEP_MS=${raw.slice(0, 40)} is not usable: set milliseconds from 10 to ${DAILY_SWEEP_MS}, or unset it for daily. Sweeping daily.`,
    };
  }
  return { ms, problem: null };
}

export class RetentionSettingsStore {
  private readonly fromEnv: Partial<Record<RetentionField, number>> = {};
  readonly problems: string[] = [];

  constructor(
    private readonly db: Db,
    env: Readonly<Record<string, string | undefined>>,
  ) {
    for (const field of FIELDS) {
      const name = RETENTION_VARIABLES[field];
      const raw = env[name];
      if (raw === undefined || raw.trim() === '') continue;
      const parsed = parseRetentionDays(raw);
      if (parsed.ok) this.fromEnv[field] = parsed.days;
      else
        this.problems.push(
          `${name}=${raw.slice(0, 40)} is not usable: set it to ${allowed}, or unset it. Until then the value from Settings is used.`,
        );
    }
  }

  get(): RetentionSettings {
    const stored = this.readStored();
    return {
      inboundDays: this.fromEnv.inboundDays ?? stored.inboundDays ?? 0,
      outboundDays: this.fromEnv.outboundDays ?? stored.outboundDays ?? 0,
      lockedBy: {
        inboundDays: this.fromEnv.inboundDays === undefined ? null : RETENTION_VARIABLES.inboundDays,
        outboundDays: this.fromEnv.outboundDays === undefined ? null : RETENTION_VARIABLES.outboundDays,
      },
      problems: [...this.problems],
    };
  }

  /** Checks every changed field before writing any; a value fixed by the environment is refused. */
  update(changes: Partial<Record<RetentionField, unknown>>): RetentionSettings {
    const fields: Record<string, string> = {};
    const values: Partial<Record<RetentionField, number>> = {};
    for (const field of FIELDS) {
      if (!(field in changes) || changes[field] === undefined) continue;
      const name = RETENTION_VARIABLES[field];
      if (this.fromEnv[field] !== undefined) {
        fields[field] = `Set by ${name} in the environment; change or unset it there.`;
        continue;
      }
      const parsed = parseRetentionDays(changes[field]);
      if (parsed.ok) values[field] = parsed.days;
      else fields[field] = `Enter ${allowed}.`;
    }
    const problems = Object.entries(fields);
    if (problems.length) {
      throw new FaxError(
        'invalid_input',
        `These retention settings were not saved: ${problems.map(([k, v]) => `${RETENTION_VARIABLES[k as RetentionField]}: ${v}`).join(' ')}`,
        { field: problems[0][0], fields },
      );
    }
    const write = this.db.prepare(
      'INSERT INTO retention_settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    );
    this.db.transaction(() => {
      for (const [field, days] of Object.entries(values)) write.run(field, JSON.stringify(days));
    })();
    return this.get();
  }

  lastSweep(): RetentionSweep | null {
    const row = this.db.prepare("SELECT value FROM retention_settings WHERE key = 'lastSweep'").get() as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as RetentionSweep) : null;
  }

  recordSweep(sweep: RetentionSweep): void {
    this.db
      .prepare("INSERT INTO retention_settings (key, value) VALUES ('lastSweep', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
      .run(JSON.stringify(sweep));
  }

  private readStored(): Partial<Record<RetentionField, number>> {
    const out: Partial<Record<RetentionField, number>> = {};
    const rows = this.db.prepare("SELECT key, value FROM retention_settings WHERE key IN ('inboundDays', 'outboundDays')").all() as {
      key: RetentionField;
      value: string;
    }[];
    for (const row of rows) {
      const parsed = parseRetentionDays(JSON.parse(row.value));
      if (parsed.ok) out[row.key] = parsed.days;
    }
    return out;
  }
}
