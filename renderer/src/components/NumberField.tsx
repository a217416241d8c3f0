// The To field: formats and checks the number as it is typed, and offers recent recipients
// (an ARIA combobox: ↓ opens the list, Enter picks, Esc closes). The error appears once the
// person pauses or leaves the field, never on the first keystroke.
import { useEffect, useId, useRef, useState } from 'react';
import type { RecentRecipient } from '../../../shared/model';
import { formatFaxNumber } from '../../../shared/faxNumber';
import { numberHint } from '../format';
import { listboxKey, type ListboxState } from './listboxKeys';

const PAUSE_MS = 700;

interface Props {
  value: string;
  defaultCountry: string;
  onChange(value: string): void;
  /** Recent recipients that fit what is typed; none means no list. */
  recents?: RecentRecipient[];
  /** Called when the list opens, so the recents can be brought up to date. */
  onOpenRecents?(): void;
  onPickRecent?(recent: RecentRecipient): void;
}

export function NumberField({ value, defaultCountry, onChange, recents = [], onOpenRecents, onPickRecent }: Props) {
  const id = useId();
  const [reveal, setReveal] = useState(false);
  const [list, setList] = useState<ListboxState>({ open: false, active: -1 });
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    setReveal(false);
    if (value.trim() === '') return;
    const timer = setTimeout(() => setReveal(true), PAUSE_MS);
    return () => clearTimeout(timer);
  }, [value]);
  const hint = numberHint(value, defaultCountry, reveal);
  const open = list.open && recents.length > 0;
  const active = Math.min(list.active, recents.length - 1);
  const listId = `${id}-recents`;
  const optionId = (i: number) => `${id}-recent-${i}`;

  const openList = (state: ListboxState) => {
    if (!list.open) onOpenRecents?.();
    setList(state);
  };
  const pick = (recent: RecentRecipient) => {
    setList({ open: false, active: -1 });
    onPickRecent?.(recent);
  };

  return (
    <div className="field number-field">
      <label htmlFor={`${id}-to`}>To</label>
      <div className="number-row">
        <input
          ref={input}
          id={`${id}-to`}
          name="to"
          type="tel"
          inputMode="tel"
          autoComplete="off"
          placeholder="(202) 555-0143"
          value={value}
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={listId}
          aria-activedescendant={open && active >= 0 ? optionId(active) : undefined}
          onChange={(e) => onChange(e.target.value)}
          onBlur={() => {
            if (value.trim()) setReveal(true);
            setList({ open: false, active: -1 });
          }}
          onKeyDown={(e) => {
            const action = listboxKey({ open, active }, e.key, recents.length);
            if (action.kind === 'none') return;
            // The list has these keys while it is open: Enter must not send, Esc must not clear the fax.
            e.preventDefault();
            e.stopPropagation();
            if (action.kind === 'move') openList(action.state);
            else if (action.kind === 'pick') pick(recents[action.index]);
            else setList({ open: false, active: -1 });
          }}
          aria-invalid={hint.state === 'invalid'}
          aria-describedby={`${id}-hint`}
        />
        {hint.state === 'valid' && (
          <span className="number-ok" aria-hidden="true">
            ✓ {hint.country}
          </span>
        )}
        {onPickRecent && recents.length > 0 && (
          <button
            type="button"
            className="recents-button"
            aria-label="Recent numbers"
            aria-expanded={open}
            aria-controls={listId}
            tabIndex={-1}
            // Keeps focus in the field, where the list's keys work.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => {
              input.current?.focus();
              if (open) setList({ open: false, active: -1 });
              else openList({ open: true, active: -1 });
            }}
            title="Recent numbers"
          >
            <span aria-hidden="true">▾</span>
          </button>
        )}
      </div>
      <ul id={listId} role="listbox" aria-label="Recent numbers" className="recents" hidden={!open}>
        {open &&
          recents.map((recent, i) => (
            <li
              key={recent.to}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              className="recent"
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => pick(recent)}
            >
              <span className="recent-name">{recent.recipientName || formatFaxNumber(recent.to, defaultCountry)}</span>
              {recent.recipientName && <span className="recent-number">{formatFaxNumber(recent.to, defaultCountry)}</span>}
            </li>
          ))}
      </ul>
      <p id={`${id}-hint`} className={`hint ${hint.state === 'invalid' ? 'hint-error' : ''}`} aria-live="polite">
        {hint.state === 'valid' && `${hint.national} · ${hint.countryName}`}
        {hint.state === 'invalid' && hint.message}
      </p>
    </div>
  );
}
