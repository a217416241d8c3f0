// /fax: send a fax (multipart, as Faxbot's SDKs do), read its status and PDF, cancel it,
// list sent faxes. Every path goes through the same engine operations as the window, so the
// API refuses exactly what the Send screen refuses, with the same sentences.
import { checkFaxNumber } from '../../../../shared/faxNumber';
import { FaxError, isFaxError } from '../../../../shared/errors';
import { callOperation } from '../../rpc';
import type { ApiEndpoint } from './endpoint';
import { ID_PATTERN } from './endpoint';
import { sendError, sendJson, sendPdf, type ApiCall } from './http';
import { faxJobJson, faxSendJson, parseCursor, parseLimit, parseStatusFilter } from './jobJson';
import { resolveSchedule } from '../../../../shared/schedule';
import { checkDeclaredLength, readFaxUpload, type FaxUpload } from './multipart';
import { clientGone } from '../../streams';

const MIB = 1024 * 1024;
// After refusing an upload, read (and drop) this much more so the client gets to read the answer.
const DRAIN_LIMIT = 16 * MIB;

function jobId(call: ApiCall): string {
  const id = call.params.id;
  if (!ID_PATTERN.test(id)) throw new FaxError('not_found', 'There is no fax job with that id: use the id POST /fax answered.');
  return id;
}

/** `send_at`: a moment with its offset, in the future (the same rules as the window's Send later). */
function checkSendAt(raw: string): string {
  const verdict = resolveSchedule(raw, new Date());
  if (!verdict.ok) throw new FaxError('invalid_input', `send_at: ${verdict.message}`, { field: 'send_at' });
  return verdict.at.toISOString();
}

function actor(call: ApiCall): string {
  return call.principal?.keyId ?? 'anonymous';
}

/** Answers a refused upload, then drops the rest of the body (up to a limit) so the client can read the answer. */
export function refuseUpload(call: ApiCall, error: unknown): void {
  const { request, response } = call;
  // A client that hung up mid-upload hears nothing: there is nobody left to read an answer.
  if (clientGone(request, response)) {
    request.destroy();
    return;
  }
  sendError(call, error, { Connection: 'close' });
  let drained = 0;
  request.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_LIMIT) request.destroy();
  });
  request.resume();
}

/**
 * The cover page the form asks for: none unless a cover field is given (Faxbot's clients send
 * none). A template id chooses the template; without one the contact's default, else plain.
 */
function coverOf(fields: FaxUpload['coverFields']): { subject: string; notes: string; templateId?: string } | null {
  const flag = fields.cover?.trim().toLowerCase();
  if (flag !== undefined && !['true', 'false', ''].includes(flag))
    throw new FaxError('invalid_input', `cover is true or false, not "${fields.cover!.slice(0, 20)}".`, { field: 'cover' });
  const wanted = flag === 'true' || Boolean(fields.cover_template_id || fields.cover_subject || fields.cover_notes);
  if (!wanted) return null;
  if (flag === 'false')
    throw new FaxError('invalid_input', 'The form says cover=false but also gives cover page fields: leave out one or the other.', {
      field: 'cover',
    });
  return {
    subject: fields.cover_subject ?? '',
    notes: fields.cover_notes ?? '',
    ...(fields.cover_template_id ? { templateId: fields.cover_template_id.trim() } : {}),
  };
}

async function sendFax(call: ApiCall): Promise<void> {
  const { engine } = call;
  const maxBytes = engine.config.maxFileSizeMb * MIB;
  let upload;
  try {
    checkDeclaredLength(call.request, maxBytes);
    upload = await readFaxUpload(call.request, maxBytes);
  } catch (error) {
    engine.api.audit({ actor: actor(call), action: 'fax_refused', details: { code: isFaxError(error) ? error.code : 'internal' } });
    refuseUpload(call, error);
    return;
  }
  try {
    // The numbers and the time first: a wrong one is refused before any imaging work or storage.
    const { defaultCountry } = await callOperation(engine, 'getSettings', {});
    const numbers = upload.to.map((to) => {
      const number = checkFaxNumber(to, defaultCountry);
      if (!number.ok)
        throw new FaxError('invalid_number', upload.to.length > 1 ? `${to.slice(0, 64)}: ${number.message}` : number.message, {
          field: 'to',
        });
      return number.e164;
    });
    const sendAt = upload.sendAt === undefined ? null : checkSendAt(upload.sendAt);
    const cover = coverOf(upload.coverFields);
    const staged = await callOperation(engine, 'stageDocument', {
      fileName: upload.fileName,
      contentBase64: upload.bytes.toString('base64'),
    });
    try {
      // One `to`: the original Faxbot's send and answer. Several: one job each, in one send.
      if (numbers.length === 1) {
        const job = await callOperation(engine, 'sendFax', {
          to: numbers[0],
          recipientName: '',
          documentIds: [staged.documentId],
          cover,
          sendAt,
        });
        // fax_sent is written by sendFax itself, in the job's own transaction, naming this key.
        sendJson(call.response, 202, faxJobJson(job));
      } else {
        const send = await callOperation(engine, 'sendFaxes', {
          recipients: numbers.map((to) => ({ to })),
          documentIds: [staged.documentId],
          cover,
          sendAt,
        });
        sendJson(call.response, 202, faxSendJson(send));
      }
    } catch (error) {
      await callOperation(engine, 'discardStagedDocument', { documentId: staged.documentId }).catch(() => undefined);
      throw error;
    }
  } catch (error) {
    engine.api.audit({ actor: actor(call), action: 'fax_refused', details: { code: isFaxError(error) ? error.code : 'internal' } });
    throw error;
  }
}

const jobResponse = { description: 'The fax job.', body: 'FaxJob' };
const notFound = { description: 'No fax job has that id.', body: 'Error' };

export const faxEndpoints: ApiEndpoint[] = [
  {
    method: 'POST',
    path: '/fax',
    operationId: 'sendFax',
    summary: 'Send a fax',
    description:
      'Multipart form with `to` (a fax number; without + it is read in the default country) and `file` (PDF, plain text, PNG, JPEG or TIFF; the type is decided by content). Answers 202 with the queued job; poll GET /fax/{id} until status is SUCCESS or FAILED. Give `to` several times (up to 1,000) to send the file to each number: one job per number (a number given twice is dialled once), answered as `{send_id, recipients, duplicates, send_at, jobs}`. `send_at` (ISO 8601 with its offset, in the future) sends later; the job then carries `send_at`. A cover page is added when `cover_template_id` (from GET /cover-templates), `cover_subject`, `cover_notes` or `cover=true` is given: with the template named, else the default of the contact holding the number, else the plain cover — each recipient gets a cover with their own number.',
    scope: 'fax:send',
    requestBody: {
      required: true,
      content: {
        'multipart/form-data': {
          schema: {
            type: 'object',
            required: ['to', 'file'],
            properties: {
              to: {
                oneOf: [
                  { type: 'string', example: '+12025550143' },
                  { type: 'array', items: { type: 'string' }, maxItems: 1000 },
                ],
              },
              send_at: { type: 'string', format: 'date-time', example: '2026-03-10T08:00:00-05:00' },
              file: { type: 'string', format: 'binary' },
              cover: {
                type: 'string',
                enum: ['true', 'false'],
                description: 'Add a cover page (the contact’s default template, else plain).',
              },
              cover_template_id: {
                type: 'string',
                description: 'Add a cover page with this template (GET /cover-templates); `plain` for the plain one.',
              },
              cover_subject: { type: 'string', maxLength: 200 },
              cover_notes: { type: 'string', maxLength: 4000 },
            },
          },
        },
      },
    },
    responses: {
      202: { description: 'The queued job (one `to`), or the send and its jobs (several `to`).', body: 'FaxJob' },
      400: {
        description:
          'Bad fax number (the reason is in `detail`), a `send_at` in the past or unreadable, empty file, a malformed form, or cover fields that are not usable.',
        body: 'Error',
      },
      404: { description: '`cover_template_id` names no template (it may have been deleted); nothing was queued.', body: 'Error' },
      413: { description: 'The file is larger than MAX_FILE_SIZE_MB.', body: 'Error' },
      415: { description: 'Not multipart/form-data, or a file type that cannot be faxed.', body: 'Error' },
      422: {
        description:
          'A PDF that is password-protected (pdf_encrypted) or damaged beyond repair (pdf_damaged), or too many pages (too_many_pages).',
        body: 'Error',
      },
    },
    handle: sendFax,
  },
  {
    method: 'GET',
    path: '/fax',
    operationId: 'listFaxes',
    summary: 'List sent faxes, newest first',
    scope: 'fax:read',
    query: [
      {
        name: 'limit',
        description: 'Items per page, 1 to 100 (default 50).',
        schema: { type: 'integer', minimum: 1, maximum: 100, default: 50 },
      },
      { name: 'cursor', description: 'The `next_cursor` of the previous page.', schema: { type: 'string' } },
      {
        name: 'status',
        description:
          'Comma-separated statuses, in either vocabulary (queued, in_progress, SUCCESS, FAILED, or preparing, sending, delivered, failed, canceled).',
        schema: { type: 'string' },
      },
      { name: 'to', description: 'Only faxes to this number.', schema: { type: 'string' } },
    ],
    responses: {
      200: { description: 'A page of fax jobs.', body: 'FaxJobPage' },
      400: { description: 'A filter or the cursor is not valid.', body: 'Error' },
    },
    async handle(call) {
      const { engine, query } = call;
      const limit = parseLimit(query.get('limit'));
      const cursor = parseCursor(query.get('cursor'));
      const status = parseStatusFilter(query.get('status'));
      const toRaw = query.get('to');
      let to: string | undefined;
      if (toRaw !== null && toRaw !== '') {
        const check = checkFaxNumber(toRaw, (await callOperation(engine, 'getSettings', {})).defaultCountry);
        if (!check.ok) throw new FaxError('invalid_number', check.message, { field: 'to' });
        to = check.e164;
      }
      // The number filter rides on the Outbox search (digits of the E.164 number), then is made exact.
      const page = await callOperation(engine, 'listJobs', { limit, cursor, status, search: to });
      const items = to ? page.items.filter((job) => job.to === to) : page.items;
      sendJson(call.response, 200, { items: items.map(faxJobJson), next_cursor: page.nextCursor, total: page.total });
    },
  },
  {
    method: 'GET',
    path: '/fax/{id}',
    operationId: 'getFax',
    summary: 'The status of one fax',
    scope: 'fax:read',
    responses: { 200: jobResponse, 404: notFound },
    async handle(call) {
      sendJson(call.response, 200, faxJobJson(await callOperation(call.engine, 'getJob', { id: jobId(call) })));
    },
  },
  {
    method: 'DELETE',
    path: '/fax/{id}',
    operationId: 'cancelFax',
    summary: 'Cancel a fax that has not started sending',
    scope: 'fax:send',
    responses: {
      200: { description: 'The canceled job (status FAILED, faxbot_status canceled).', body: 'FaxJob' },
      404: notFound,
      409: { description: 'The fax is already being sent or has finished.', body: 'Error' },
    },
    async handle(call) {
      const job = await callOperation(call.engine, 'cancelJob', { id: jobId(call) });
      sendJson(call.response, 200, faxJobJson(job));
    },
  },
  {
    method: 'GET',
    path: '/fax/{id}/pdf',
    operationId: 'getFaxPdf',
    summary: 'The PDF that was (or will be) sent',
    scope: 'fax:read',
    responses: { 200: { description: 'The fax as a PDF.', body: 'pdf' }, 404: notFound },
    async handle(call) {
      const id = jobId(call);
      const document = await call.engine.openFaxDocument('job', id);
      call.engine.api.audit({ actor: actor(call), action: 'pdf_served', target: id });
      await sendPdf(call, { ...document, fileName: `fax-${id}.pdf` });
    },
  },
];
