// The first-start setup (issue 15), above Send until it is done or skipped: the practice's
// name, fax and phone numbers, country and paper, for cover pages and the fax header.
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type { Settings } from '../../../shared/model';
import { useDesk, useSlice } from '../deskContext';
import { CountrySelect } from '../components/CountrySelect';
import { paperForCountry, setupDraft, setupProblem, type StationSetupDraft } from '../stores';

export function StationSetup({ settings }: { settings: Settings }) {
  const desk = useDesk();
  const id = useId();
  const fieldErrors = useSlice(desk.settings, (s) => s.fieldErrors);
  const saveError = useSlice(desk.settings, (s) => s.saveError);
  const saving = useSlice(desk.settings, (s) => s.saving);
  const [draft, setDraft] = useState<StationSetupDraft>(() =>
    setupDraft(settings, typeof navigator === 'undefined' ? undefined : navigator.language),
  );
  const [paperChosen, setPaperChosen] = useState(false);
  const [problem, setProblem] = useState<ReturnType<typeof setupProblem>>(null);

  const edit = <K extends keyof StationSetupDraft>(key: K, value: StationSetupDraft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    if (problem?.field === key) setProblem(null);
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found = setupProblem(draft);
    setProblem(found);
    if (found) return;
    await desk.settings.getState().save({ ...draft, stationSetup: 'done' });
  };
  const field = (key: keyof StationSetupDraft, label: string, control: (p: FieldProps) => ReactNode, help: string) => {
    const error = (problem?.field === key ? problem.message : undefined) ?? fieldErrors[key];
    const fieldId = `${id}-${key}`;
    return (
      <div className="field">
        <label htmlFor={fieldId}>{label}</label>
        {control({ id: fieldId, 'aria-invalid': Boolean(error), 'aria-describedby': `${fieldId}-note` })}
        <p id={`${fieldId}-note`} className={error ? 'hint hint-error' : 'hint'}>
          {error ?? help}
        </p>
      </div>
    );
  };

  return (
    <section className="station-setup" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Set up this station</h2>
      <p className="hint">Cover pages and the line at the top of each page sent use these. You can change them later in Settings.</p>
      <form aria-label="Station setup" onSubmit={(e) => void submit(e)} noValidate>
        <div className="station-setup-fields">
          {field(
            'stationName',
            'Practice name',
            (p) => (
              <input
                {...p}
                name="stationName"
                value={draft.stationName}
                maxLength={100}
                onChange={(e) => edit('stationName', e.target.value)}
              />
            ),
            'As it should read after FROM on the cover page.',
          )}
          {field(
            'stationNumber',
            'Practice fax number',
            (p) => (
              <input
                {...p}
                name="stationNumber"
                type="tel"
                value={draft.stationNumber}
                maxLength={32}
                onChange={(e) => edit('stationNumber', e.target.value)}
              />
            ),
            'Where replies should be faxed.',
          )}
          {field(
            'stationPhone',
            'Practice phone number',
            (p) => (
              <input
                {...p}
                name="stationPhone"
                type="tel"
                value={draft.stationPhone}
                maxLength={32}
                onChange={(e) => edit('stationPhone', e.target.value)}
              />
            ),
            'For call-backs; leave it empty to print none.',
          )}
          {field(
            'defaultCountry',
            'Country',
            (p) => (
              <CountrySelect
                {...p}
                name="defaultCountry"
                value={draft.defaultCountry}
                onChange={(code) => {
                  edit('defaultCountry', code);
                  if (!paperChosen) edit('paperSize', paperForCountry(code));
                }}
              />
            ),
            'Numbers typed without + are read in this country.',
          )}
          {field(
            'paperSize',
            'Paper size',
            (p) => (
              <select
                {...p}
                name="paperSize"
                value={draft.paperSize}
                onChange={(e) => {
                  setPaperChosen(true);
                  edit('paperSize', e.target.value as StationSetupDraft['paperSize']);
                }}
              >
                <option value="letter">Letter</option>
                <option value="a4">A4</option>
              </select>
            ),
            'Every page is sent at this size.',
          )}
        </div>
        {saveError && !Object.keys(fieldErrors).length && (
          <p className="form-error" role="alert">
            {saveError}
          </p>
        )}
        <div className="details-actions">
          <button type="submit" className="primary" disabled={saving}>
            {saving ? 'Saving…' : 'Save station details'}
          </button>
          <button type="button" disabled={saving} onClick={() => void desk.settings.getState().save({ stationSetup: 'skipped' })}>
            Skip for now
          </button>
        </div>
      </form>
    </section>
  );
}

type FieldProps = { id: string; 'aria-invalid': boolean; 'aria-describedby': string };
