// Settings → General, the watched folder's choices: send printed faxes naming a number
// straight away, and gather print jobs into one fax. A value fixed by the environment is
// shown locked with the variable's name (UX.md, "Settings"). Each change applies at once.
import { useEffect, useId } from 'react';
import { useDesk, useSlice } from '../../deskContext';
import { LockIcon } from '../../components/LockIcon';

export function WatchedFolderSettings() {
  const desk = useDesk();
  const id = useId();
  const status = useSlice(desk.printed, (s) => s.status);
  const error = useSlice(desk.printed, (s) => s.error);
  useEffect(() => {
    if (!desk.printed.getState().status) void desk.printed.getState().load();
  }, [desk]);
  if (!status) return null;
  const lock = (name: string | null) =>
    name ? (
      <span className="locked" title={`Set by ${name}`}>
        <LockIcon /> {name}
      </span>
    ) : null;
  return (
    <fieldset className="field watched-folder-settings" aria-label="Printed documents">
      {status.problem && (
        <p className="form-error" role="alert">
          {status.problem}
        </p>
      )}
      <label htmlFor={`${id}-autoSend`}>
        <input
          id={`${id}-autoSend`}
          type="checkbox"
          checked={status.autoSend}
          disabled={status.lockedBy.autoSend !== null}
          onChange={(e) => void desk.printed.getState().update({ autoSend: e.target.checked })}
        />{' '}
        Send printed faxes straight away when they name a number {lock(status.lockedBy.autoSend)}
      </label>
      <p className="hint">A number in the file name (“fax to (202) 555-0143 - referral”) or a “Fax:” line on the first page.</p>
      <label htmlFor={`${id}-gather`}>Gather print jobs into one fax for (seconds) {lock(status.lockedBy.gatherSeconds)}</label>
      <input
        id={`${id}-gather`}
        type="number"
        min={0}
        max={600}
        value={status.gatherSeconds}
        disabled={status.lockedBy.gatherSeconds !== null}
        onChange={(e) => {
          const seconds = Number(e.target.value);
          if (Number.isInteger(seconds) && seconds >= 0 && seconds <= 600) void desk.printed.getState().update({ gatherSeconds: seconds });
        }}
      />
      <p className="hint">0 keeps every print job its own fax; a few seconds joins a cover letter and its attachment.</p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
