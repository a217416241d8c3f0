// A text field that offers contacts and recent numbers as the person types: an ARIA
// combobox (↓ opens the list and moves, ↑ moves, Enter picks, Esc closes; the list's keys
// never reach the screen, so Enter does not send and Esc does not clear the fax). It only
// draws: what is offered comes from its owner (stores/recipientSearch.ts), so the To field
// of one recipient and a field of several recipients can both use it.
import { useId, useState, type InputHTMLAttributes, type ReactNode, type Ref } from 'react';
import { formatFaxNumber } from '../../../shared/faxNumber';
import type { RecipientSuggestion } from '../stores/recipientSearch';
import { listboxKey, type ListboxState } from './listboxKeys';

const KIND_WORDS: Record<RecipientSuggestion['kind'], string> = { contact: ', contact', recent: ', recent number', group: ', group' };

export interface ContactSearchProps {
  /** The input's id, for a <label htmlFor>. */
  inputId: string;
  value: string;
  onChange(text: string): void;
  suggestions: RecipientSuggestion[];
  onPick(suggestion: RecipientSuggestion): void;
  /** Called when the list opens, so what it offers can be brought up to date. */
  onOpen?(): void;
  /** Numbers are shown nationally in this country, internationally elsewhere. */
  defaultCountry: string;
  /** The list's accessible name. */
  listLabel: string;
  /** Drawn after the input in the same row (a check mark, a button). */
  adornment?: ReactNode;
  /** Passed to the input (name, placeholder, aria-describedby, aria-invalid…). */
  inputProps?: Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'id' | 'role'>;
  inputRef?: Ref<HTMLInputElement>;
  /** Lets the owner open the list from a button of its own. */
  openRef?: { current: (() => void) | null };
}

export function ContactSearch(props: ContactSearchProps) {
  const { inputId, value, onChange, suggestions, onPick, onOpen, defaultCountry, listLabel, adornment, inputProps, openRef, inputRef } =
    props;
  const id = useId();
  const [list, setList] = useState<ListboxState>({ open: false, active: -1 });
  const open = list.open && suggestions.length > 0;
  const active = Math.min(list.active, suggestions.length - 1);
  const listId = `${id}-list`;
  const optionId = (i: number) => `${id}-option-${i}`;

  const openList = (state: ListboxState) => {
    if (!list.open) onOpen?.();
    setList(state);
  };
  const close = () => setList({ open: false, active: -1 });
  const pick = (suggestion: RecipientSuggestion) => {
    close();
    onPick(suggestion);
  };
  if (openRef) openRef.current = () => (open ? close() : openList({ open: true, active: -1 }));

  return (
    <>
      <div className="number-row">
        <input
          {...inputProps}
          ref={inputRef}
          id={inputId}
          type="text"
          autoComplete="off"
          spellCheck={false}
          value={value}
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={listId}
          aria-activedescendant={open && active >= 0 ? optionId(active) : undefined}
          onChange={(e) => {
            onChange(e.target.value);
            // Typing shows what fits, as a search box does; the first option is not chosen until ↓.
            if (e.target.value.trim() !== '') openList({ open: true, active: -1 });
          }}
          onBlur={(e) => {
            close();
            inputProps?.onBlur?.(e);
          }}
          onKeyDown={(e) => {
            const action = listboxKey({ open, active }, e.key, suggestions.length);
            if (action.kind === 'none') return;
            e.preventDefault();
            e.stopPropagation();
            if (action.kind === 'move') openList(action.state);
            else if (action.kind === 'pick') pick(suggestions[action.index]);
            else close();
          }}
        />
        {adornment}
      </div>
      <ul id={listId} role="listbox" aria-label={listLabel} className="recents" hidden={!open}>
        {open &&
          suggestions.map((suggestion, i) => {
            const number = suggestion.number ? formatFaxNumber(suggestion.number, defaultCountry) : '';
            return (
              <li
                key={suggestion.key}
                id={optionId(i)}
                role="option"
                aria-selected={i === active}
                className={`recent recent-${suggestion.kind}`}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => pick(suggestion)}
              >
                <span className="recent-name">{suggestion.name || number}</span>
                {suggestion.detail && <span className="recent-detail">{suggestion.detail}</span>}
                {suggestion.name && number && <span className="recent-number">{number}</span>}
                <span className="visually-hidden">{KIND_WORDS[suggestion.kind]}</span>
              </li>
            );
          })}
      </ul>
    </>
  );
}
