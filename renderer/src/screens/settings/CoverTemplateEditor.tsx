// One cover page template being made or changed, beside its live preview: the real cover PDF
// the engine draws from the unsaved draft. A logo is checked by the engine as soon as it is
// picked; a refused one is named beside the field and the draft keeps the logo it had.
import { useId } from 'react';
import { useDesk, useSlice } from '../../deskContext';
import { usePdf } from '../../pdf';
import { PdfPageCanvas } from '../../components/PdfPageCanvas';
import {
  COVER_LAYOUTS,
  COVER_LAYOUT_WORDS,
  COVER_TEMPLATE_LIMITS,
  type CoverField,
  type CoverPractice,
} from '../../../../shared/coverTemplates';
import type { CoverPreview } from '../../stores';

const FIELD_WORDS: Record<CoverField, string> = {
  recipient: 'Recipient',
  sender: 'Sender',
  date: 'Date',
  pages: 'Pages',
  subject: 'Subject',
  notes: 'Notes',
};

const PRACTICE: { part: keyof CoverPractice; label: string; max: number; multiline?: boolean }[] = [
  { part: 'name', label: 'Practice name', max: COVER_TEMPLATE_LIMITS.practiceName },
  { part: 'address', label: 'Address', max: COVER_TEMPLATE_LIMITS.address, multiline: true },
  { part: 'phone', label: 'Phone', max: COVER_TEMPLATE_LIMITS.practiceLine },
  { part: 'fax', label: 'Fax', max: COVER_TEMPLATE_LIMITS.practiceLine },
  { part: 'email', label: 'Email or website', max: COVER_TEMPLATE_LIMITS.practiceLine },
];

function TemplatePreview({ preview }: { preview: CoverPreview }) {
  const pdfBase64 = preview.pdfBase64;
  const load = usePdf(pdfBase64 ? `template-preview-${preview.version}` : null, async () => pdfBase64 ?? '');
  if (preview.state === 'error') return <p className="form-error">The preview could not be drawn: {preview.message}</p>;
  if (!pdfBase64 || load.state === 'loading') return <div className="cover-preview cover-preview-loading" aria-hidden="true" />;
  if (load.state === 'error') return <p className="form-error">The preview could not be drawn: {load.message}</p>;
  return (
    <div className="cover-preview" data-version={preview.version}>
      <PdfPageCanvas pdf={load.pdf} pageNumber={1} width={300} label="Cover page preview" className="cover-preview-page" />
    </div>
  );
}

export function CoverTemplateEditor() {
  const desk = useDesk();
  const id = useId();
  const editing = useSlice(desk.coverTemplates, (s) => s.editing);
  const errors = useSlice(desk.coverTemplates, (s) => s.fieldErrors);
  const saveError = useSlice(desk.coverTemplates, (s) => s.saveError);
  const saving = useSlice(desk.coverTemplates, (s) => s.saving);
  const preview = useSlice(desk.coverTemplates, (s) => s.preview);
  if (!editing) return null;
  const store = desk.coverTemplates.getState();
  const error = (field: string) =>
    errors[field] ? (
      <p id={`${id}-${field}-error`} className="hint hint-error">
        {errors[field]}
      </p>
    ) : null;
  const described = (field: string) => (errors[field] ? { 'aria-invalid': true, 'aria-describedby': `${id}-${field}-error` } : {});
  const logoWords =
    editing.logo && editing.logo !== 'keep'
      ? `New logo: ${editing.logo.fileName}`
      : editing.logo === 'keep' && editing.storedLogo
        ? `Logo: ${editing.storedLogo.width} × ${editing.storedLogo.height} pixels`
        : 'No logo';

  return (
    <div className="cover-editor">
      <form
        className="cover-template-form"
        aria-label={editing.id ? 'Edit cover page template' : 'New cover page template'}
        onSubmit={(e) => {
          e.preventDefault();
          void store.save();
        }}
      >
        <h2>{editing.id ? 'Edit template' : 'New template'}</h2>
        <div className="field">
          <label htmlFor={`${id}-name`}>Template name</label>
          <input
            id={`${id}-name`}
            value={editing.name}
            maxLength={COVER_TEMPLATE_LIMITS.name}
            placeholder="Letterhead"
            onChange={(e) => store.setName(e.target.value)}
            {...described('name')}
          />
          {error('name')}
        </div>
        <fieldset className="cover-layouts">
          <legend>Layout</legend>
          {COVER_LAYOUTS.map((layout) => (
            <label key={layout} className="check">
              <input type="radio" name={`${id}-layout`} checked={editing.layout === layout} onChange={() => store.setLayout(layout)} />
              {COVER_LAYOUT_WORDS[layout]}
            </label>
          ))}
        </fieldset>
        {editing.layout === 'letterhead' && (
          <fieldset className="cover-practice">
            <legend>Letterhead</legend>
            {PRACTICE.map(({ part, label, max, multiline }) => (
              <div className="field" key={part}>
                <label htmlFor={`${id}-practice-${part}`}>{label}</label>
                {multiline ? (
                  <textarea
                    id={`${id}-practice-${part}`}
                    rows={3}
                    maxLength={max}
                    value={editing.practice[part]}
                    onChange={(e) => store.setPractice(part, e.target.value)}
                    {...described(part)}
                  />
                ) : (
                  <input
                    id={`${id}-practice-${part}`}
                    maxLength={max}
                    value={editing.practice[part]}
                    onChange={(e) => store.setPractice(part, e.target.value)}
                    {...described(part)}
                  />
                )}
                {error(part)}
              </div>
            ))}
            <div className="field">
              <label htmlFor={`${id}-logo`}>Logo (PNG or JPEG, up to 2 MB)</label>
              <input
                id={`${id}-logo`}
                type="file"
                accept=".png,.jpg,.jpeg,image/png,image/jpeg"
                onChange={(e) => {
                  const file = e.target.files?.[0];
                  e.target.value = '';
                  if (file) void store.chooseLogo(file);
                }}
                {...described('logo')}
              />
              <p className="hint">
                {logoWords}
                {(editing.logo !== 'keep' ? editing.logo : editing.storedLogo) && (
                  <>
                    {' '}
                    <button type="button" className="link" onClick={() => store.removeLogo()}>
                      Remove logo
                    </button>
                  </>
                )}
              </p>
              {error('logo')}
            </div>
          </fieldset>
        )}
        <div className="field">
          <label htmlFor={`${id}-notice`}>Confidentiality notice</label>
          <textarea
            id={`${id}-notice`}
            rows={4}
            maxLength={COVER_TEMPLATE_LIMITS.notice}
            value={editing.notice}
            aria-describedby={`${id}-notice-hint`}
            onChange={(e) => store.setNotice(e.target.value)}
          />
          <p id={`${id}-notice-hint`} className="hint">
            Leave it empty to print the notice from Settings → General.
          </p>
          {error('notice')}
        </div>
        <fieldset className="cover-shown-fields">
          <legend>Fields on the cover</legend>
          {(Object.keys(FIELD_WORDS) as CoverField[]).map((field) => (
            <label key={field} className="check">
              <input type="checkbox" checked={editing.fields[field]} onChange={(e) => store.showField(field, e.target.checked)} />
              {FIELD_WORDS[field]}
            </label>
          ))}
        </fieldset>
        {saveError && (
          <p className="form-error" role="alert">
            {saveError}
          </p>
        )}
        <div className="button-row">
          <button type="submit" className="primary" disabled={saving}>
            {saving ? 'Saving…' : 'Save template'}
          </button>
          <button type="button" onClick={() => store.cancel()}>
            Cancel
          </button>
        </div>
      </form>
      <section className="cover-preview-pane" aria-label="Preview">
        <h3>Preview</h3>
        <TemplatePreview preview={preview} />
        <p className="hint">Drawn by Faxbot as it will be sent, with sample details.</p>
      </section>
    </div>
  );
}
