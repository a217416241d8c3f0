// The PDF one job sends. A fax on its own stored its cover with its pages; a send stores its
// pages once, and each recipient's cover page (with that recipient's name) is drawn here,
// when the job is sent or opened, dated the day the send was asked to go — so 500
// recipients are queued at once, and every attempt and view of a job shows the same pages.
import { FaxError } from '../../../shared/errors';
import type { DocumentCatalog } from '../documents';
import type { JobStore } from '../jobs';
import type { RecipientCover } from './sendOperations';
import type { SendStore } from './sendStore';

export interface JobDocumentDeps {
  jobs: JobStore;
  sends: SendStore;
  documents: DocumentCatalog;
  coverFor: RecipientCover;
  maxPages: number;
}

const imaging = () => import('../imaging');

export function createJobDocuments(deps: JobDocumentDeps) {
  return {
    /** The bytes the job sends (or sent): its document, after its recipient's cover when its send has one. */
    async pdfOf(jobId: string): Promise<Uint8Array> {
      const { jobs, sends, documents } = deps;
      const documentId = jobs.documentIdOf(jobId);
      if (!documentId) throw new FaxError('not_found', `There is no fax job ${jobId.slice(0, 64)}.`);
      const content = await documents.bytes(documentId);
      const job = jobs.get(jobId);
      const send = job?.sendId ? sends.get(job.sendId) : null;
      if (!job || !send?.cover) return content;
      const cover = await deps.coverFor(job.to, job.recipientName, send.cover, job.pages, new Date(job.sendAt ?? job.createdAt));
      const { mergeDocuments } = await imaging();
      return (await mergeDocuments([cover, content], { maxPages: deps.maxPages })).pdf;
    },
  };
}
