// Add or change a contact. The engine checks it (the same sentences as the REST API and an
// import), and each problem is shown beside its field; Delete comes with Undo, not a question.
import { useId } from 'react';
import { useDesk, useSlice } from '../../deskContext';
import type { ContactForm as Form } from '../../stores';

const FIELDS: { field: keyof Omit<Form, 'id' | 'groupIds' | 'coverTemplateId'>; label: string; type?: string; multiline?: boolean }[] = [
  { field: 'name', label: 'Name' },
  { field: 'organization', label: 'Organization' },
  { field: 'fax', label: 'Fax number', type: 'tel' },
  { field: 'phone', label: 'Phone (optional)', type: 'tel' },
  { field: 'email', label: 'Email (optional)', type: 'email' },
  { field: 'notes', label: 'Notes', multiline: true },
];

export function ContactForm() {
  const desk = useDesk();
  const id = useId();
  const form = useSlice(desk.contacts, (s) => s.form);
  const errors = useSlice(desk.contacts, (s) => s.formErrors);
  const saving = useSlice(desk.contacts, (s) => s.saving);
  const groups = useSlice(desk.contacts, (s) => s.groups);
  const templates = useSlice(desk.coverTemplates, (s) => s.items);
  if (!form) return null;
  // A template deleted since it was chosen: faxes get the plain cover, and the form says so.
  const lost = form.coverTemplateId !== null && templates.length > 0 && !templates.some((t) => t.id === form.coverTemplateId);
  const store = desk.contacts.getState();
  return (
    <form
      className="contact-form"
      aria-label={form.id ? 'Edit contact' : 'New contact'}
      onSubmit={(e) => {
        e.preventDefault();
        void desk.contacts.getState().save();
      }}
    >
      <h2>{form.id ? 'Edit contact' : 'New contact'}</h2>
      {FIELDS.map(({ field, label, type, multiline }) => {
        const inputId = `${id}-${field}`;
        const error = errors[field];
        const common = {
          id: inputId,
          name: field,
          value: form[field],
          'aria-invalid': Boolean(error),
          'aria-describedby': error ? `${inputId}-error` : undefined,
        };
        return (
          <div className="field" key={field}>
            <label htmlFor={inputId}>{label}</label>
            {multiline ? (
              <textarea {...common} rows={3} maxLength={2000} onChange={(e) => store.setField(field, e.target.value)} />
            ) : (
              <input {...common} type={type ?? 'text'} maxLength={254} onChange={(e) => store.setField(field, e.target.value)} />
            )}
            {error && (
              <p id={`${inputId}-error`} className="hint hint-error">
                {error}
              </p>
            )}
          </div>
        );
      })}
      <div className="field">
        <label htmlFor={`${id}-cover`}>Cover page</label>
        <select
          id={`${id}-cover`}
          name="coverTemplateId"
          value={form.coverTemplateId ?? ''}
          aria-invalid={Boolean(errors.coverTemplateId)}
          aria-describedby={`${id}-cover-hint`}
          onChange={(e) => store.setField('coverTemplateId', e.target.value || null)}
        >
          <option value="">Plain (no default)</option>
          {templates
            .filter((t) => !t.builtin)
            .map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          {lost && <option value={form.coverTemplateId!}>(deleted template)</option>}
        </select>
        <p id={`${id}-cover-hint`} className={lost || errors.coverTemplateId ? 'hint hint-error' : 'hint'}>
          {errors.coverTemplateId ??
            (lost
              ? 'The template chosen for this contact was deleted: faxes to it get the plain cover page. Choose another one.'
              : 'Used on faxes to this contact unless another template is picked on Send.')}
        </p>
      </div>
      {groups.length > 0 && (
        <fieldset className="contact-groups-field">
          <legend>Groups</legend>
          {groups.map((group) => (
            <label key={group.id} className="check">
              <input
                type="checkbox"
                checked={form.groupIds.includes(group.id)}
                onChange={(e) =>
                  store.setField('groupIds', e.target.checked ? [...form.groupIds, group.id] : form.groupIds.filter((g) => g !== group.id))
                }
              />
              {group.name}
            </label>
          ))}
          {errors.groupIds && <p className="hint hint-error">{errors.groupIds}</p>}
        </fieldset>
      )}
      {errors.form && (
        <p className="form-error" role="alert">
          {errors.form}
        </p>
      )}
      <div className="button-row">
        <button type="submit" className="primary" disabled={saving}>
          {saving ? 'Saving…' : form.id ? 'Save changes' : 'Add contact'}
        </button>
        <button type="button" onClick={() => store.closeForm()}>
          Cancel
        </button>
        {form.id && (
          <button type="button" className="danger" onClick={() => void desk.contacts.getState().remove(form.id!)}>
            Delete
          </button>
        )}
      </div>
    </form>
  );
}
