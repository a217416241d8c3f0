// Send later: a date and time in the person's own locale and time zone, or a quick choice
// (tonight 7 pm, tomorrow 8 am). What is wrong with the time is said as it is chosen, in the
// engine's own words (a time past, or in the hour the clocks skip).
import { useId } from 'react';
import { localText, momentWords, quickSchedules, resolveSchedule } from '../../../shared/schedule';
import { useDesk, useSlice } from '../deskContext';
import { ownTimeZone, scheduleProblem } from '../stores';

export function SendLater() {
  const desk = useDesk();
  const id = useId();
  const schedule = useSlice(desk.send, (s) => s.schedule);
  const setSchedule = desk.send.getState().setSchedule;
  const timeZone = schedule?.timeZone ?? ownTimeZone();
  const problem = scheduleProblem(schedule);
  const verdict = schedule && !problem ? resolveSchedule(schedule, new Date()) : null;
  return (
    <fieldset className="send-later">
      <legend className="visually-hidden">Send later</legend>
      <div className="field field-check">
        <input
          id={`${id}-later`}
          type="checkbox"
          checked={schedule !== null}
          onChange={(e) => setSchedule(e.target.checked ? { local: localText(Date.now() + 3_600_000, timeZone), timeZone } : null)}
        />
        <label htmlFor={`${id}-later`}>Send later</label>
      </div>
      {schedule && (
        <>
          <div className="quick-times" role="group" aria-label="Quick choices">
            {quickSchedules(new Date(), timeZone).map((choice) => (
              <button
                key={choice.label}
                type="button"
                aria-pressed={schedule.local === choice.schedule.local}
                onClick={() => setSchedule(choice.schedule)}
              >
                {choice.label}
              </button>
            ))}
          </div>
          <div className="field">
            <label htmlFor={`${id}-when`}>Send on</label>
            <input
              id={`${id}-when`}
              type="datetime-local"
              value={schedule.local}
              min={localText(Date.now(), timeZone)}
              aria-invalid={problem !== null}
              aria-describedby={`${id}-when-note`}
              onChange={(e) => setSchedule({ local: e.target.value, timeZone })}
            />
            <p id={`${id}-when-note`} className={problem ? 'hint hint-error' : 'hint'} aria-live="polite">
              {problem ?? (verdict?.ok ? `Goes ${momentWords(verdict.at, timeZone)} (${timeZone}).` : '')}
            </p>
          </div>
        </>
      )}
    </fieldset>
  );
}
