// Operations over finished and past jobs: the transmission report of one fax, and the
// numbers faxed recently (the Send screen's suggestions).
import type { OperationArgs, OperationResult } from '../../../shared/contract';
import { FaxError } from '../../../shared/errors';
import { formatFaxNumber } from '../../../shared/faxNumber';
import type { FaxJob } from '../../../shared/model';
import type { Logger } from '../log';
import type { SettingsStore } from '../settings';
import type { ProviderPlugin } from '../providers';
import { pdfReply, type DocumentCatalog } from '../documents';
import type { JobStore } from './jobStore';

type ReportOperationName = 'getTransmissionReport' | 'listRecentRecipients';
export type ReportOperations = { [N in ReportOperationName]: (args: OperationArgs<N>) => Promise<OperationResult<N>> };

// Imaging (pdf-lib, pdf.js) is loaded on first use, as in operations.ts.
const imaging = () => import('../imaging');

/** About 72 dpi across a Letter page: plenty for a picture a few inches wide on the report. */
const THUMBNAIL_WIDTH_PX = 612;
/** A thumbnail is a nicety: a document that takes longer than this is reported without one. */
const THUMBNAIL_TIME_LIMIT_MS = 20_000;

/** "2 min 05 s": how long the transmission took, as a fax machine prints it. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  const seconds = Math.round(ms / 1000);
  if (seconds < 1) return 'less than 1 s';
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (h) return `${h} h ${String(m).padStart(2, '0')} min`;
  return m ? `${m} min ${String(s).padStart(2, '0')} s` : `${s} s`;
}

// Declared here rather than picked from operations.ts's OperationDeps, which imports this
// folder: the reports say what they need, operations.ts hands over a superset.
export interface ReportOperationDeps {
  settings: SettingsStore;
  documents: DocumentCatalog;
  jobs: JobStore;
  provider: ProviderPlugin;
  logger: Logger;
}

export function createReportOperations(deps: ReportOperationDeps): ReportOperations {
  const { settings, documents, jobs, provider, logger } = deps;

  const firstPagePicture = async (job: FaxJob): Promise<Uint8Array | null> => {
    const documentId = jobs.documentIdOf(job.id);
    // Deleted under retention: the report still stands, without its picture.
    if (!documentId || !documents.get(documentId) || job.documentExpired) return null;
    try {
      const { renderPageImage } = await imaging();
      return await renderPageImage(await documents.bytes(documentId), 0, {
        widthPx: THUMBNAIL_WIDTH_PX,
        timeLimitMs: THUMBNAIL_TIME_LIMIT_MS,
      });
    } catch (error) {
      // The report still says what happened; only the picture is missing.
      logger.warn('no first-page picture for the transmission report', { jobId: job.id, error });
      return null;
    }
  };

  return {
    async listRecentRecipients({ limit, search }) {
      return { items: jobs.recentRecipients({ limit, search }) };
    },

    async getTransmissionReport({ id }) {
      const job = jobs.get(id);
      if (!job) throw new FaxError('not_found', `There is no fax job ${id}. It may have been removed; refresh the Outbox.`);
      if (job.status === 'canceled')
        throw new FaxError('wrong_state', 'This fax was canceled before it was sent, so there is no transmission to report.');
      if (job.status !== 'delivered' && job.status !== 'failed') {
        throw new FaxError(
          'wrong_state',
          'This fax is still being sent: its transmission report is ready once it is delivered or has failed.',
        );
      }
      const s = settings.get();
      const { makeTransmissionReport, formatCoverDate } = await imaging();
      const when = (iso: string | null) => (iso ? formatCoverDate(new Date(iso)) : '—');
      const startedAt = job.history[0]?.startedAt ?? job.createdAt;
      const finishedAt = job.completedAt ?? job.updatedAt;
      const number = formatFaxNumber(job.to, s.defaultCountry);
      const delivered = job.status === 'delivered';
      const providerName = job.provider === provider.id ? provider.label : job.provider;
      const pdf = await makeTransmissionReport({
        stationName: s.stationName,
        stationNumber: s.stationNumber ? formatFaxNumber(s.stationNumber, s.defaultCountry) : '',
        printedAt: new Date(),
        delivered,
        rows: [
          { label: 'To', value: job.recipientName ? `${job.recipientName}, ${number}` : number },
          { label: 'Started', value: when(startedAt) },
          { label: 'Finished', value: when(finishedAt) },
          { label: 'Duration', value: formatDuration(Date.parse(finishedAt) - Date.parse(startedAt)) },
          { label: 'Pages', value: `${job.pagesSent ?? 0} sent of ${job.pages}` },
          { label: 'Attempts', value: String(job.attempts) },
          { label: 'Result', value: delivered ? 'OK — delivered' : `Failed — ${job.lastError?.message ?? 'the provider gave no reason'}` },
          { label: 'Provider', value: providerName },
          { label: 'Provider fax ID', value: job.providerFaxId ?? '—' },
          { label: 'Faxbot job', value: job.id },
        ],
        firstPagePng: await firstPagePicture(job),
        paperSize: s.paperSize,
      });
      // eslint-disable-next-line no-control-regex
      const safeNumber = number.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '');
      return pdfReply(`transmission report ${safeNumber}.pdf`, pdf);
    },
  };
}
