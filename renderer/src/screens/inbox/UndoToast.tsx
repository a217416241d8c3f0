// "Fax deleted — Undo", for as long as the engine can still bring the fax back.
import { useEffect } from 'react';
import { useDesk, useSlice } from '../../deskContext';

export function UndoToast({ senderOf }: { senderOf(fax: { from: string; fromName: string; contactName?: string }): string }) {
  const desk = useDesk();
  const deleted = useSlice(desk.inbox, (s) => s.deleted);
  useEffect(() => {
    if (!deleted) return;
    // The offer ends when the engine forgets the fax, not on a timer of our own.
    const left = Math.max(0, Date.parse(deleted.undoUntil) - Date.now());
    const timer = setTimeout(() => {
      if (desk.inbox.getState().deleted === deleted) desk.inbox.getState().dismissDeleted();
    }, left);
    return () => clearTimeout(timer);
  }, [deleted, desk]);
  return (
    <div className="toast-live" role="status" aria-live="polite">
      {deleted && (
        <div className="toast">
          <span>Fax from {senderOf(deleted.fax)} deleted</span>
          <span aria-hidden="true">—</span>
          <button type="button" className="toast-action" onClick={() => void desk.inbox.getState().undoRemove()}>
            Undo
          </button>
          <button type="button" className="link" aria-label="Close" onClick={() => desk.inbox.getState().dismissDeleted()}>
            ✕
          </button>
        </div>
      )}
    </div>
  );
}
