// A sent or received fax's PDF as a stream, for the REST API: a large document never sits
// whole in memory. The refusals are getJobDocument's and getInboundDocument's.
import { Readable } from 'node:stream';
import { FaxError } from '../../shared/errors';
import type { FaxJob } from '../../shared/model';
import type { FaxDocumentStream } from './api';
import type { DocumentCatalog } from './documents';
import type { InboxStore } from './inbox';
import type { JobStore } from './jobs';
import { requireDocumentKept } from './retention';
import type { SendStore, createJobDocuments } from './sends';

export interface FaxDocumentDeps {
  jobs: JobStore;
  inbox: InboxStore;
  documents: DocumentCatalog;
  sends: SendStore;
  jobDocuments: ReturnType<typeof createJobDocuments>;
}

export function createFaxDocumentOpener(deps: FaxDocumentDeps): (owner: 'job' | 'inbound', id: string) => Promise<FaxDocumentStream> {
  const { jobs, inbox, documents, sends, jobDocuments } = deps;
  return async (owner, id) => {
    const row = owner === 'job' ? jobs.get(id) : inbox.get(id);
    if (!row)
      throw new FaxError(
        'not_found',
        owner === 'job' ? `There is no fax job ${id}.` : `There is no received fax ${id}. It may have been deleted.`,
      );
    requireDocumentKept(row);
    const record = documents.get((owner === 'job' ? jobs.documentIdOf(id) : inbox.documentIdOf(id)) ?? '');
    if (!record) throw new FaxError('not_found', 'The document of this fax is no longer stored.');
    // A recipient of a send with a cover: its pages are its cover and the send's document, put together now.
    const sendId = owner === 'job' ? (row as FaxJob).sendId : undefined;
    if (sendId && sends.get(sendId)?.cover) {
      const pdf = Buffer.from(await jobDocuments.pdfOf(id));
      return { fileName: `fax-${id}.pdf`, bytes: pdf.length, stream: Readable.from([pdf]) };
    }
    return {
      fileName: owner === 'job' ? `fax-${id}.pdf` : `received-${id}.pdf`,
      bytes: record.bytes,
      stream: await documents.stream(record.id),
    };
  };
}
