// The MCP tools on the engine in this process: the same operations, with the same checks,
// as the Send screen and the Inbox (stageDocument → sendFax, getJob, listInbox, …), and
// the same JSON as the REST API answers.
import type { OperationInput, OperationName, OperationResult } from '../../../../shared/contract';
import { FaxError } from '../../../../shared/errors';
import { checkFaxNumber } from '../../../../shared/faxNumber';
import { dispatch } from '../../rpc';
import { runAsAuditCaller } from '../../audit';
import type { ApiEngine } from '../types';
import { faxJobJson, inboundFaxJson } from '../rest/jobJson';
import { contactJson } from '../rest/contactRoutes';
import type { FaxTools } from './faxTools';

async function call<N extends OperationName>(engine: ApiEngine, name: N, input: OperationInput<N>): Promise<OperationResult<N>> {
  // The audit log names MCP, not the window, as the one who sent or opened a fax.
  const reply = await runAsAuditCaller({ actor: 'mcp' }, () => dispatch(engine, name, input));
  if (!reply.ok) throw FaxError.from(reply.error);
  return reply.result as OperationResult<N>;
}

export function engineFaxTools(engine: ApiEngine): FaxTools {
  return {
    async sendFax({ to, fileName, content }) {
      // The number first: a typo should not cost converting the document.
      const settings = await call(engine, 'getSettings', {});
      const number = checkFaxNumber(to, settings.defaultCountry);
      if (!number.ok) throw new FaxError('invalid_number', number.message, { field: 'to' });
      const contentBase64 = Buffer.from(content.buffer, content.byteOffset, content.byteLength).toString('base64');
      const staged = await call(engine, 'stageDocument', { fileName, contentBase64 });
      try {
        return faxJobJson(await call(engine, 'sendFax', { to, documentIds: [staged.documentId] }));
      } catch (error) {
        // A fax that never became a job leaves nothing behind.
        await dispatch(engine, 'discardStagedDocument', { documentId: staged.documentId });
        throw error;
      }
    },
    async getFaxStatus(jobId) {
      return faxJobJson(await call(engine, 'getJob', { id: jobId }));
    },
    async listInbound({ limit, cursor }) {
      const page = await call(engine, 'listInbox', { limit, cursor });
      return { items: page.items.map(inboundFaxJson), next_cursor: page.nextCursor, total: page.total };
    },
    async getInboundPdf(inboundId) {
      const document = await call(engine, 'getInboundDocument', { id: inboundId });
      return { fileName: document.fileName, pdf: new Uint8Array(Buffer.from(document.pdfBase64, 'base64')) };
    },
    async findContacts({ search, limit }) {
      const { defaultCountry } = await call(engine, 'getSettings', {});
      const page = await call(engine, 'listContacts', { search, limit });
      return { items: page.items.map((c) => contactJson(c, defaultCountry)), next_cursor: page.nextCursor, total: page.total };
    },
  };
}
