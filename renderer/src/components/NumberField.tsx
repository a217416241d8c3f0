// The To field: formats and checks the number as it is typed. The error appears once the
// person pauses or leaves the field, never on the first keystroke.
import { useEffect, useId, useState } from 'react';
import { numberHint } from '../format';

const PAUSE_MS = 700;

interface Props {
  value: string;
  defaultCountry: string;
  onChange(value: string): void;
}

export function NumberField({ value, defaultCountry, onChange }: Props) {
  const id = useId();
  const [reveal, setReveal] = useState(false);
  useEffect(() => {
    setReveal(false);
    if (value.trim() === '') return;
    const timer = setTimeout(() => setReveal(true), PAUSE_MS);
    return () => clearTimeout(timer);
  }, [value]);
  const hint = numberHint(value, defaultCountry, reveal);
  return (
    <div className="field">
      <label htmlFor={`${id}-to`}>To</label>
      <div className="number-row">
        <input
          id={`${id}-to`}
          name="to"
          type="tel"
          inputMode="tel"
          autoComplete="off"
          placeholder="(202) 555-0143"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          onBlur={() => value.trim() && setReveal(true)}
          aria-invalid={hint.state === 'invalid'}
          aria-describedby={`${id}-hint`}
        />
        {hint.state === 'valid' && (
          <span className="number-ok" aria-hidden="true">
            ✓ {hint.country}
          </span>
        )}
      </div>
      <p id={`${id}-hint`} className={`hint ${hint.state === 'invalid' ? 'hint-error' : ''}`} aria-live="polite">
        {hint.state === 'valid' && `${hint.national} · ${hint.countryName}`}
        {hint.state === 'invalid' && hint.message}
      </p>
    </div>
  );
}
