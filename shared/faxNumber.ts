// Fax number rules shared by the UI (as the user types) and the engine (before a job is
// made). Numbers are stored in E.164 and shown to people in their national format.
import {
  Metadata,
  getCountries,
  getCountryCallingCode,
  isSupportedCountry,
  parsePhoneNumberWithError,
  validatePhoneNumberLength,
  type CountryCode,
} from 'libphonenumber-js/max';

export type FaxNumberCheck =
  | { ok: true; e164: string; national: string; international: string; country: string | undefined; tollFree: boolean }
  | { ok: false; message: string };

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

function countryName(country: string): string {
  try {
    return regionNames.of(country) ?? country;
  } catch {
    return country;
  }
}

/** "10 digits" or "7 to 10 digits" for the country's national numbers. */
function expectedDigits(country: CountryCode): string {
  const metadata = new Metadata();
  metadata.selectNumberingPlan(country);
  const lengths = metadata.numberingPlan?.possibleLengths() ?? [];
  if (lengths.length === 0) return 'the right number of digits';
  const min = Math.min(...lengths);
  const max = Math.max(...lengths);
  return min === max ? `${min} digits` : `${min} to ${max} digits`;
}

/** Every country a number can be read in, by name in `locale` (Settings and the station setup offer these). */
export function countryOptions(locale = 'en'): { code: string; name: string }[] {
  let names: Intl.DisplayNames | null = null;
  try {
    names = new Intl.DisplayNames([locale, 'en'], { type: 'region' });
  } catch {
    names = regionNames;
  }
  return getCountries()
    .map((code) => ({ code, name: names?.of(code) ?? code }))
    .sort((a, b) => a.name.localeCompare(b.name, locale));
}

export function isCountryCode(value: string): value is CountryCode {
  return /^[A-Z]{2}$/.test(value) && isSupportedCountry(value);
}

/**
 * Checks and normalizes a fax number typed by a person. A number without a leading +
 * is read in `defaultCountry`. Toll-free numbers are fax numbers like any other.
 */
export function checkFaxNumber(input: string, defaultCountry: string): FaxNumberCheck {
  const typed = input.trim();
  if (typed === '') return { ok: false, message: 'Enter a fax number.' };
  if (/[a-z]/i.test(typed.replace(/^tel:/i, '').replace(/\s*(ext\.?|x)\s*\d+$/i, ''))) {
    return { ok: false, message: `"${typed}" has letters in it: a fax number is digits only, like (202) 555-0143 or +44 20 7946 0018.` };
  }
  const country = isCountryCode(defaultCountry) ? defaultCountry : 'US';
  const digits = typed.replace(/\D/g, '');
  if (digits.length === 0) return { ok: false, message: 'Enter a fax number: it has no digits yet.' };

  const lengthProblem = validatePhoneNumberLength(typed, country);
  let parsed;
  try {
    parsed = parsePhoneNumberWithError(typed, country);
  } catch (error) {
    const reason = error instanceof Error ? error.message : '';
    if (reason === 'INVALID_COUNTRY') {
      return { ok: false, message: `No country uses the code at the start of ${typed}. Check the digits after +.` };
    }
    if (reason === 'TOO_SHORT') return { ok: false, message: `${typed} is too short for a fax number.` };
    return { ok: false, message: `${typed} is not a fax number: use digits, like (202) 555-0143 or +44 20 7946 0018.` };
  }

  const numberCountry = (parsed.country ?? country) as CountryCode;
  const callingCode = getCountryCallingCode(numberCountry);
  const where = `a ${countryName(numberCountry)} number has ${expectedDigits(numberCountry)} after +${callingCode}`;
  if (lengthProblem === 'TOO_SHORT') {
    return { ok: false, message: `${typed} is too short: ${where}. Add the area code if it is missing.` };
  }
  if (lengthProblem === 'TOO_LONG') return { ok: false, message: `${typed} is too long: ${where}.` };
  if (lengthProblem === 'INVALID_LENGTH') return { ok: false, message: `${typed} has the wrong number of digits: ${where}.` };
  if (!parsed.isValid()) {
    return { ok: false, message: `${typed} is not a number in use in ${countryName(numberCountry)}: check the area code and the digits.` };
  }
  return {
    ok: true,
    e164: parsed.number,
    national: parsed.formatNational(),
    international: parsed.formatInternational(),
    country: parsed.country,
    tollFree: parsed.getType() === 'TOLL_FREE',
  };
}

/** The national format for showing a stored E.164 number; the input itself if it cannot be read. */
export function formatFaxNumber(e164: string, homeCountry?: string): string {
  try {
    const parsed = parsePhoneNumberWithError(e164);
    return !homeCountry || parsed.country === homeCountry ? parsed.formatNational() : parsed.formatInternational();
  } catch {
    return e164;
  }
}

/** For logs: PHI is masked to the last 4 digits. */
export function maskFaxNumber(number: string): string {
  const digits = number.replace(/\D/g, '');
  return digits.length <= 4 ? '****' : `***${digits.slice(-4)}`;
}
