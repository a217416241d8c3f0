// "Save as contact" beside a typed number on Send: a small form with the number (and the
// recipient name, if typed) filled in, saved in one step; the engine checks it as the
// Contacts screen's form does, and says what to fix beside the field.
import { useId, useState } from 'react';
import type { Contact } from '../../../shared/contacts';
import { useDesk } from '../deskContext';

interface Props {
  number: string;
  name: string;
  onSaved(contact: Contact): void;
  onClose(): void;
}

export function SaveAsContact({ number, name: typedName, onSaved, onClose }: Props) {
  const desk = useDesk();
  const id = useId();
  const [name, setName] = useState(typedName);
  const [organization, setOrganization] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const save = async () => {
    setSaving(true);
    try {
      onSaved(await desk.api.saveContact({ name, organization, fax: number }));
    } catch (error) {
      const e = error as Error & { fields?: Record<string, string>; field?: string };
      setErrors(e.fields ?? { [e.field ?? 'form']: e.message });
    } finally {
      setSaving(false);
    }
  };
  return (
    <div className="save-contact" role="group" aria-label="Save as contact">
      <div className="field">
        <label htmlFor={`${id}-name`}>Name</label>
        <input id={`${id}-name`} value={name} maxLength={200} onChange={(e) => setName(e.target.value)} autoFocus />
        {errors.name && <p className="hint hint-error">{errors.name}</p>}
      </div>
      <div className="field">
        <label htmlFor={`${id}-org`}>Organization</label>
        <input id={`${id}-org`} value={organization} maxLength={200} onChange={(e) => setOrganization(e.target.value)} />
      </div>
      {(errors.fax || errors.form) && (
        <p className="form-error" role="alert">
          {errors.fax ?? errors.form}
        </p>
      )}
      <div className="button-row">
        <button type="button" className="primary" disabled={saving} onClick={() => void save()}>
          Save contact
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </div>
  );
}
