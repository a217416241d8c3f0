// Outbox: every outbound fax with its status, live from jobChanged events.
import { useDesk, useSlice } from '../deskContext';
import { EmptyState } from '../components/EmptyState';
import { StatusChip } from '../components/StatusChip';
import { formatFaxNumber } from '../../../shared/faxNumber';
import { documentExpiredMessage } from '../../../shared/model';
import { formatFaxTime, pagesLabel } from '../format';
import { jobsNewestFirst } from '../stores';
import { JobDetails } from './JobDetails';

export function OutboxScreen() {
  const desk = useDesk();
  const jobsById = useSlice(desk.outbox, (s) => s.jobs);
  const selectedId = useSlice(desk.outbox, (s) => s.selectedId);
  const loaded = useSlice(desk.outbox, (s) => s.loaded);
  const loadError = useSlice(desk.outbox, (s) => s.loadError);
  const country = desk.defaultCountry();
  const jobs = jobsNewestFirst(jobsById);
  const selected = selectedId ? jobsById[selectedId] : undefined;

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
        {loaded && jobs.length === 0 && !loadError && (
          <EmptyState>No faxes sent yet. Drop a document on Send, or print to the Faxbot printer.</EmptyState>
        )}
        <ul className="rows" aria-label="Sent faxes">
          {jobs.map((job) => (
            <li key={job.id}>
              <button
                type="button"
                className="row"
                aria-current={job.id === selectedId ? 'true' : undefined}
                data-job-id={job.id}
                onClick={() => desk.outbox.getState().select(job.id)}
              >
                <span className="row-who">
                  <span className="row-name">{job.recipientName || formatFaxNumber(job.to, country)}</span>
                  {job.recipientName && <span className="row-sub">{formatFaxNumber(job.to, country)}</span>}
                </span>
                <span className="row-pages">
                  {pagesLabel(job.pages)}
                  {/* Attempts only count once one has started; a retry's reason is on its chip. */}
                  {job.attempts > 0 && (
                    <span className="row-attempts"> · {job.attempts === 1 ? '1 attempt' : `${job.attempts} attempts`}</span>
                  )}
                  {job.documentExpired && (
                    <span className="expired-marker" title={documentExpiredMessage(job.documentExpired)}>
                      {' '}
                      · Document expired
                    </span>
                  )}
                </span>
                <StatusChip job={job} />
                <span className="row-time">{formatFaxTime(job.createdAt)}</span>
              </button>
            </li>
          ))}
        </ul>
      </div>
      <div className="detail-pane">
        {selected ? (
          <JobDetails job={selected} />
        ) : (
          jobs.length > 0 && <EmptyState>Select a fax to see its attempts and document.</EmptyState>
        )}
      </div>
    </section>
  );
}
