// The short setup a fresh station offers until it is done or skipped: the practice's name, fax
// and phone numbers, country and paper, prefilled from what is known (saved settings, the
// browser's locale). Saved through the settings store, so the engine checks every value.
import type { PaperSize, Settings } from '../../../shared/model';
import { isCountryCode } from '../../../shared/faxNumber';

export type StationSetupDraft = Pick<Settings, 'stationName' | 'stationNumber' | 'stationPhone' | 'defaultCountry' | 'paperSize'>;

// Where Letter is the paper in the tray; everywhere else A4.
const LETTER_COUNTRIES = new Set(['US', 'CA', 'MX', 'PH', 'CL', 'CO', 'VE', 'CR', 'GT', 'DO', 'PR', 'PA', 'SV', 'NI', 'HN', 'BZ', 'BO']);

export function paperForCountry(country: string): PaperSize {
  return LETTER_COUNTRIES.has(country) ? 'letter' : 'a4';
}

/** The country of a locale such as en-GB or fr-CA ("en" alone gives its likely one); null when none is usable. */
export function localeCountry(locale: string | undefined): string | null {
  if (!locale) return null;
  try {
    const region = new Intl.Locale(locale).maximize().region;
    return region && isCountryCode(region) ? region : null;
  } catch {
    return null;
  }
}

/** Whether the desk should offer the setup: the settings are read and it was neither done nor skipped. */
export function needsStationSetup(settings: Settings | null): boolean {
  return settings !== null && settings.stationSetup === null;
}

/**
 * What the setup starts with: what is saved, and where nothing was chosen yet (the engine's
 * defaults), the browser's country and that country's paper.
 */
export function setupDraft(settings: Settings, locale?: string): StationSetupDraft {
  const fromLocale = localeCountry(locale);
  const untouched = settings.defaultCountry === 'US' && settings.paperSize === 'letter';
  const defaultCountry = untouched && fromLocale ? fromLocale : settings.defaultCountry;
  return {
    stationName: settings.stationName,
    stationNumber: settings.stationNumber,
    stationPhone: settings.stationPhone,
    defaultCountry,
    paperSize: untouched ? paperForCountry(defaultCountry) : settings.paperSize,
  };
}

/** What must be fixed before the setup can be saved, in words; null when it can. The engine checks the numbers. */
export function setupProblem(draft: StationSetupDraft): { field: keyof StationSetupDraft; message: string } | null {
  if (draft.stationName.trim() === '')
    return {
      field: 'stationName',
      message: 'Enter the practice’s name as it should read on cover pages, or choose Skip for now.',
    };
  return null;
}
