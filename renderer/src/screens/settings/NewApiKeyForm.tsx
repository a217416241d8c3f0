// The New key form: a name for the program that will use the key, and what it may do.
// The engine checks both; its messages show under the fields they are about.
import { useId, useState, type FormEvent } from 'react';
import { API_SCOPES, SCOPE_DESCRIPTIONS, type ApiScope } from '../../../../shared/apiKeys';
import { useDesk, useSlice } from '../../deskContext';
import { DEFAULT_KEY_SCOPES } from '../../stores';

export function NewApiKeyForm({ onClose }: { onClose(): void }) {
  const desk = useDesk();
  const id = useId();
  const busy = useSlice(desk.apiKeys, (s) => s.busy);
  const fieldErrors = useSlice(desk.apiKeys, (s) => s.fieldErrors);
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ApiScope[]>([...DEFAULT_KEY_SCOPES]);

  const toggleScope = (scope: ApiScope, on: boolean) => setScopes(API_SCOPES.filter((s) => (s === scope ? on : scopes.includes(s))));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await desk.apiKeys.getState().create({ name, scopes })) onClose();
  };

  return (
    <form className="new-key-form" aria-label="New API key" onSubmit={(e) => void submit(e)} noValidate>
      <div className="field">
        <label htmlFor={`${id}-name`}>Name</label>
        <input
          id={`${id}-name`}
          name="name"
          value={name}
          maxLength={100}
          placeholder="The program that will use it, such as “Clinic EHR”"
          aria-invalid={Boolean(fieldErrors.name)}
          aria-describedby={`${id}-name-note`}
          onChange={(e) => setName(e.target.value)}
        />
        <p id={`${id}-name-note`} className={fieldErrors.name ? 'hint hint-error' : 'hint'}>
          {fieldErrors.name ?? ''}
        </p>
      </div>
      <fieldset className="scopes" aria-invalid={Boolean(fieldErrors.scopes)} aria-describedby={`${id}-scopes-note`}>
        <legend>Permissions</legend>
        {API_SCOPES.map((scope) => (
          <label key={scope} className="field-check">
            <input
              type="checkbox"
              name="scopes"
              value={scope}
              checked={scopes.includes(scope)}
              onChange={(e) => toggleScope(scope, e.target.checked)}
            />
            {SCOPE_DESCRIPTIONS[scope]}
          </label>
        ))}
        <p id={`${id}-scopes-note`} className={fieldErrors.scopes ? 'hint hint-error' : 'hint'}>
          {fieldErrors.scopes ?? 'Give a program only what it needs.'}
        </p>
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          Create key
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}
