// One secret setting (`x-secret`). The window never holds a stored secret: it shows only
// whether one is set and where from. Replace opens an empty password box; Show reveals only
// what is being typed now; Clear asks for the secret to be removed on Save.
import { useState } from 'react';
import type { SecretEdit, SchemaField } from './schemaFields';

export interface SecretFieldProps {
  id: string;
  field: SchemaField;
  state: { set: boolean; from: 'keychain' | 'env' | 'none' };
  edit: SecretEdit;
  onEdit(edit: SecretEdit): void;
  onBlur(): void;
  describedBy: string;
  invalid: boolean;
  disabled?: boolean;
}

const FROM_WORDS = { keychain: 'kept in the keychain', env: 'from the environment', none: '' } as const;

export function SecretField({ id, field, state, edit, onEdit, onBlur, describedBy, invalid, disabled }: SecretFieldProps) {
  const [revealed, setRevealed] = useState(false);
  const typing = edit.mode === 'replace' || (!state.set && edit.mode === 'keep');
  const stateWords = state.set ? `Set${FROM_WORDS[state.from] ? ` · ${FROM_WORDS[state.from]}` : ''}` : 'Not set';

  if (edit.mode === 'clear') {
    return (
      <div className="secret-field">
        <span id={`${id}-state`} className="secret-state">
          Will be cleared when you save
        </span>
        <button type="button" onClick={() => onEdit({ mode: 'keep' })} aria-label={`Keep ${field.label}`} disabled={disabled}>
          Keep
        </button>
      </div>
    );
  }
  if (!typing) {
    return (
      <div className="secret-field">
        <span id={`${id}-state`} className="secret-state" aria-label={`${field.label}: ${stateWords}`}>
          {stateWords}
        </span>
        <button
          type="button"
          onClick={() => {
            setRevealed(false);
            onEdit({ mode: 'replace', value: '' });
          }}
          aria-label={`Replace ${field.label}`}
          disabled={disabled}
        >
          Replace
        </button>
        <button type="button" onClick={() => onEdit({ mode: 'clear' })} aria-label={`Clear ${field.label}`} disabled={disabled}>
          Clear
        </button>
      </div>
    );
  }
  const value = edit.mode === 'replace' ? edit.value : '';
  return (
    <div className="secret-field">
      <input
        id={id}
        type={revealed ? 'text' : 'password'}
        value={value}
        autoComplete="new-password"
        spellCheck={false}
        // Opened by Replace: the person is about to type.
        autoFocus={state.set}
        placeholder={state.set ? 'Type the new secret' : 'Not set'}
        aria-required={field.required}
        aria-invalid={invalid}
        aria-describedby={describedBy}
        disabled={disabled}
        onChange={(e) => onEdit({ mode: 'replace', value: e.target.value })}
        onBlur={onBlur}
      />
      <button
        type="button"
        aria-pressed={revealed}
        aria-label={`${revealed ? 'Hide' : 'Show'} ${field.label}`}
        disabled={disabled || value === ''}
        onClick={() => setRevealed(!revealed)}
      >
        {revealed ? 'Hide' : 'Show'}
      </button>
      {state.set && (
        <button
          type="button"
          aria-label={`Keep the saved ${field.label}`}
          disabled={disabled}
          onClick={() => {
            setRevealed(false);
            onEdit({ mode: 'keep' });
          }}
        >
          Cancel
        </button>
      )}
    </div>
  );
}
