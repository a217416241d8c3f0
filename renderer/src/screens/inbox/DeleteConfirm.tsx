// "Delete this fax?" before a fax goes: Delete is focused, Esc keeps it.
import { useEffect, useId, useRef } from 'react';

export function DeleteConfirm({ sender, onDelete, onKeep }: { sender: string; onDelete(): void; onKeep(): void }) {
  const id = useId();
  const deleteButton = useRef<HTMLButtonElement>(null);
  useEffect(() => deleteButton.current?.focus(), []);
  return (
    <div
      className="confirm inbox-confirm"
      role="alertdialog"
      aria-labelledby={`${id}-q`}
      aria-describedby={`${id}-note`}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onKeep();
        }
        // The Inbox's own keys (R, F, Delete) wait until this is answered.
        e.stopPropagation();
      }}
    >
      <p id={`${id}-q`}>
        <strong>Delete the fax from {sender}?</strong>
      </p>
      <p id={`${id}-note`} className="hint">
        You can bring it back with Undo for a few seconds afterwards.
      </p>
      <div className="form-actions">
        <button ref={deleteButton} type="button" className="danger" onClick={onDelete}>
          Delete fax
        </button>
        <button type="button" onClick={onKeep}>
          Keep it
        </button>
      </div>
    </div>
  );
}
