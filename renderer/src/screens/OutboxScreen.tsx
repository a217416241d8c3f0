// Outbox: every outbound fax with its status, live from jobChanged and sendChanged events. A
// send to several recipients (or for later) is one row with its counts; it opens to them.
import { useDesk, useSlice } from '../deskContext';
import { EmptyState } from '../components/EmptyState';
import { StatusChip } from '../components/StatusChip';
import { formatFaxNumber } from '../../../shared/faxNumber';
import { documentExpiredMessage, type FaxJob } from '../../../shared/model';
import type { FaxSend } from '../../../shared/sends';
import { deskText, formatFaxTime, jobReason, pagesLabel, sendChip, sendTitle } from '../format';
import { outboxRows } from '../stores';
import { JobDetails } from './JobDetails';
import { SendDetails } from './SendDetails';

function JobRow({ job, selected, country }: { job: FaxJob; selected: boolean; country: string }) {
  const desk = useDesk();
  // Said once, under the row: the chip says only where the fax stands.
  const reason = jobReason(job);
  // Inside the row's button there is no room for Details: the plain words only (the details have them).
  const reasonWords = reason ? deskText(reason).plain : null;
  return (
    <button
      type="button"
      className="row"
      aria-current={selected ? 'true' : undefined}
      data-job-id={job.id}
      onClick={() => desk.outbox.getState().select(job.id)}
    >
      <span className="row-who">
        <span className="row-name">{job.recipientName || formatFaxNumber(job.to, country)}</span>
        {job.recipientName && <span className="row-sub">{formatFaxNumber(job.to, country)}</span>}
      </span>
      <span className="row-pages">
        {pagesLabel(job.pages)}
        {/* Attempts only count once one has started; a retry's reason is under the row. */}
        {job.attempts > 0 && <span className="row-attempts"> · {job.attempts === 1 ? '1 attempt' : `${job.attempts} attempts`}</span>}
        {job.documentExpired && (
          <span className="expired-marker" title={documentExpiredMessage(job.documentExpired)}>
            {' '}
            · Document expired
          </span>
        )}
      </span>
      <StatusChip job={job} />
      <span className="row-time">{formatFaxTime(job.createdAt)}</span>
      {reasonWords && <span className={`row-reason row-reason-${job.status === 'failed' ? 'failed' : 'retry'}`}>{reasonWords}</span>}
    </button>
  );
}

function SendRow({ send, selected, country }: { send: FaxSend; selected: boolean; country: string }) {
  const desk = useDesk();
  const chip = sendChip(send);
  const title = sendTitle(send, country);
  return (
    <button
      type="button"
      className="row row-send"
      aria-current={selected ? 'true' : undefined}
      data-send-id={send.id}
      onClick={() => void desk.outbox.getState().selectSend(send.id)}
    >
      <span className="row-who">
        <span className="row-name">{title.name}</span>
        {title.sub && <span className="row-sub">{title.sub}</span>}
      </span>
      <span className="row-pages">{pagesLabel(send.pages)}</span>
      <span className={`chip chip-${chip.tone}`} data-send-status={chip.tone}>
        {chip.text}
      </span>
      <span className="row-time">{formatFaxTime(send.createdAt)}</span>
    </button>
  );
}

export function OutboxScreen() {
  const desk = useDesk();
  const jobsById = useSlice(desk.outbox, (s) => s.jobs);
  const sends = useSlice(desk.outbox, (s) => s.sends);
  const selectedId = useSlice(desk.outbox, (s) => s.selectedId);
  const loaded = useSlice(desk.outbox, (s) => s.loaded);
  const loadError = useSlice(desk.outbox, (s) => s.loadError);
  const country = desk.defaultCountry();
  const rows = outboxRows({ jobs: jobsById, sends });
  const selectedSend = selectedId ? sends[selectedId] : undefined;
  const selected = selectedId && !selectedSend ? jobsById[selectedId] : undefined;

  return (
    <section className="screen split-screen" aria-labelledby="outbox-title">
      <div className="list-pane">
        <h1 id="outbox-title" className="pane-title">
          Outbox
        </h1>
        {loadError && (
          <p className="form-error" role="alert">
            {loadError}
          </p>
        )}
        {loaded && rows.length === 0 && !loadError && (
          <EmptyState>No faxes sent yet. Drop a document on Send, or print to the Faxbot printer.</EmptyState>
        )}
        <ul className="rows" aria-label="Sent faxes">
          {rows.map((row) => (
            <li key={row.id}>
              {row.kind === 'job' ? (
                <JobRow job={row.job} selected={row.id === selectedId} country={country} />
              ) : (
                <SendRow send={row.send} selected={row.id === selectedId} country={country} />
              )}
            </li>
          ))}
        </ul>
      </div>
      <div className="detail-pane">
        {selectedSend ? (
          <SendDetails send={selectedSend} />
        ) : selected ? (
          <JobDetails job={selected} />
        ) : (
          rows.length > 0 && <EmptyState>Select a fax to see its attempts and document.</EmptyState>
        )}
      </div>
    </section>
  );
}
