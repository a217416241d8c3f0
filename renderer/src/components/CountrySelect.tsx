// The country a number is read in, picked from a list by name (Settings → General and the
// station setup): every country the number rules know, never two letters typed by hand.
import { useMemo } from 'react';
import { countryOptions } from '../../../shared/faxNumber';

export interface CountrySelectProps {
  id: string;
  name: string;
  value: string;
  onChange(code: string): void;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}

export function CountrySelect({ value, onChange, ...props }: CountrySelectProps) {
  const locale = typeof navigator === 'undefined' ? 'en' : navigator.language;
  const options = useMemo(() => countryOptions(locale), [locale]);
  return (
    <select {...props} value={value} onChange={(e) => onChange(e.target.value)}>
      {options.map((country) => (
        <option key={country.code} value={country.code}>
          {country.name}
        </option>
      ))}
    </select>
  );
}
