// One send: its counts, when it goes, its recipients each with a status chip, and what can be
// done with it — Send now, a new time, Cancel (what has not started), Resend to the failed ones.
import { useEffect, useId, useState } from 'react';
import { checkFaxNumber, formatFaxNumber } from '../../../shared/faxNumber';
import type { FaxJob } from '../../../shared/model';
import { localText, momentWords } from '../../../shared/schedule';
import { sendCountWords, type FaxSend } from '../../../shared/sends';
import { useDesk, useSlice } from '../deskContext';
import { StatusChip } from '../components/StatusChip';
import { deskText, formatFaxTime, jobReason, pagesLabel, sendTitle } from '../format';
import { ownTimeZone, scheduleProblem } from '../stores';

function Reschedule({ send, onDone }: { send: FaxSend; onDone(): void }) {
  const desk = useDesk();
  const id = useId();
  const timeZone = ownTimeZone();
  const [local, setLocal] = useState(send.sendAt ? localText(Date.parse(send.sendAt), timeZone) : '');
  const problem = scheduleProblem({ local, timeZone });
  return (
    <form
      className="reschedule"
      aria-label="New time"
      onSubmit={(e) => {
        e.preventDefault();
        if (problem) return;
        void desk.outbox
          .getState()
          .reschedule(send.id, { local, timeZone })
          .then((ok) => ok && onDone());
      }}
    >
      <label htmlFor={`${id}-when`}>Send on</label>
      <input
        id={`${id}-when`}
        type="datetime-local"
        value={local}
        aria-invalid={problem !== null}
        aria-describedby={`${id}-note`}
        onChange={(e) => setLocal(e.target.value)}
      />
      <button type="submit" disabled={problem !== null}>
        Save time
      </button>
      <button type="button" className="link" onClick={onDone}>
        Keep the time
      </button>
      <p id={`${id}-note`} className={problem ? 'hint hint-error' : 'hint'}>
        {problem ?? ''}
      </p>
    </form>
  );
}

/** Send later: one more number for a send that has not started. */
function AddRecipient({ send, recipients }: { send: FaxSend; recipients: FaxJob[] }) {
  const desk = useDesk();
  const id = useId();
  const [number, setNumber] = useState('');
  const check = checkFaxNumber(number, desk.defaultCountry());
  return (
    <form
      className="add-to-send"
      aria-label="Add a recipient"
      onSubmit={(e) => {
        e.preventDefault();
        if (!check.ok) return;
        const list = [...recipients.map((job) => ({ to: job.to, name: job.recipientName })), { to: check.e164, name: '' }];
        void desk.outbox
          .getState()
          .changeRecipients(send.id, list)
          .then((ok) => ok && setNumber(''));
      }}
    >
      <label htmlFor={`${id}-number`}>Add a fax number</label>
      <input id={`${id}-number`} type="tel" value={number} onChange={(e) => setNumber(e.target.value)} />
      <button type="submit" disabled={!check.ok}>
        Add
      </button>
    </form>
  );
}

export function SendDetails({ send }: { send: FaxSend }) {
  const desk = useDesk();
  const country = desk.defaultCountry();
  const actionError = useSlice(desk.outbox, (s) => s.actionError);
  const jobIds = useSlice(desk.outbox, (s) => s.sendJobIds[send.id]);
  const jobsById = useSlice(desk.outbox, (s) => s.jobs);
  const [rescheduling, setRescheduling] = useState(false);
  useEffect(() => setRescheduling(false), [send.id]);
  const outbox = desk.outbox.getState();
  const title = sendTitle(send, country);
  const c = send.counts;
  const waitingForTime = c.waiting > 0 && (send.sendAt !== null || send.heldForWindow);
  const cancelable = c.waiting + c.retrying > 0;
  const recipients = (jobIds ?? []).map((id) => jobsById[id]).filter(Boolean);
  // Nothing has started: a recipient can still be taken off (the last one: cancel the send instead).
  const removable = send.editable && recipients.length > 1;

  return (
    <article className="details send-details" aria-label={`Send to ${title.name}`}>
      <header className="details-head">
        <h2>{title.name}</h2>
        {title.sub && <p className="row-sub">{title.sub}</p>}
        <p className="send-counts" aria-live="polite">
          {sendCountWords(send)}
        </p>
        <p className="row-sub">
          {pagesLabel(send.pages)}
          {send.coverPage ? ' incl. cover (each with its recipient’s name)' : ''} · queued {formatFaxTime(send.createdAt)}
          {send.fileNames.length > 0 && ` · ${send.fileNames.join(', ')}`}
        </p>
        {send.sendAt && c.waiting > 0 && <p className="scheduled-for">Scheduled for {momentWords(send.sendAt)}</p>}
        {send.heldForWindow && send.nextAt && (
          <p className="hint">Waits for the sending window (Settings → General): starts {momentWords(send.nextAt)}.</p>
        )}
      </header>
      <div className="details-actions">
        {waitingForTime && (
          <button type="button" onClick={() => void outbox.sendNow(send.id)}>
            Send now
          </button>
        )}
        {send.editable && send.sendAt && !rescheduling && (
          <button type="button" onClick={() => setRescheduling(true)}>
            Change time
          </button>
        )}
        {cancelable && (
          <button type="button" onClick={() => void outbox.cancelSend(send.id)}>
            {c.sending + c.delivered + c.failed > 0 ? 'Cancel what has not started' : 'Cancel send'}
          </button>
        )}
        {c.failed > 0 && (
          <button type="button" onClick={() => void outbox.resendFailed(send.id)}>
            Resend to the failed ones ({c.failed})
          </button>
        )}
      </div>
      {rescheduling && <Reschedule send={send} onDone={() => setRescheduling(false)} />}
      {actionError && (
        <p className="form-error" role="alert">
          {actionError}
        </p>
      )}
      <section aria-label="Recipients of this send">
        <h3>Recipients</h3>
        {jobIds === undefined ? (
          <p role="status" className="hint">
            Loading the recipients…
          </p>
        ) : (
          <ul className="send-recipients">
            {recipients.map((job) => (
              <li key={job.id} data-job-id={job.id}>
                <span className="row-name">{job.recipientName || formatFaxNumber(job.to, country)}</span>
                {job.recipientName && <span className="row-sub"> {formatFaxNumber(job.to, country)}</span>} <StatusChip job={job} />
                {jobReason(job) && <span className="row-reason"> {deskText(jobReason(job)!).plain}</span>}
                {removable && (
                  <button
                    type="button"
                    className="link"
                    aria-label={`Take ${job.recipientName || formatFaxNumber(job.to, country)} off this send`}
                    onClick={() =>
                      void outbox.changeRecipients(
                        send.id,
                        recipients.filter((other) => other.id !== job.id).map((other) => ({ to: other.to, name: other.recipientName })),
                      )
                    }
                  >
                    ✕
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        {send.editable && jobIds !== undefined && <AddRecipient send={send} recipients={recipients} />}
      </section>
    </article>
  );
}
