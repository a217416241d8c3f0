// The attempts of one outbound fax, as the engine keeps them (getJob): when each began, the
// provider it went to, and how it ended, in words.
import type { FaxJob } from '../../../shared/model';
import { formatFaxTime, shortReason } from '../format';

type Attempt = FaxJob['history'][number];

const PROVIDER_NAMES: Record<string, string> = {
  simulator: 'Simulator',
  phaxio: 'Phaxio',
  sinch: 'Sinch',
  sip: 'Asterisk',
};

/** A provider's name as people know it; a plugin of another name shows as it calls itself. */
export function providerName(id: string): string {
  return PROVIDER_NAMES[id] ?? id.replace(/[-_]+/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

/** How an attempt ended: "Delivered", "Line busy — tried again", the failure's own words. */
export function attemptResult(attempt: Attempt): string {
  const reason = attempt.error ? shortReason(attempt.error) : '';
  const said = reason ? reason.charAt(0).toUpperCase() + reason.slice(1) : '';
  switch (attempt.outcome) {
    case 'sending':
      return 'Sending now';
    case 'delivered':
      return 'Delivered';
    case 'retry':
      return said ? `${said} — tried again` : 'Did not go through — tried again';
    case 'failed':
      return said || 'Failed';
    case 'unknown':
      return 'Result unknown';
  }
}

export function AttemptList({ job }: { job: FaxJob }) {
  return (
    <section aria-label="Attempts" className="attempt-history">
      <h3>Attempts</h3>
      {job.history.length === 0 ? (
        <p className="hint" role="status">
          Reading the attempts…
        </p>
      ) : (
        <ol className="attempts">
          {job.history.map((attempt) => (
            <li key={attempt.number} data-outcome={attempt.outcome}>
              <span className="attempt-time">{formatFaxTime(attempt.startedAt)}</span>
              <span className="attempt-provider">{providerName(attempt.provider)}</span>
              <span className="attempt-result">{attemptResult(attempt)}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
