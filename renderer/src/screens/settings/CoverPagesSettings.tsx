// Settings → Cover pages: the office's cover page templates (the plain one is built in), and
// the editor with its live preview. A deleted template's contacts get the plain cover; the
// sentence after a deletion says how many.
import { useEffect } from 'react';
import { useDesk, useSlice } from '../../deskContext';
import { COVER_LAYOUT_WORDS } from '../../../../shared/coverTemplates';
import { CoverTemplateEditor } from './CoverTemplateEditor';

const contactsWords = (n: number) => (n === 0 ? '' : n === 1 ? ' · default for 1 contact' : ` · default for ${n} contacts`);

export function CoverPagesSettings({ visible }: { visible: boolean }) {
  const desk = useDesk();
  const items = useSlice(desk.coverTemplates, (s) => s.items);
  const loadError = useSlice(desk.coverTemplates, (s) => s.loadError);
  const editing = useSlice(desk.coverTemplates, (s) => s.editing);
  const notice = useSlice(desk.coverTemplates, (s) => s.notice);
  const saveError = useSlice(desk.coverTemplates, (s) => s.saveError);
  const store = desk.coverTemplates.getState();

  useEffect(() => {
    if (visible) void desk.coverTemplates.getState().load();
  }, [desk, visible]);

  return (
    <div className="cover-pages-settings">
      <p className="settings-note">
        A cover page template is chosen for each fax on Send, or set as a contact’s default in Contacts. The plain cover is used when
        neither is.
      </p>
      {loadError && (
        <p className="form-error" role="alert">
          Cover page templates could not be loaded: {loadError}
        </p>
      )}
      <div className="keys-head">
        <h2>Templates</h2>
        {!editing && (
          <button type="button" onClick={() => store.startNew()}>
            New template
          </button>
        )}
      </div>
      {notice && <p role="status">{notice}</p>}
      {saveError && !editing && (
        <p className="form-error" role="alert">
          {saveError}
        </p>
      )}
      <ul className="cover-template-list" aria-label="Cover page templates">
        {items.map((t) => (
          <li key={t.id}>
            <span className="row-name">{t.name}</span>
            <span className="hint">
              {t.builtin ? 'Built in' : COVER_LAYOUT_WORDS[t.layout]}
              {t.logo ? ' · logo' : ''}
              {contactsWords(t.contacts)}
            </span>
            {!t.builtin && (
              <span className="button-row">
                <button type="button" aria-label={`Edit ${t.name}`} onClick={() => store.edit(t.id)}>
                  Edit
                </button>
                <button type="button" className="danger" aria-label={`Delete ${t.name}`} onClick={() => void store.remove(t.id)}>
                  Delete
                </button>
              </span>
            )}
          </li>
        ))}
      </ul>
      <CoverTemplateEditor />
    </div>
  );
}
