// Settings → Storage & retention, the moving part: how many documents each backend holds,
// a button that moves those stored elsewhere to where new documents go, a live progress bar
// with Cancel, and a stopped move's reason in words. It follows the engine's
// storageMoveProgress events, so the bar moves without polling.
import { useCallback, useEffect, useId, useState } from 'react';
import {
  STORAGE_BACKEND_LABELS,
  STORAGE_BACKEND_PLACES,
  type StorageBackendName,
  type StorageMoveProgress,
  type StorageStatus,
} from '../../../../shared/storageMove';
import { useDesk } from '../../deskContext';
import { errorSentence } from '../../bridge';

const label = (backend: string) => STORAGE_BACKEND_LABELS[backend as StorageBackendName] ?? backend;
const place = (backend: string) => STORAGE_BACKEND_PLACES[backend as StorageBackendName] ?? `in ${backend}`;
const documentsWord = (n: number) => `${n} document${n === 1 ? '' : 's'}`;

function megabytes(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function MoveOutcome({ move }: { move: StorageMoveProgress }) {
  if (move.state === 'moved')
    return (
      <p role="status">
        Moved {documentsWord(move.done)} to {label(move.to)}.
      </p>
    );
  if (move.state === 'canceled') {
    return (
      <p role="status">
        Move canceled after {documentsWord(move.done)} of {move.total}. Every document stays readable where it is; move again to finish.
      </p>
    );
  }
  if (move.state === 'failed' && move.failure) {
    return (
      <p className="form-error" role="alert">
        {move.failure.message}
      </p>
    );
  }
  return null;
}

export function StorageMove() {
  const desk = useDesk();
  const id = useId();
  const [status, setStatus] = useState<StorageStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      setStatus(await desk.api.getStorageStatus({}));
      setError(null);
    } catch (e) {
      setError(errorSentence(e));
    }
  }, [desk]);

  useEffect(() => {
    // Subscribed first, loaded second: a progress event in between is not missed.
    const stop = desk.api.on('storageMoveProgress', (move) => {
      setStatus((s) => (s ? { ...s, move } : s));
      // The counts per backend change as documents move; read them again at the end.
      if (move.state !== 'running') void load();
    });
    void load();
    return stop;
  }, [desk, load]);

  if (!status)
    return error ? (
      <p className="form-error" role="alert">
        Where documents are stored could not be read: {error}
      </p>
    ) : (
      <p role="status">Loading storage…</p>
    );

  const move = status.move;
  const running = move?.state === 'running';
  const elsewhere = status.documents.filter((d) => d.backend !== status.current).reduce((sum, d) => sum + d.count, 0);
  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      const started = await desk.api.startStorageMove({ to: status.current });
      // The end may already have been announced (a small move over a fast link): keep the newer word.
      setStatus((s) => (!s ? s : s.move?.moveId === started.moveId && s.move.state !== 'running' ? s : { ...s, move: started }));
    } catch (e) {
      setError(errorSentence(e));
    } finally {
      setBusy(false);
    }
  };
  const cancel = async () => {
    try {
      await desk.api.cancelStorageMove({});
    } catch (e) {
      setError(errorSentence(e));
    }
  };

  return (
    <section className="storage-move" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="settings-subtitle">
        Documents per storage
      </h2>
      <p className="settings-note">
        New documents are stored {place(status.current)}. Documents stored before a change stay readable where they are until you move them.
      </p>
      <ul className="storage-counts" aria-label="Documents per storage">
        {status.documents.map((d) => (
          <li key={d.backend}>
            {documentsWord(d.count)} {place(d.backend)}
            {!d.configured && d.count > 0 ? ` — ${label(d.backend)} is not set up any more, so these cannot be opened until it is` : ''}
          </li>
        ))}
      </ul>
      {running && move ? (
        <div className="storage-move-progress">
          <label htmlFor={`${id}-bar`}>
            Moving to {label(move.to)}: {move.done} of {documentsWord(move.total)} ({megabytes(move.bytes)})
          </label>
          <progress id={`${id}-bar`} max={Math.max(1, move.total)} value={move.done} />
          <button type="button" onClick={() => void cancel()} disabled={move.state !== 'running'}>
            Cancel move
          </button>
        </div>
      ) : (
        <>
          {move ? <MoveOutcome move={move} /> : null}
          {elsewhere > 0 ? (
            <button type="button" className="primary" disabled={busy} onClick={() => void start()}>
              Move {documentsWord(elsewhere)} to {label(status.current)}
            </button>
          ) : (
            <p className="hint">Every document is stored {place(status.current)}.</p>
          )}
        </>
      )}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
