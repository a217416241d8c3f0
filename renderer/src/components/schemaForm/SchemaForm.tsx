// A form drawn from a plugin's settings JSON Schema: a labelled input per property, the
// schema's description as help text, required marks, values fixed by the environment shown
// read-only with the variable's name, secrets through SecretField. Messages appear when a
// field is left (blur) and after Save from the engine's field errors.
import { useState } from 'react';
import { fieldProblem, type SchemaDraft, type SchemaField, type SecretEdit } from './schemaFields';
import { SecretField } from './SecretField';
import { LockIcon } from '../LockIcon';

export type SecretStates = Record<string, { set: boolean; from: 'keychain' | 'env' | 'none' }>;

export interface SchemaFormProps {
  /** Unique per form on the page (useId), so labels point at the right inputs. */
  idPrefix: string;
  fields: readonly SchemaField[];
  draft: SchemaDraft;
  onDraft(next: SchemaDraft): void;
  secrets: SecretStates;
  /** Field → the environment variable that fixes it. */
  locked: Record<string, string>;
  /** Field messages from the engine (a refused save), shown until the field is edited. */
  errors: Record<string, string>;
  disabled?: boolean;
}

const NOT_SET = { set: false, from: 'none' } as const;

function LockedField({
  id,
  field,
  value,
  secret,
  variable,
}: {
  id: string;
  field: SchemaField;
  value: string;
  secret?: { set: boolean };
  variable: string;
}) {
  const shown = secret ? (secret.set ? 'Set' : 'Not set') : value;
  return (
    <div className="field field-locked">
      <label htmlFor={id}>
        <LockIcon /> {field.label}
      </label>
      <input id={id} readOnly aria-readonly="true" value={shown} aria-describedby={`${id}-lock`} />
      <p id={`${id}-lock`} className="hint">
        Set by {variable}. Change the variable and restart Faxbot to change it.
      </p>
    </div>
  );
}

export function SchemaForm({ idPrefix, fields, draft, onDraft, secrets, locked, errors, disabled }: SchemaFormProps) {
  const [blurProblems, setBlurProblems] = useState<Record<string, string | null>>({});
  // An engine message stays until its field is edited; the edited value is then judged on blur.
  const [edited, setEdited] = useState<Record<string, boolean>>({});
  const [lastErrors, setLastErrors] = useState(errors);
  if (lastErrors !== errors) {
    setLastErrors(errors);
    setEdited({});
  }

  const setValue = (name: string, value: string | boolean) => {
    setEdited({ ...edited, [name]: true });
    setBlurProblems({ ...blurProblems, [name]: null });
    onDraft({ ...draft, values: { ...draft.values, [name]: value } });
  };
  const setSecret = (name: string, edit: SecretEdit) => {
    setEdited({ ...edited, [name]: true });
    setBlurProblems({ ...blurProblems, [name]: null });
    onDraft({ ...draft, secrets: { ...draft.secrets, [name]: edit } });
  };
  const check = (field: SchemaField) => {
    const edit = draft.secrets[field.name];
    const value = field.kind === 'secret' ? (edit?.mode === 'replace' ? edit.value : undefined) : draft.values[field.name];
    setBlurProblems({ ...blurProblems, [field.name]: fieldProblem(field, value, (secrets[field.name] ?? NOT_SET).set) });
  };

  return (
    <div className="schema-form">
      {fields.map((field) => {
        const id = `${idPrefix}-${field.name}`;
        const variable = locked[field.name];
        if (variable) {
          return (
            <LockedField
              key={field.name}
              id={id}
              field={field}
              value={String(draft.values[field.name] ?? '')}
              secret={field.kind === 'secret' ? (secrets[field.name] ?? NOT_SET) : undefined}
              variable={variable}
            />
          );
        }
        const message = (!edited[field.name] && errors[field.name]) || blurProblems[field.name] || null;
        const hintId = `${id}-hint`;
        const hint = (
          <p id={hintId} className={message ? 'hint hint-error' : 'hint'}>
            {message ?? field.description ?? ''}
          </p>
        );
        const common = {
          id,
          'aria-invalid': Boolean(message),
          'aria-describedby': hintId,
          'aria-required': field.required,
          disabled,
          onBlur: () => check(field),
        };
        const label = (
          <label htmlFor={id}>
            {field.label}
            {field.required && (
              <span className="required-mark" aria-hidden="true">
                {' '}
                *
              </span>
            )}
          </label>
        );
        const value = draft.values[field.name];

        if (field.kind === 'boolean') {
          return (
            <div key={field.name} className="field">
              <div className="field-check">
                <input
                  type="checkbox"
                  role="switch"
                  {...common}
                  checked={value === true}
                  onChange={(e) => setValue(field.name, e.target.checked)}
                />
                {label}
              </div>
              {hint}
            </div>
          );
        }
        if (field.kind === 'secret') {
          return (
            <div key={field.name} className="field">
              {label}
              <SecretField
                id={id}
                field={field}
                state={secrets[field.name] ?? NOT_SET}
                edit={draft.secrets[field.name] ?? { mode: 'keep' }}
                onEdit={(edit) => setSecret(field.name, edit)}
                onBlur={() => check(field)}
                describedBy={hintId}
                invalid={Boolean(message)}
                disabled={disabled}
              />
              {hint}
            </div>
          );
        }
        if (field.kind === 'enum') {
          const text = String(value ?? '');
          return (
            <div key={field.name} className="field">
              {label}
              <select {...common} value={text} onChange={(e) => setValue(field.name, e.target.value)}>
                {(text === '' || !field.required) && (
                  <option value="">{field.default !== undefined ? `Default (${String(field.default)})` : 'Choose…'}</option>
                )}
                {field.choices?.map((choice) => (
                  <option key={String(choice)} value={String(choice)}>
                    {String(choice)}
                  </option>
                ))}
              </select>
              {hint}
            </div>
          );
        }
        const numeric = field.kind === 'integer' || field.kind === 'number';
        return (
          <div key={field.name} className="field">
            {label}
            <input
              {...common}
              type={numeric ? 'number' : field.kind === 'url' ? 'url' : 'text'}
              inputMode={field.kind === 'integer' ? 'numeric' : undefined}
              min={field.minimum}
              max={field.maximum}
              step={field.kind === 'integer' ? 1 : numeric ? 'any' : undefined}
              placeholder={field.default !== undefined ? String(field.default) : undefined}
              spellCheck={false}
              value={String(value ?? '')}
              onChange={(e) => setValue(field.name, e.target.value)}
            />
            {hint}
          </div>
        );
      })}
    </div>
  );
}
