// One outbound fax: its status, every attempt, Cancel / Resend, the document sent, and the
// confirmation page (view, save, print) once it is over.
import { useEffect, useState } from 'react';
import { documentExpiredMessage, type FaxJob } from '../../../shared/model';
import { formatFaxNumber } from '../../../shared/faxNumber';
import { useDesk, useSlice } from '../deskContext';
import { StatusChip } from '../components/StatusChip';
import { PdfViewer } from '../components/PdfViewer';
import { formatFaxTime, pagesLabel, shortReason } from '../format';
import { canCancel, canResend, hasReport } from '../stores';
import { TransmissionReportPanel } from './TransmissionReportPanel';

const OUTCOME_WORDS: Record<FaxJob['history'][number]['outcome'], string> = {
  sending: 'sending',
  delivered: 'delivered',
  retry: 'will retry',
  failed: 'failed',
  unknown: 'result unknown',
};

export function JobDetails({ job }: { job: FaxJob }) {
  const desk = useDesk();
  const actionError = useSlice(desk.outbox, (s) => s.actionError);
  const reportOpen = useSlice(desk.outbox, (s) => s.report?.jobId === job.id);
  const [showDocument, setShowDocument] = useState(false);
  useEffect(() => setShowDocument(false), [job.id]);
  const number = formatFaxNumber(job.to, desk.defaultCountry());
  const title = job.recipientName || number;
  const outbox = desk.outbox.getState();
  // Deleted under retention: the record stays, the pages cannot be opened or sent again.
  const expired = job.documentExpired ? documentExpiredMessage(job.documentExpired) : null;

  return (
    <article className="details" aria-label={`Fax to ${title}`}>
      <header className="details-head">
        <h2>{title}</h2>
        {job.recipientName && <p className="row-sub">{number}</p>}
        <p>
          <StatusChip job={job} /> · {pagesLabel(job.pages)}
          {job.coverPage ? ' incl. cover' : ''} · attempt {job.attempts} of {job.maxAttempts}
        </p>
        <p className="row-sub">
          Queued {formatFaxTime(job.createdAt)}
          {job.completedAt && ` · finished ${formatFaxTime(job.completedAt)}`}
          {job.fileNames.length > 0 && ` · ${job.fileNames.join(', ')}`}
        </p>
      </header>
      {job.lastError && <p className={job.status === 'failed' ? 'form-error' : 'hint'}>Last problem: {job.lastError.message}</p>}
      {expired && (
        <p className="hint document-expired" role="note">
          {expired}
        </p>
      )}
      <div className="details-actions">
        {canCancel(job) && (
          <button type="button" onClick={() => void outbox.cancel(job.id)}>
            Cancel
          </button>
        )}
        {canResend(job) && (
          <button type="button" onClick={() => void outbox.resend(job.id)} disabled={Boolean(expired)} title={expired ?? undefined}>
            Resend
          </button>
        )}
        <button
          type="button"
          onClick={() => setShowDocument(!showDocument)}
          aria-expanded={showDocument}
          disabled={Boolean(expired)}
          title={expired ?? undefined}
        >
          {showDocument ? 'Hide document' : 'Open document'}
        </button>
        {hasReport(job) && (
          <button
            type="button"
            aria-expanded={reportOpen}
            onClick={() => (reportOpen ? outbox.closeReport() : void outbox.openReport(job.id))}
          >
            {reportOpen ? 'Hide confirmation page' : 'Confirmation page'}
          </button>
        )}
      </div>
      {actionError && (
        <p className="form-error" role="alert">
          {actionError}
        </p>
      )}
      {reportOpen && <TransmissionReportPanel title={title} />}
      {job.history.length > 0 && (
        <section aria-label="Attempts">
          <h3>Attempts</h3>
          <ul className="attempts">
            {job.history.map((attempt) => (
              <li key={attempt.number}>
                Attempt {attempt.number} · {formatFaxTime(attempt.startedAt)} · {OUTCOME_WORDS[attempt.outcome]}
                {attempt.error && ` — ${shortReason(attempt.error)}`}
              </li>
            ))}
          </ul>
        </section>
      )}
      {showDocument && !expired && (
        <PdfViewer
          documentKey={`job-${job.id}`}
          title={`Fax to ${title}`}
          load={async () => (await desk.api.getJobDocument({ id: job.id })).pdfBase64}
        />
      )}
    </article>
  );
}
