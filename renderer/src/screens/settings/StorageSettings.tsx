// Settings → Storage & retention: where documents are kept, what protects their key (and a
// warning in words when that protection is weak), how many days sent and received documents
// are kept, and what the last retention sweep did.
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { errorSentence, fieldMessages } from '../../bridge';
import type { RetentionSettings, StorageInfo } from '../../../../shared/model';
import { useDesk } from '../../deskContext';
import { formatFaxTime } from '../../format';
import { StorageMove } from './StorageMove';
import { LockIcon } from '../../components/LockIcon';

type Field = 'inboundDays' | 'outboundDays';
const FIELDS: { key: Field; label: string; help: string }[] = [
  { key: 'inboundDays', label: 'Keep received faxes for (days)', help: 'Counted from when the fax arrived. 0 keeps them forever.' },
  {
    key: 'outboundDays',
    label: 'Keep sent faxes for (days)',
    help: 'Counted from when the fax was delivered, failed or was canceled. Faxes still going are never deleted. 0 keeps them forever.',
  },
];

const draftOf = (r: RetentionSettings): Record<Field, string> => ({
  inboundDays: String(r.inboundDays),
  outboundDays: String(r.outboundDays),
});
/** What the person typed, as the engine takes it: a number when it is one, else the text (refused with a field error). */
const asDays = (text: string): number | string => (/^\s*-?\d+(\.\d+)?\s*$/.test(text) ? Number(text) : text);

function Retention({ retention, onSaved }: { retention: RetentionSettings; onSaved(r: RetentionSettings): void }) {
  const desk = useDesk();
  const id = useId();
  const [draft, setDraft] = useState(draftOf(retention));
  const [dirty, setDirty] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (!dirty) setDraft(draftOf(retention));
  }, [retention, dirty]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const changes: Partial<Record<Field, number | string>> = {};
    for (const { key } of FIELDS) if (!retention.lockedBy[key]) changes[key] = asDays(draft[key]);
    setSaving(true);
    try {
      // The contract's schema refuses text and out-of-range numbers with the sentence shown under the field.
      const updated = await desk.api.updateRetention(changes as { inboundDays?: number; outboundDays?: number });
      setErrors({});
      setDirty(false);
      setSaved(true);
      onSaved(updated);
    } catch (error) {
      const fields = fieldMessages(error);
      const found: Partial<Record<Field, string>> = {};
      for (const { key } of FIELDS) if (fields[key]) found[key] = fields[key];
      if (Object.keys(found).length === 0) found.inboundDays = errorSentence(error);
      setErrors(found);
      setSaved(false);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="settings-form" onSubmit={(e) => void submit(e)} aria-label="Retention settings">
      {retention.problems.map((problem) => (
        <p key={problem} className="form-error" role="alert">
          {problem}
        </p>
      ))}
      {FIELDS.map(({ key, label, help }) => {
        const fieldId = `${id}-${key}`;
        const lockedBy = retention.lockedBy[key];
        if (lockedBy) {
          return (
            <p key={key} className="switch-row locked">
              <span className="switch-label">{label}</span>
              <span className="locked-value">
                <LockIcon /> {retention[key]} · Set by {lockedBy}
              </span>
            </p>
          );
        }
        const error = errors[key];
        return (
          <div key={key} className="field">
            <label htmlFor={fieldId}>{label}</label>
            <input
              id={fieldId}
              name={key}
              inputMode="numeric"
              value={draft[key]}
              aria-invalid={Boolean(error)}
              aria-describedby={`${fieldId}-note`}
              onChange={(e) => {
                setDraft({ ...draft, [key]: e.target.value });
                setDirty(true);
                setSaved(false);
              }}
            />
            <p id={`${fieldId}-note`} className={error ? 'hint hint-error' : 'hint'}>
              {error ?? help}
            </p>
          </div>
        );
      })}
      <p className="hint">An expired fax stays in its list, marked “Document expired”; only its pages are deleted, for good.</p>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={saving || !dirty}>
          {saving ? 'Saving…' : 'Save'}
        </button>
        <span role="status" className="hint">
          {saved && !dirty ? 'Saved.' : ''}
        </span>
      </div>
    </form>
  );
}

export function StorageSettings({ visible }: { visible: boolean }) {
  const desk = useDesk();
  const [info, setInfo] = useState<StorageInfo | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      setInfo(await desk.api.getStorageInfo({}));
      setLoadError(null);
    } catch (error) {
      setLoadError(errorSentence(error));
    }
  }, [desk]);

  useEffect(() => {
    if (!visible) return;
    void load();
    // A sweep that runs while the tab is open shows at once.
    return desk.api.on('retentionSwept', (lastSweep) => setInfo((current) => (current ? { ...current, lastSweep } : current)));
  }, [desk, visible, load]);

  if (!info)
    return loadError ? (
      <p className="form-error" role="alert">
        Storage settings could not be loaded: {loadError}
      </p>
    ) : (
      <p role="status">Loading storage settings…</p>
    );
  const { backend, keyProtection, retention, lastSweep } = info;

  return (
    <div className="storage-settings">
      <h2 className="section-title">Where documents are kept</h2>
      <dl className="webhook-facts storage-facts" aria-label="Document storage">
        <dt>Kept on</dt>
        <dd>{backend.label}</dd>
        <dt>Folder</dt>
        <dd>
          <code>{backend.location}</code>
        </dd>
        {/* The S3 backend adds its bucket, prefix and region here (issue 6, S3 document store). */}
      </dl>
      <StorageMove />

      <h2 className="section-title">What protects the key</h2>
      <p>Documents are encrypted with a key that is itself protected by {keyProtection.description}.</p>
      {keyProtection.warning && (
        <p className="form-error key-warning" role="alert">
          <strong>Weak protection. </strong>
          {keyProtection.warning}
        </p>
      )}

      <h2 className="section-title">How long documents are kept</h2>
      <Retention retention={retention} onSaved={(updated) => setInfo({ ...info, retention: updated })} />
      <p className="hint last-sweep" aria-label="Last retention sweep">
        {lastSweep
          ? `Last checked ${formatFaxTime(lastSweep.at)}: ${lastSweep.deleted === 1 ? '1 document' : `${lastSweep.deleted} documents`} deleted${lastSweep.failed ? `, ${lastSweep.failed} could not be deleted (see the log; tried again at the next check)` : ''}. Checked at start and then daily.`
          : 'Not checked yet: Faxbot checks at start and then daily.'}
      </p>
    </div>
  );
}
