// The right side of Send: number (with recent recipients), recipient, cover page, page
// total and the Send button.
import { useId } from 'react';
import { useDesk, useSlice } from '../deskContext';
import { NumberField } from '../components/NumberField';
import { matchingRecents, totalPages, whyNotSendable } from '../stores';
import { formatFaxNumber } from '../../../shared/faxNumber';
import { pagesLabel } from '../format';

const isMac = typeof navigator !== 'undefined' && /Mac/i.test(navigator.platform);

export function SendForm() {
  const desk = useDesk();
  const id = useId();
  const country = useSlice(desk.settings, (s) => s.settings?.defaultCountry) ?? desk.defaultCountry();
  const s = useSlice(desk.send, (state) => state);
  const recents = useSlice(desk.recents, (r) => r.items);
  const blocked = whyNotSendable(s, country);
  const total = totalPages(s);
  return (
    <form
      className="send-form"
      aria-label="Fax details"
      onSubmit={(e) => {
        e.preventDefault();
        void desk.sendAndShow();
      }}
    >
      <NumberField
        value={s.to}
        defaultCountry={country}
        onChange={s.setTo}
        recents={matchingRecents(recents, s.to)}
        onOpenRecents={() => void desk.recents.getState().load()}
        onPickRecent={(recent) => s.setRecipient(formatFaxNumber(recent.to, country), recent.recipientName)}
      />
      <div className="field">
        <label htmlFor={`${id}-name`}>Recipient name</label>
        <input
          id={`${id}-name`}
          name="recipientName"
          value={s.recipientName}
          maxLength={200}
          onChange={(e) => s.setRecipientName(e.target.value)}
          placeholder="Dr. Amy Lee"
        />
      </div>
      <div className="field field-check">
        <input id={`${id}-cover`} type="checkbox" checked={s.cover} onChange={(e) => s.setCover(e.target.checked)} />
        <label htmlFor={`${id}-cover`}>Cover page</label>
      </div>
      {s.cover && (
        <fieldset className="cover-fields">
          <legend className="visually-hidden">Cover page</legend>
          <div className="field">
            <label htmlFor={`${id}-subject`}>Subject</label>
            <input id={`${id}-subject`} name="subject" value={s.subject} maxLength={200} onChange={(e) => s.setSubject(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-notes`}>Notes</label>
            <textarea
              id={`${id}-notes`}
              name="notes"
              rows={3}
              value={s.notes}
              maxLength={4000}
              onChange={(e) => s.setNotes(e.target.value)}
            />
          </div>
        </fieldset>
      )}
      <p className="total-pages" aria-live="polite">
        {total > 0 ? `${pagesLabel(total)}${s.cover ? ' incl. cover' : ''}` : 'No pages yet'}
      </p>
      {s.sendError && (
        <p className="form-error" role="alert">
          {s.sendError}
        </p>
      )}
      <button type="submit" className="primary" disabled={blocked !== null} aria-describedby={`${id}-why`}>
        {s.sending ? 'Sending…' : 'Send fax'} <kbd aria-hidden="true">{isMac ? '⌘↵' : 'Ctrl+↵'}</kbd>
      </button>
      <p id={`${id}-why`} className="hint">
        {blocked && !s.sending ? blocked : ''}
      </p>
      <p className="hint keys-hint">Esc clears the fax (with Undo).</p>
    </form>
  );
}
