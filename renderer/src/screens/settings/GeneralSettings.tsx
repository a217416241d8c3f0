// Settings → General: the station's identity and the defaults for new faxes.
import { useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import type { Settings } from '../../../../shared/model';
import { useDesk, useSlice } from '../../deskContext';
import { WatchedFolderSettings } from './WatchedFolderSettings';
import { CountrySelect } from '../../components/CountrySelect';

type Draft = Pick<
  Settings,
  | 'defaultCountry'
  | 'paperSize'
  | 'stationNumber'
  | 'stationName'
  | 'stationPhone'
  | 'headerText'
  | 'confidentialityNotice'
  | 'theme'
  | 'sendingWindowOn'
  | 'sendingWindowStart'
  | 'sendingWindowEnd'
  | 'sendingWindowDays'
>;

function draftOf(settings: Settings): Draft {
  const { defaultCountry, paperSize, stationNumber, stationName, stationPhone, headerText, confidentialityNotice, theme } = settings;
  const { sendingWindowOn, sendingWindowStart, sendingWindowEnd, sendingWindowDays } = settings;
  return {
    defaultCountry,
    paperSize,
    stationNumber,
    stationName,
    stationPhone,
    headerText,
    confidentialityNotice,
    theme,
    sendingWindowOn,
    sendingWindowStart,
    sendingWindowEnd,
    sendingWindowDays,
  };
}

/** Monday first, as an office week is read; 0 is Sunday. */
const WEEK: [number, string][] = [
  [1, 'Mon'],
  [2, 'Tue'],
  [3, 'Wed'],
  [4, 'Thu'],
  [5, 'Fri'],
  [6, 'Sat'],
  [0, 'Sun'],
];

export function GeneralSettings() {
  const desk = useDesk();
  const id = useId();
  const settings = useSlice(desk.settings, (s) => s.settings);
  const loadError = useSlice(desk.settings, (s) => s.loadError);
  const fieldErrors = useSlice(desk.settings, (s) => s.fieldErrors);
  const saveError = useSlice(desk.settings, (s) => s.saveError);
  const saving = useSlice(desk.settings, (s) => s.saving);
  const savedAt = useSlice(desk.settings, (s) => s.savedAt);
  const watchDir = useSlice(desk.status, (s) => s.status?.watchDir ?? '');
  const [draft, setDraft] = useState<Draft | null>(settings ? draftOf(settings) : null);
  const [dirty, setDirty] = useState(false);

  // Follow the saved values (from another window, too) until the person starts editing.
  useEffect(() => {
    if (settings && !dirty) setDraft(draftOf(settings));
  }, [settings, dirty]);

  if (loadError)
    return (
      <p className="form-error" role="alert">
        Settings could not be loaded: {loadError}
      </p>
    );
  if (!draft) return <p role="status">Loading settings…</p>;

  const edit = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft({ ...draft, [key]: value });
    setDirty(true);
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await desk.settings.getState().save(draft)) setDirty(false);
  };
  const field = (
    key: keyof Draft,
    label: string,
    control: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => ReactNode,
    help?: string,
  ) => {
    const error = fieldErrors[key];
    const fieldId = `${id}-${key}`;
    return (
      <div className="field">
        <label htmlFor={fieldId}>{label}</label>
        {control({ id: fieldId, 'aria-invalid': Boolean(error), 'aria-describedby': `${fieldId}-note` })}
        <p id={`${fieldId}-note`} className={error ? 'hint hint-error' : 'hint'}>
          {error ?? help ?? ''}
        </p>
      </div>
    );
  };

  return (
    <form className="settings-form" onSubmit={(e) => void submit(e)} aria-label="General settings">
      {field(
        'defaultCountry',
        'Default country',
        (p) => (
          <CountrySelect {...p} name="defaultCountry" value={draft.defaultCountry} onChange={(code) => edit('defaultCountry', code)} />
        ),
        'Numbers typed without + are read in this country.',
      )}
      {field('paperSize', 'Paper size', (p) => (
        <select {...p} name="paperSize" value={draft.paperSize} onChange={(e) => edit('paperSize', e.target.value as Draft['paperSize'])}>
          <option value="letter">Letter</option>
          <option value="a4">A4</option>
        </select>
      ))}
      {field(
        'stationNumber',
        'Station fax number',
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
        'This machine’s own fax number, printed on every page sent.',
      )}
      {field('stationName', 'Station name', (p) => (
        <input {...p} name="stationName" value={draft.stationName} maxLength={100} onChange={(e) => edit('stationName', e.target.value)} />
      ))}
      {field(
        'stationPhone',
        'Station phone number',
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
        'Printed on the cover page, so the recipient can call back.',
      )}
      {field(
        'headerText',
        'Header text',
        (p) => (
          <input {...p} name="headerText" value={draft.headerText} maxLength={100} onChange={(e) => edit('headerText', e.target.value)} />
        ),
        'Printed at the top of every page sent; the station name when empty.',
      )}
      {field(
        'confidentialityNotice',
        'Confidentiality notice',
        (p) => (
          <textarea
            {...p}
            name="confidentialityNotice"
            rows={4}
            value={draft.confidentialityNotice}
            maxLength={2000}
            onChange={(e) => edit('confidentialityNotice', e.target.value)}
          />
        ),
        'Printed on the cover page.',
      )}
      {field(
        'theme',
        'Theme',
        (p) => (
          <select {...p} name="theme" value={draft.theme} onChange={(e) => edit('theme', e.target.value as Draft['theme'])}>
            <option value="system">Same as the system</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
        ),
        'Same as the system switches between light and dark when the system does.',
      )}
      <fieldset className="sending-window" aria-describedby={`${id}-window-note`}>
        <legend>Sending window</legend>
        <div className="field field-check">
          <input
            id={`${id}-windowOn`}
            type="checkbox"
            name="sendingWindowOn"
            checked={draft.sendingWindowOn}
            onChange={(e) => edit('sendingWindowOn', e.target.checked)}
          />
          <label htmlFor={`${id}-windowOn`}>Start broadcasts and retries only inside these hours</label>
        </div>
        <div className="window-hours">
          {field('sendingWindowStart', 'From', (p) => (
            <input
              {...p}
              type="time"
              name="sendingWindowStart"
              value={draft.sendingWindowStart}
              disabled={!draft.sendingWindowOn}
              onChange={(e) => edit('sendingWindowStart', e.target.value)}
            />
          ))}
          {field('sendingWindowEnd', 'Until', (p) => (
            <input
              {...p}
              type="time"
              name="sendingWindowEnd"
              value={draft.sendingWindowEnd}
              disabled={!draft.sendingWindowOn}
              onChange={(e) => edit('sendingWindowEnd', e.target.value)}
            />
          ))}
        </div>
        <div className="window-days" role="group" aria-label="Days">
          {WEEK.map(([day, label]) => (
            <label key={day} className="day-check">
              <input
                type="checkbox"
                checked={draft.sendingWindowDays.includes(day)}
                disabled={!draft.sendingWindowOn}
                onChange={(e) =>
                  edit(
                    'sendingWindowDays',
                    e.target.checked ? [...draft.sendingWindowDays, day] : draft.sendingWindowDays.filter((d) => d !== day),
                  )
                }
              />
              {label}
            </label>
          ))}
        </div>
        <p id={`${id}-window-note`} className={fieldErrors.sendingWindowDays ? 'hint hint-error' : 'hint'}>
          {fieldErrors.sendingWindowDays ??
            `Faxes to several recipients and retries wait outside these hours, on this computer's clock (${Intl.DateTimeFormat().resolvedOptions().timeZone}). A fax to one number goes at once, and Send now sends a waiting send at once.`}
        </p>
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-watchDir`}>Watched folder</label>
        <input
          id={`${id}-watchDir`}
          className="watched-folder"
          readOnly
          value={watchDir}
          placeholder="…"
          aria-describedby={`${id}-watchDir-note`}
        />
        <p id={`${id}-watchDir-note`} className="hint">
          Printing to the Faxbot printer puts documents here, and Faxbot opens them on Send.
        </p>
      </div>
      <WatchedFolderSettings />
      {saveError && (
        <p className="form-error" role="alert">
          {saveError}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={saving || !dirty}>
          {saving ? 'Saving…' : 'Save'}
        </button>
        <span role="status" className="hint">
          {!dirty && savedAt ? 'Saved.' : ''}
        </span>
      </div>
    </form>
  );
}
