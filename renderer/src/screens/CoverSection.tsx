// Send's cover page section: which template (or the contact's default), the subject and the
// notes. Under the picker, in words, which template the cover uses and why — and when a
// contact's default was deleted, that the plain cover is used instead.
import { useId } from 'react';
import { useDesk, useSlice } from '../deskContext';
import type { CoverPreview } from '../stores';

/** The sentence under the picker, from the engine's drawing of the cover. */
function templateHint(preview: CoverPreview, picked: string | null): string {
  const template = preview.template;
  if (!template || preview.state !== 'ready') return '';
  if (template.notice) return template.notice;
  if (picked) return '';
  if (template.source === 'contact') return `${template.name}: ${template.contactName}'s default.`;
  return `${template.name}: the recipient has no default cover page.`;
}

export function CoverSection() {
  const desk = useDesk();
  const id = useId();
  const subject = useSlice(desk.send, (s) => s.subject);
  const notes = useSlice(desk.send, (s) => s.notes);
  const picked = useSlice(desk.send, (s) => s.coverTemplateId);
  const preview = useSlice(desk.send, (s) => s.coverPreview);
  const templates = useSlice(desk.coverTemplates, (s) => s.items);
  const send = desk.send.getState();
  const hint = templateHint(preview, picked);
  const warned = Boolean(preview.template?.notice);
  return (
    <fieldset className="cover-fields">
      <legend className="visually-hidden">Cover page</legend>
      <div className="field">
        <label htmlFor={`${id}-template`}>Template</label>
        <select
          id={`${id}-template`}
          name="coverTemplate"
          value={picked ?? ''}
          aria-describedby={`${id}-template-hint`}
          onChange={(e) => send.setCoverTemplate(e.target.value || null)}
        >
          <option value="">Contact’s default, or Plain</option>
          {templates.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
        <p id={`${id}-template-hint`} className={warned ? 'hint hint-warning' : 'hint'} role={warned ? 'status' : undefined}>
          {hint}
        </p>
      </div>
      <div className="field">
        <label htmlFor={`${id}-subject`}>Subject</label>
        <input id={`${id}-subject`} name="subject" value={subject} maxLength={200} onChange={(e) => send.setSubject(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-notes`}>Notes</label>
        <textarea id={`${id}-notes`} name="notes" rows={3} value={notes} maxLength={4000} onChange={(e) => send.setNotes(e.target.value)} />
      </div>
    </fieldset>
  );
}
