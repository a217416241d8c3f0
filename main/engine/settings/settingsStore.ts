// General settings (country, paper, station identity…), kept in SQLite with defaults.
// A later issue puts provider settings in the plugin config store; these stay here.
import type { Db } from '../database';
import { FaxError } from '../../../shared/errors';
import { settings as settingsSchema, type Settings } from '../../../shared/model';
import { checkFaxNumber, isCountryCode } from '../../../shared/faxNumber';
import { fieldErrors } from '../../../shared/rpc';
import { sendingWindowProblem } from '../../../shared/schedule';

export const DEFAULT_SETTINGS: Settings = {
  defaultCountry: 'US',
  paperSize: 'letter',
  stationNumber: '',
  // No made-up name: a cover page of an unset practice leaves FROM out rather than print "Faxbot".
  stationName: '',
  stationPhone: '',
  stationSetup: null,
  headerText: '',
  confidentialityNotice:
    'CONFIDENTIAL: This fax may contain protected health or other private information. If you are not the intended recipient, do not read, copy or share it; tell the sender at once by phone and destroy all copies.',
  maxAttempts: 3,
  concurrency: 2,
  theme: 'system',
  sendingWindowOn: false,
  sendingWindowStart: '08:00',
  sendingWindowEnd: '18:00',
  sendingWindowDays: [1, 2, 3, 4, 5],
};

export class SettingsStore {
  private cache: Settings | null = null;

  constructor(private readonly db: Db) {}

  get(): Settings {
    if (this.cache) return this.cache;
    const rows = this.db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
    const stored: Record<string, unknown> = {};
    for (const row of rows) stored[row.key] = JSON.parse(row.value);
    const merged = settingsSchema.safeParse({ ...DEFAULT_SETTINGS, ...stored });
    this.cache = merged.success ? merged.data : DEFAULT_SETTINGS;
    return this.cache;
  }

  /** Validates the whole result before writing any of it. */
  update(changes: Partial<Settings>): Settings {
    const next = { ...this.get(), ...changes };
    const parsed = settingsSchema.safeParse(next);
    if (!parsed.success) {
      const fields = fieldErrors(parsed.error);
      throw new FaxError(
        'invalid_input',
        `These settings are not valid: ${Object.entries(fields)
          .map(([k, v]) => `${k}: ${v}`)
          .join('; ')}.`,
        { fields },
      );
    }
    const value = parsed.data;
    if (!isCountryCode(value.defaultCountry)) {
      throw new FaxError(
        'invalid_input',
        `${value.defaultCountry} is not a country code Faxbot knows: use two letters such as US, CA or GB.`,
        { field: 'defaultCountry', fields: { defaultCountry: 'unknown country code' } },
      );
    }
    if (value.stationNumber !== '') {
      const check = checkFaxNumber(value.stationNumber, value.defaultCountry);
      if (!check.ok)
        throw new FaxError('invalid_number', `The station's own number: ${check.message}`, {
          field: 'stationNumber',
          fields: { stationNumber: check.message },
        });
      value.stationNumber = check.e164;
    }
    value.stationName = value.stationName.trim();
    if (value.stationPhone.trim() !== '') {
      const check = checkFaxNumber(value.stationPhone, value.defaultCountry);
      if (!check.ok)
        throw new FaxError('invalid_number', `The practice's phone number: ${check.message}`, {
          field: 'stationPhone',
          fields: { stationPhone: check.message },
        });
      value.stationPhone = check.e164;
    } else value.stationPhone = '';
    if (value.sendingWindowOn) {
      const problem = sendingWindowProblem({ start: value.sendingWindowStart, end: value.sendingWindowEnd, days: value.sendingWindowDays });
      const field = value.sendingWindowDays.length === 0 ? 'sendingWindowDays' : 'sendingWindowEnd';
      if (problem) throw new FaxError('invalid_input', problem, { field, fields: { [field]: problem } });
    }
    value.sendingWindowDays = [...new Set(value.sendingWindowDays)].sort((a, b) => a - b);
    const write = this.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
    this.db.transaction(() => {
      for (const [key, v] of Object.entries(value)) write.run(key, JSON.stringify(v));
    })();
    this.cache = value;
    return value;
  }
}
