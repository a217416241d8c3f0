// One outbound fax: its status, every attempt, Cancel / Resend / Edit and resend, and one view
// at a time below: the document sent, or the confirmation page (view, save, print) once it is over.
import { useEffect, useState } from 'react';
import { documentExpiredMessage, type FaxJob } from '../../../shared/model';
import { formatFaxNumber } from '../../../shared/faxNumber';
import { isFinalStatus } from '../../../shared/jobState';
import { useDesk, useSlice } from '../deskContext';
import { StatusChip } from '../components/StatusChip';
import { PdfViewer } from '../components/PdfViewer';
import { formatFaxTime, jobReason, pagesLabel } from '../format';
import { canCancel, canResend, hasReport, needsNewNumber } from '../stores';
import { TransmissionReportPanel } from './TransmissionReportPanel';
import { AttemptList } from './AttemptList';
import { DeskMessage } from '../components/DeskMessage';

/** "attempt 2 of 3" while a fax is still going; a finished one says how many it took, if more than one. */
function attemptWords(job: FaxJob): string {
  if (job.attempts === 0) return '';
  if (!isFinalStatus(job.status)) return ` · attempt ${job.attempts} of ${job.maxAttempts}`;
  if (job.status === 'failed') return job.attempts === 1 ? ' · 1 attempt' : ` · ${job.attempts} attempts`;
  return '';
}

export function JobDetails({ job }: { job: FaxJob }) {
  const desk = useDesk();
  const actionError = useSlice(desk.outbox, (s) => s.actionError);
  const reportOpen = useSlice(desk.outbox, (s) => s.report?.jobId === job.id);
  const [showDocument, setShowDocument] = useState(false);
  const [staging, setStaging] = useState(false);
  useEffect(() => setShowDocument(false), [job.id]);
  const number = formatFaxNumber(job.to, desk.defaultCountry());
  const title = job.recipientName || number;
  const outbox = desk.outbox.getState();
  // Deleted under retention: the record stays, the pages cannot be opened or sent again.
  const expired = job.documentExpired ? documentExpiredMessage(job.documentExpired) : null;
  const reason = jobReason(job);
  const wrongNumber = needsNewNumber(job);
  // One view under the details: the document or the confirmation page, never both stacked.
  const view = reportOpen ? 'report' : showDocument && !expired ? 'document' : null;

  const editAndResend = (
    <button
      type="button"
      className={wrongNumber ? 'primary' : undefined}
      disabled={Boolean(expired) || staging}
      title={expired ?? undefined}
      onClick={() => {
        setStaging(true);
        void desk.editAndResend(job.id).finally(() => setStaging(false));
      }}
    >
      {staging ? 'Opening…' : 'Edit and resend'}
    </button>
  );

  return (
    <article className="details" aria-label={`Fax to ${title}`}>
      <header className="details-head">
        <h2>{title}</h2>
        {job.recipientName && <p className="row-sub">{number}</p>}
        <p>
          <StatusChip job={job} /> · {pagesLabel(job.pages)}
          {job.coverPage ? ' incl. cover' : ''}
          {attemptWords(job)}
        </p>
        <p className="row-sub">
          Queued {formatFaxTime(job.createdAt)}
          {job.completedAt && ` · finished ${formatFaxTime(job.completedAt)}`}
          {job.fileNames.length > 0 && ` · ${job.fileNames.join(', ')}`}
        </p>
      </header>
      {reason && <DeskMessage className={job.status === 'failed' ? 'form-error job-reason' : 'hint job-reason'} text={reason} />}
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
        {canResend(job) && wrongNumber && editAndResend}
        {canResend(job) && (
          <button
            type="button"
            onClick={() => void outbox.resend(job.id, { sameNumber: wrongNumber })}
            disabled={Boolean(expired)}
            title={expired ?? undefined}
          >
            {wrongNumber ? 'Resend to the same number' : 'Resend'}
          </button>
        )}
        {canResend(job) && !wrongNumber && editAndResend}
        <button
          type="button"
          onClick={() => {
            if (view !== 'document') outbox.closeReport();
            setShowDocument(view !== 'document');
          }}
          aria-expanded={view === 'document'}
          disabled={Boolean(expired)}
          title={expired ?? undefined}
        >
          {view === 'document' ? 'Hide document' : 'Open document'}
        </button>
        {hasReport(job) && (
          <button
            type="button"
            aria-expanded={view === 'report'}
            onClick={() => {
              setShowDocument(false);
              if (reportOpen) outbox.closeReport();
              else void outbox.openReport(job.id);
            }}
          >
            {view === 'report' ? 'Hide confirmation page' : 'Confirmation page'}
          </button>
        )}
      </div>
      {actionError && <DeskMessage className="form-error" role="alert" text={actionError} />}
      {job.attempts > 0 && <AttemptList job={job} />}
      {view === 'report' && <TransmissionReportPanel title={title} />}
      {view === 'document' && (
        <PdfViewer
          documentKey={`job-${job.id}`}
          title={`Fax to ${title}`}
          load={async () => (await desk.api.getJobDocument({ id: job.id })).pdfBase64}
        />
      )}
    </article>
  );
}
