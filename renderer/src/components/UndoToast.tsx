// A short message with an Undo button, announced to screen readers; it goes when the
// store says the undo time is over.
interface Props {
  text: string;
  undoLabel: string;
  onUndo(): void;
}

export function UndoToast({ text, undoLabel, onUndo }: Props) {
  return (
    <div className="toast" role="status" aria-live="polite">
      <span>{text}</span>
      <button type="button" className="toast-action" onClick={onUndo} aria-label={undoLabel}>
        Undo
      </button>
    </div>
  );
}
