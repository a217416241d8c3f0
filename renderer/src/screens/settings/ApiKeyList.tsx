// The API keys, one row each: what the key may do, when it was made and last used, and
// Rotate / Revoke, each confirmed in words first because programs using the key break at once.
import { useState } from 'react';
import { SCOPE_DESCRIPTIONS, type ApiKeyInfo } from '../../../../shared/apiKeys';
import { useDesk, useSlice } from '../../deskContext';
import { formatFaxTime } from '../../format';
import { keysInOrder } from '../../stores';

type Confirming = 'rotate' | 'revoke' | null;

function ApiKeyRow({ apiKey }: { apiKey: ApiKeyInfo }) {
  const desk = useDesk();
  const busy = useSlice(desk.apiKeys, (s) => s.busy);
  const [confirming, setConfirming] = useState<Confirming>(null);
  const revoked = apiKey.revokedAt !== null;

  const run = async (action: 'rotate' | 'revoke') => {
    const store = desk.apiKeys.getState();
    if (await (action === 'rotate' ? store.rotate(apiKey.keyId) : store.revoke(apiKey.keyId))) setConfirming(null);
  };

  return (
    <li className={revoked ? 'api-key revoked' : 'api-key'} aria-label={`Key ${apiKey.name}`}>
      <div className="api-key-head">
        <span className="api-key-name">{apiKey.name}</span>
        <code className="api-key-id" title="The key’s public ID; the secret is not kept">
          {apiKey.keyId}
        </code>
        {revoked && <span className="chip chip-red">Revoked {formatFaxTime(apiKey.revokedAt!)}</span>}
      </div>
      <ul className="scope-badges" aria-label="Permissions">
        {apiKey.scopes.map((scope) => (
          <li key={scope} className="chip chip-blue">
            {SCOPE_DESCRIPTIONS[scope]}
          </li>
        ))}
      </ul>
      <p className="row-sub">
        Created {formatFaxTime(apiKey.createdAt)}
        {apiKey.rotatedAt && ` · new secret ${formatFaxTime(apiKey.rotatedAt)}`}
        {` · last used ${apiKey.lastUsedAt ? formatFaxTime(apiKey.lastUsedAt) : 'never'}`}
      </p>
      {!revoked && confirming === null && (
        <div className="details-actions">
          <button type="button" onClick={() => setConfirming('rotate')}>
            Rotate
          </button>
          <button type="button" onClick={() => setConfirming('revoke')}>
            Revoke
          </button>
        </div>
      )}
      {!revoked && confirming !== null && (
        <div className="confirm" role="group" aria-label={confirming === 'rotate' ? 'Confirm rotate' : 'Confirm revoke'}>
          <p>
            {confirming === 'rotate'
              ? `Give “${apiKey.name}” a new secret? Programs using this key stop working at once, until they get the new secret.`
              : `Revoke “${apiKey.name}”? Programs using this key stop working at once. This cannot be undone.`}
          </p>
          <div className="details-actions">
            <button type="button" className="danger" disabled={busy} onClick={() => void run(confirming)}>
              {confirming === 'rotate' ? 'Rotate key' : 'Revoke key'}
            </button>
            <button type="button" onClick={() => setConfirming(null)}>
              Keep it
            </button>
          </div>
        </div>
      )}
    </li>
  );
}

export function ApiKeyList({ keys }: { keys: readonly ApiKeyInfo[] }) {
  if (keys.length === 0) return <p className="empty">No keys yet. Make one for each program that should send faxes through Faxbot.</p>;
  return (
    <ul className="api-keys" aria-label="API keys">
      {keysInOrder(keys).map((key) => (
        <ApiKeyRow key={key.keyId} apiKey={key} />
      ))}
    </ul>
  );
}
