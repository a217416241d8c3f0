// The To field: a name finds a contact, digits a contact or a number; the number is checked
// as it is typed, and contacts and recent recipients are offered under it (ContactSearch).
// The error appears once the person pauses or leaves the field, never on the first keystroke.
import { useEffect, useId, useRef, useState } from 'react';
import { numberHint } from '../format';
import type { RecipientSuggestion } from '../stores/recipientSearch';
import { ContactSearch } from './ContactSearch';

const PAUSE_MS = 700;

interface Props {
  value: string;
  defaultCountry: string;
  onChange(value: string): void;
  /** Contacts and recent recipients that fit what is typed; none means no list. */
  suggestions?: RecipientSuggestion[];
  /** Called when the list opens, so the offers can be brought up to date. */
  onOpenSuggestions?(): void;
  onPick?(suggestion: RecipientSuggestion): void;
}

export function NumberField({ value, defaultCountry, onChange, suggestions = [], onOpenSuggestions, onPick }: Props) {
  const id = useId();
  const [reveal, setReveal] = useState(false);
  const openList = useRef<(() => void) | null>(null);
  const input = useRef<HTMLInputElement | null>(null);
  useEffect(() => {
    setReveal(false);
    if (value.trim() === '') return;
    const timer = setTimeout(() => setReveal(true), PAUSE_MS);
    return () => clearTimeout(timer);
  }, [value]);
  // Letters are a search for a contact, not a number with a typo.
  const searching = /\p{L}/u.test(value);
  const hint = searching ? { state: 'search' as const } : numberHint(value, defaultCountry, reveal);

  return (
    <div className="field number-field">
      <label htmlFor={`${id}-to`}>To</label>
      <ContactSearch
        inputId={`${id}-to`}
        value={value}
        onChange={onChange}
        suggestions={suggestions}
        onPick={(suggestion) => onPick?.(suggestion)}
        onOpen={onOpenSuggestions}
        defaultCountry={defaultCountry}
        listLabel="Contacts and recent numbers"
        openRef={openList}
        inputRef={input}
        inputProps={{
          name: 'to',
          placeholder: 'Name or fax number',
          onBlur: () => {
            if (value.trim()) setReveal(true);
          },
          'aria-invalid': hint.state === 'invalid' || (searching && reveal && suggestions.length === 0),
          'aria-describedby': `${id}-hint`,
        }}
        adornment={
          <>
            {hint.state === 'valid' && (
              <span className="number-ok" aria-hidden="true">
                ✓ {hint.country}
              </span>
            )}
            {onPick && suggestions.length > 0 && (
              <button
                type="button"
                className="recents-button"
                aria-label="Contacts and recent numbers"
                tabIndex={-1}
                // Keeps focus in the field, where the list's keys work.
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => {
                  input.current?.focus();
                  openList.current?.();
                }}
                title="Contacts and recent numbers"
              >
                <span aria-hidden="true">▾</span>
              </button>
            )}
          </>
        }
      />
      <p id={`${id}-hint`} className={`hint ${hint.state === 'invalid' ? 'hint-error' : ''}`} aria-live="polite">
        {hint.state === 'valid' && `${hint.national} · ${hint.countryName}`}
        {hint.state === 'invalid' && hint.message}
        {hint.state === 'search' &&
          (suggestions.length > 0
            ? 'Choose a contact with ↓ and Enter, or type a fax number.'
            : reveal
              ? `No contact matches "${value.trim().slice(0, 40)}": type the fax number, or add the contact in Contacts.`
              : '')}
      </p>
    </div>
  );
}
