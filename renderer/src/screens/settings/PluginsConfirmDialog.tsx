// A modal question before something that cannot be taken back lightly (applying a change to
// where patient data goes, restoring an older config). The native <dialog> traps focus and
// closes on Esc, which counts as "no".
import { useEffect, useId, useRef, type ReactNode } from 'react';

export interface PluginsConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm(): void;
  onCancel(): void;
}

export function PluginsConfirmDialog({ title, children, confirmLabel, onConfirm, onCancel }: PluginsConfirmDialogProps) {
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);
  return (
    <dialog
      ref={dialog}
      className="confirm-dialog"
      aria-labelledby={`${id}-title`}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <h3 id={`${id}-title`}>{title}</h3>
      <div className="confirm-dialog-body">{children}</div>
      <div className="form-actions">
        <button type="button" className="primary" onClick={onConfirm}>
          {confirmLabel}
        </button>
        <button type="button" onClick={onCancel} autoFocus>
          Cancel
        </button>
      </div>
    </dialog>
  );
}
