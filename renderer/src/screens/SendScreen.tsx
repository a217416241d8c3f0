// Send: the whole screen takes a drop; files become documents, and the form sends them.
// Ctrl/⌘+Enter sends; Esc clears the fax, with Undo for a while (UX.md, "Send").
import { useEffect, useRef, useState, type DragEvent } from 'react';
import { useDesk, useSlice } from '../deskContext';
import { UndoToast } from '../components/UndoToast';
import { DocumentList } from './DocumentList';
import { SendForm } from './SendForm';
import { PrintedNotices } from './PrintedNotices';

function hasFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer?.types ?? []).includes('Files');
}

export function SendScreen() {
  const desk = useDesk();
  const problems = useSlice(desk.send, (s) => s.problems);
  const empty = useSlice(desk.send, (s) => s.documents.length === 0);
  const cleared = useSlice(desk.send, (s) => s.cleared !== null);
  const removedName = useSlice(desk.send, (s) => s.removed?.doc.fileName ?? null);
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  // Ctrl/⌘+Enter sends from anywhere on the screen; Esc clears it, from outside a text field (an
  // open list under the To field takes its Esc first and stops it).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // A dialog over Send (the page view) owns its keys, even when focus slipped out of it.
      if (e.defaultPrevented || document.querySelector('dialog[open]')) return;
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        void desk.sendAndShow();
      } else if (e.key === 'Escape' && !e.ctrlKey && !e.metaKey && !e.altKey) {
        // In a text field Esc only leaves the field: a person backing out of a typo must not lose the fax.
        if (isTextField(e.target)) {
          e.preventDefault();
          (e.target as HTMLElement).blur();
        } else if (desk.send.getState().clear()) e.preventDefault();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [desk]);

  const add = (files: FileList | null | undefined) => {
    if (files && files.length > 0) void desk.send.getState().addFiles(Array.from(files));
  };

  return (
    <section
      className={`screen send-screen ${over ? 'drag-over' : ''}`}
      aria-labelledby="send-title"
      onDragOver={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
        setOver(true);
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) setOver(false);
      }}
      // The files themselves are taken by the window's drop handler (App), wherever they land.
      onDrop={() => setOver(false)}
    >
      <h1 id="send-title" className="visually-hidden">
        Send a fax
      </h1>
      <div className="send-documents">
        <PrintedNotices />
        <div className="drop-zone" data-testid="drop-zone">
          <span>{empty ? 'Drop files here, or ' : 'Drop more files, or '}</span>
          <label className="browse">
            Browse…
            <input
              ref={input}
              type="file"
              multiple
              className="visually-hidden"
              accept=".pdf,.txt,.png,.jpg,.jpeg,.tif,.tiff,.docx,.doc,.xlsx,.xls,.odt,.ods,.rtf,application/pdf,text/plain,image/png,image/jpeg,image/tiff"
              onChange={(e) => {
                add(e.target.files);
                e.target.value = '';
              }}
            />
          </label>
          {empty && <p className="hint">PDF, text, PNG, JPEG or TIFF. You can also print to the Faxbot printer.</p>}
        </div>
        {problems.length > 0 && (
          <ul className="file-problems" role="alert">
            {problems.map((p) => (
              <li key={p.key}>
                <span>
                  {/* The engine's sentence usually names the file already. */}
                  {!p.message.includes(p.fileName) && <strong>{p.fileName}: </strong>}
                  {p.message}
                </span>
                <button
                  type="button"
                  className="link"
                  onClick={() => desk.send.getState().dismissProblem(p.key)}
                  aria-label={`Dismiss the message about ${p.fileName}`}
                >
                  ✕
                </button>
              </li>
            ))}
          </ul>
        )}
        <DocumentList />
      </div>
      <SendForm />
      {removedName !== null && (
        <UndoToast
          text={`Removed ${removedName}`}
          undoLabel={`Undo removing ${removedName}`}
          onUndo={() => desk.send.getState().undoRemove()}
        />
      )}
      {cleared && <UndoToast text="Cleared" undoLabel="Undo clear" onUndo={() => desk.send.getState().undoClear()} />}
    </section>
  );
}

/** A field a person types into (not a button, checkbox or the file picker). */
function isTextField(target: EventTarget | null): boolean {
  if (target instanceof HTMLTextAreaElement) return true;
  if (target instanceof HTMLInputElement)
    return !['button', 'checkbox', 'radio', 'file', 'submit', 'reset', 'range', 'color'].includes(target.type);
  return target instanceof HTMLElement && target.isContentEditable;
}
