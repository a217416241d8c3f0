// /inbound: received faxes for other programs (an EHR filing them, a script forwarding them).
import { checkFaxNumber } from '../../../../shared/faxNumber';
import { FaxError } from '../../../../shared/errors';
import { callOperation } from '../../rpc';
import type { ApiEndpoint } from './endpoint';
import { ID_PATTERN } from './endpoint';
import { sendJson, sendPdf, type ApiCall } from './http';
import { inboundFaxJson, parseCursor, parseLimit } from './jobJson';

const INBOUND_STATUSES = ['received', 'unread', 'read'] as const;

function inboundId(call: ApiCall): string {
  const id = call.params.id;
  if (!ID_PATTERN.test(id)) throw new FaxError('not_found', 'There is no received fax with that id: use an id from GET /inbound.');
  return id;
}

async function numberFilter(call: ApiCall, name: 'from' | 'to'): Promise<string | undefined> {
  const raw = call.query.get(name) ?? call.query.get(`${name}_number`);
  if (raw === null || raw === '') return undefined;
  const check = checkFaxNumber(raw, (await callOperation(call.engine, 'getSettings', {})).defaultCountry);
  if (!check.ok) throw new FaxError('invalid_number', check.message, { field: name });
  return check.e164;
}

const notFound = { description: 'No received fax has that id.', body: 'Error' };

export const inboundEndpoints: ApiEndpoint[] = [
  {
    method: 'GET',
    path: '/inbound',
    operationId: 'listInbound',
    summary: 'List received faxes, newest first',
    scope: 'inbound:list',
    query: [
      {
        name: 'limit',
        description: 'Items per page, 1 to 100 (default 50).',
        schema: { type: 'integer', minimum: 1, maximum: 100, default: 50 },
      },
      { name: 'cursor', description: 'The `next_cursor` of the previous page.', schema: { type: 'string' } },
      {
        name: 'status',
        description: 'received (all, the default), unread or read.',
        schema: { type: 'string', enum: [...INBOUND_STATUSES] },
      },
      { name: 'from', description: 'Only faxes from this number (from_number is accepted too).', schema: { type: 'string' } },
      { name: 'to', description: 'Only faxes to this number of ours (to_number is accepted too).', schema: { type: 'string' } },
    ],
    responses: {
      200: { description: 'A page of received faxes.', body: 'InboundFaxPage' },
      400: { description: 'A filter or the cursor is not valid.', body: 'Error' },
    },
    async handle(call) {
      const limit = parseLimit(call.query.get('limit'));
      const cursor = parseCursor(call.query.get('cursor'));
      const status = call.query.get('status') ?? 'received';
      if (!(INBOUND_STATUSES as readonly string[]).includes(status)) {
        throw new FaxError('invalid_input', `"${status.slice(0, 40)}" is not a received-fax status: use received, unread or read.`, {
          field: 'status',
        });
      }
      const from = await numberFilter(call, 'from');
      const to = await numberFilter(call, 'to');
      // The Inbox search matches either number by digits; the exact match is made here.
      const page = await callOperation(call.engine, 'listInbox', { limit, cursor, unreadOnly: status === 'unread', search: from ?? to });
      const items = page.items.filter((fax) => (!from || fax.from === from) && (!to || fax.to === to) && (status !== 'read' || fax.read));
      sendJson(call.response, 200, { items: items.map(inboundFaxJson), next_cursor: page.nextCursor, total: page.total });
    },
  },
  {
    method: 'GET',
    path: '/inbound/{id}',
    operationId: 'getInbound',
    summary: 'One received fax',
    scope: 'inbound:read',
    responses: { 200: { description: 'The received fax.', body: 'InboundFax' }, 404: notFound },
    async handle(call) {
      sendJson(call.response, 200, inboundFaxJson(await callOperation(call.engine, 'getInboundFax', { id: inboundId(call) })));
    },
  },
  {
    method: 'GET',
    path: '/inbound/{id}/pdf',
    operationId: 'getInboundPdf',
    summary: 'The PDF of a received fax',
    scope: 'inbound:read',
    responses: { 200: { description: 'The received fax as a PDF.', body: 'pdf' }, 404: notFound },
    async handle(call) {
      const id = inboundId(call);
      const document = await call.engine.openFaxDocument('inbound', id);
      call.engine.api.audit({ actor: call.principal?.keyId ?? 'anonymous', action: 'inbound_pdf_served', target: id });
      await sendPdf(call, { ...document, fileName: `fax-${id}.pdf` });
    },
  },
];
