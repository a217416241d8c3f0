// The confirmation page of the open job: shown, and saved or printed like a fax machine's.
import { useState } from 'react';
import { useDesk, useSlice } from '../deskContext';
import { PdfViewer } from '../components/PdfViewer';
import { printPdf, savePdf } from '../documents';
import { errorSentence } from '../bridge';

export function TransmissionReportPanel({ title }: { title: string }) {
  const desk = useDesk();
  const report = useSlice(desk.outbox, (s) => s.report);
  const [printError, setPrintError] = useState<string | null>(null);
  const [printing, setPrinting] = useState(false);
  if (!report) return null;
  const heading = `Confirmation page for the fax to ${title}`;
  if (report.state === 'loading')
    return (
      <p className="hint" role="status">
        Getting the confirmation page…
      </p>
    );
  if (report.state === 'error')
    return (
      <p className="form-error" role="alert">
        The confirmation page could not be made: {report.message}
      </p>
    );
  const { fileName, pdfBase64 } = report;
  return (
    <section className="report" aria-label={heading}>
      <div className="details-actions">
        <button type="button" onClick={() => savePdf(fileName, pdfBase64)} aria-label="Save the confirmation page as PDF">
          Save…
        </button>
        <button
          type="button"
          disabled={printing}
          aria-label="Print the confirmation page"
          onClick={() => {
            setPrinting(true);
            setPrintError(null);
            printPdf(pdfBase64, heading)
              .catch((error: unknown) => setPrintError(errorSentence(error, 'The page could not be prepared for printing.')))
              .finally(() => setPrinting(false));
          }}
        >
          {printing ? 'Preparing…' : 'Print…'}
        </button>
      </div>
      {printError && (
        <p className="form-error" role="alert">
          {printError}
        </p>
      )}
      <PdfViewer documentKey={`report-${report.jobId}`} title="Confirmation page" load={async () => pdfBase64} />
    </section>
  );
}
