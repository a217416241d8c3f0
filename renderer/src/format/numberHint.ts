// What the To field says under a number as the person types. The error only shows once
// they pause or leave the field, so a half-typed number is not scolded on every keystroke.
import { checkFaxNumber } from '../../../shared/faxNumber';

export type NumberHint =
  | { state: 'empty' }
  | { state: 'typing' }
  | { state: 'valid'; e164: string; national: string; country: string; countryName: string }
  | { state: 'invalid'; message: string };

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

function nameOf(country: string): string {
  try {
    return regionNames.of(country) ?? country;
  } catch {
    return country;
  }
}

export function numberHint(input: string, defaultCountry: string, revealErrors: boolean): NumberHint {
  if (input.trim() === '') return { state: 'empty' };
  const check = checkFaxNumber(input, defaultCountry);
  if (check.ok) {
    const country = check.country ?? '';
    // A number in another country is shown the way it is dialled from here.
    const national = !country || country === defaultCountry ? check.national : check.international;
    return { state: 'valid', e164: check.e164, national, country, countryName: country ? nameOf(country) : '' };
  }
  return revealErrors ? { state: 'invalid', message: check.message } : { state: 'typing' };
}
