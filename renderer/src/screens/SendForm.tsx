// The right side of Send: the recipients (chips) and the number being typed (with contacts,
// groups and recent recipients), its name, the cover page, Send later, the page total and
// the Send button.
import { DeskMessage } from '../components/DeskMessage';
import { useId, useState } from 'react';
import { useDesk, useSlice } from '../deskContext';
import { NumberField } from '../components/NumberField';
import { chipFaxCount, recipientSuggestions, totalPages, whyNotSendable, type RecipientSuggestion } from '../stores';
import { checkFaxNumber, formatFaxNumber } from '../../../shared/faxNumber';
import { pagesLabel } from '../format';
import { SaveAsContact } from './SaveAsContact';
import { CoverSection } from './CoverSection';
import { SendRecipients } from './SendRecipients';
import { SendLater } from './SendLater';

const isMac = typeof navigator !== 'undefined' && /Mac/i.test(navigator.platform);

export function SendForm() {
  const desk = useDesk();
  const id = useId();
  const country = useSlice(desk.settings, (s) => s.settings?.defaultCountry) ?? desk.defaultCountry();
  const s = useSlice(desk.send, (state) => state);
  const recents = useSlice(desk.recents, (r) => r.items);
  const found = useSlice(desk.recipientSearch, (r) => r.contacts);
  const groups = useSlice(desk.recipientSearch, (r) => r.groups);
  const suggestions = recipientSuggestions(found, recents, s.to, groups);
  const [saving, setSaving] = useState(false);
  const [savedAs, setSavedAs] = useState<string | null>(null);
  const typed = checkFaxNumber(s.to, country);
  // A typed number no contact holds yet can be saved as one.
  const canSave = typed.ok && !found.some((c) => c.fax === typed.e164) && savedAs !== (typed.ok ? typed.e164 : null);
  const blocked = whyNotSendable(s, country);
  const total = totalPages(s);
  const faxes = chipFaxCount(s.recipients) + (typed.ok ? 1 : 0);
  const sendLabel = s.schedule ? 'Schedule fax' : faxes > 1 ? `Send to ${faxes} recipients` : 'Send fax';
  const pick = (choice: RecipientSuggestion) => {
    if (choice.kind === 'group' && choice.groupId) {
      s.setTo('');
      void s.addGroup(choice.groupId);
    } else if (s.recipients.length > 0) {
      // Building a list: the choice joins the chips, and the field is free for the next one.
      s.addRecipient(
        choice.contactId
          ? { key: `contact-${choice.contactId}`, kind: 'contact', contactId: choice.contactId, to: choice.number, name: choice.name }
          : { key: `number-${choice.number}`, kind: 'number', to: choice.number, name: choice.name },
      );
      s.setTo('');
    } else s.setRecipient(formatFaxNumber(choice.number, country), choice.name);
  };
  return (
    <form
      className="send-form"
      aria-label="Fax details"
      onSubmit={(e) => {
        e.preventDefault();
        void desk.sendAndShow();
      }}
    >
      <SendRecipients country={country} />
      <NumberField
        value={s.to}
        defaultCountry={country}
        onChange={(to) => {
          s.setTo(to);
          void desk.recipientSearch.getState().search(to);
        }}
        suggestions={suggestions}
        onOpenSuggestions={() => void desk.recents.getState().load()}
        onPick={pick}
      />
      {typed.ok && (
        <button type="button" className="link add-recipient-button" onClick={() => s.keepTyped(country)}>
          + Add another recipient
        </button>
      )}
      {canSave && !saving && (
        <button type="button" className="link save-contact-button" onClick={() => setSaving(true)}>
          Save as contact
        </button>
      )}
      {savedAs && typed.ok && savedAs === typed.e164 && <p className="hint">Saved to Contacts.</p>}
      {saving && typed.ok && (
        <SaveAsContact
          number={typed.e164}
          name={s.recipientName}
          onClose={() => setSaving(false)}
          onSaved={(contact) => {
            setSaving(false);
            setSavedAs(contact.fax);
            s.setRecipientName(contact.name || contact.organization);
            void desk.recipientSearch.getState().search(s.to);
          }}
        />
      )}
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
      {s.cover && <CoverSection />}
      <SendLater />
      <p className="total-pages" aria-live="polite">
        {total > 0 ? `${pagesLabel(total)}${s.cover ? ' incl. cover' : ''}` : 'No pages yet'}
      </p>
      {s.sendError && <DeskMessage className="form-error" role="alert" text={s.sendError} />}
      <button type="submit" className="primary" disabled={blocked !== null} aria-describedby={`${id}-why`}>
        {s.sending ? 'Sending…' : sendLabel} <kbd aria-hidden="true">{isMac ? '⌘↵' : 'Ctrl+↵'}</kbd>
      </button>
      <p id={`${id}-why`} className="hint">
        {blocked && !s.sending ? blocked : ''}
      </p>
      <p className="hint keys-hint">Esc clears the fax (with Undo).</p>
    </form>
  );
}
