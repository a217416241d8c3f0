// Settings → API keys: turn the REST API on or off, see where it answers, and manage the
// keys other programs (an EHR, a script, an AI assistant) use to send faxes through Faxbot.
import { useEffect, useId, useState } from 'react';
import type { ApiSettings } from '../../../../shared/apiKeys';
import { useDesk, useSlice } from '../../deskContext';
import { ApiKeyList } from './ApiKeyList';
import { NewApiKeyForm } from './NewApiKeyForm';
import { SecretPanel } from './SecretPanel';
import { LockIcon } from '../../components/LockIcon';

/** On/off, or, when the environment decides, a lock and the variable's name instead of an input. */
function ApiSwitch({ api }: { api: ApiSettings }) {
  const desk = useDesk();
  const id = useId();
  const busy = useSlice(desk.apiKeys, (s) => s.busy);
  const state = api.enabled ? 'On' : 'Off';
  if (api.lockedBy) {
    return (
      <p className="switch-row locked">
        <span className="switch-label">REST API</span>
        <span className="locked-value">
          <LockIcon /> {state} · Set by {api.lockedBy}
        </span>
      </p>
    );
  }
  return (
    <div className="switch-row">
      <span id={`${id}-label`} className="switch-label">
        REST API
      </span>
      <button
        type="button"
        role="switch"
        className="switch"
        aria-checked={api.enabled}
        aria-labelledby={`${id}-label`}
        disabled={busy}
        onClick={() => void desk.apiKeys.getState().toggle(!api.enabled)}
      >
        <span className="switch-knob" aria-hidden="true" />
      </button>
      <span aria-hidden="true">{state}</span>
    </div>
  );
}

export function ApiKeysSettings({ visible }: { visible: boolean }) {
  const desk = useDesk();
  const api = useSlice(desk.apiKeys, (s) => s.api);
  const loadError = useSlice(desk.apiKeys, (s) => s.loadError);
  const actionError = useSlice(desk.apiKeys, (s) => s.actionError);
  const revealed = useSlice(desk.apiKeys, (s) => s.revealed);
  const [adding, setAdding] = useState(false);

  // Read afresh each time the tab opens (the REST API updates "last used" behind our back).
  useEffect(() => {
    if (visible) void desk.apiKeys.getState().load();
  }, [desk, visible]);
  // Leaving the tab, or Settings, ends the one chance to see a secret: it is not kept.
  useEffect(() => () => desk.apiKeys.getState().dismissSecret(), [desk, visible]);

  if (!api) {
    return loadError ? (
      <p className="form-error" role="alert">
        API keys could not be loaded: {loadError}
      </p>
    ) : (
      <p role="status">Loading API keys…</p>
    );
  }

  const closeForm = () => {
    setAdding(false);
    desk.apiKeys.getState().clearFieldErrors();
  };

  return (
    <div className="api-settings">
      <p className="settings-note">
        Other programs, such as an EHR or an AI assistant, can send faxes through Faxbot over its REST API. Give each program its own key.
        Treat a key like a password: whoever holds it can use Faxbot with the permissions it has.
      </p>
      <ApiSwitch api={api} />
      <p className="hint">
        {api.enabled ? 'Programs reach it at ' : 'When on, programs reach it at '}
        <code>{api.baseUrl}</code>
      </p>
      {revealed && <SecretPanel revealed={revealed} onDone={() => desk.apiKeys.getState().dismissSecret()} />}
      <div className="keys-head">
        <h2>Keys</h2>
        {!adding && (
          <button type="button" onClick={() => setAdding(true)}>
            New key
          </button>
        )}
      </div>
      {adding && <NewApiKeyForm onClose={closeForm} />}
      {actionError && (
        <p className="form-error" role="alert">
          {actionError}
        </p>
      )}
      <ApiKeyList keys={api.keys} />
    </div>
  );
}
