// Sinch → us (contract §6). Sinch signs nothing: the Basic credentials we embedded in the
// callback URL, checked in constant time, are the proof; bodies come as JSON or multipart.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { FaxError } from '../../../../shared/errors';
import { parseFormBody, type ParsedForm, type WebhookEvent, type WebhookRequest, type WebhookRoute } from '../../webhooks';
import { asSinchFax, statusFromSinchFax, type SinchFax } from './faxStatus';

export interface CallbackCredentials {
  user: string;
  password: string;
}

/** A received fax is a few MB of PDF, base64 adds a third; status events are small. */
const STATUS_MAX_BYTES = 2 * 1024 * 1024;
const INBOUND_MAX_BYTES = 60 * 1024 * 1024;

const digest = (text: string) => createHash('sha256').update(text).digest();

export function verifySinchCredentials(request: WebhookRequest, credentials: CallbackCredentials): boolean {
  const header = request.headers.authorization ?? '';
  const expected = 'Basic ' + Buffer.from(`${credentials.user}:${credentials.password}`).toString('base64');
  // Equal-length digests so the compare takes the same time whatever was sent.
  return timingSafeEqual(digest(header.trim()), digest(expected));
}

interface SinchEventBody {
  event: string;
  eventTime?: string;
  fax: SinchFax;
  file?: Uint8Array;
  fileType?: string;
}

const bad = (why: string) => new FaxError('invalid_input', `Not a Sinch fax event: ${why}.`);

function formOf(request: WebhookRequest): ParsedForm | Promise<ParsedForm> {
  // The listener parses forms (parseForm: true); reading a request directly parses it here.
  return request.form ?? parseFormBody(request.contentType, request.body);
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw bad(`${what} is not JSON`);
  }
}

function decodeBase64(text: unknown): Uint8Array | undefined {
  if (typeof text !== 'string' || text === '') return undefined;
  if (!/^[A-Za-z0-9+/\r\n]*={0,2}\s*$/.test(text)) throw bad('"file" is not base64');
  return new Uint8Array(Buffer.from(text, 'base64'));
}

async function readEventBody(request: WebhookRequest): Promise<SinchEventBody> {
  const type = request.contentType.toLowerCase();
  let event: unknown;
  let fax: unknown;
  let file: Uint8Array | undefined;
  let fileType: unknown;
  let eventTime: unknown;
  if (type.startsWith('application/json')) {
    const body = parseJson(request.body.toString('utf8'), 'the body');
    if (!body || typeof body !== 'object') throw bad('the body is not an object');
    ({ event, fax, fileType, eventTime } = body as Record<string, unknown>);
    file = decodeBase64((body as Record<string, unknown>).file);
  } else if (type.startsWith('multipart/form-data')) {
    const form = await formOf(request);
    const field = (name: string) => form.fields.find((f) => f.name === name)?.value;
    event = field('event');
    eventTime = field('eventTime');
    const faxText = field('fax');
    fax = faxText === undefined ? undefined : parseJson(faxText, 'the "fax" field');
    const part = form.files.find((f) => f.name === 'file');
    if (part) {
      file = new Uint8Array(part.data);
      fileType = 'PDF';
    }
  } else {
    throw bad(`content type "${request.contentType}" is neither JSON nor multipart`);
  }
  if (typeof event !== 'string' || event === '') throw bad('"event" is missing');
  const parsed = asSinchFax(fax);
  if (!parsed) throw bad('"fax" with an "id" is missing');
  return {
    event,
    fax: parsed,
    file,
    fileType: typeof fileType === 'string' ? fileType : undefined,
    eventTime: typeof eventTime === 'string' ? eventTime : undefined,
  };
}

const dedupeKey = (body: SinchEventBody) => `${body.fax.id}:${body.event}:${body.fax.status ?? ''}`;

async function readStatus(request: WebhookRequest): Promise<WebhookEvent[]> {
  const body = await readEventBody(request);
  if (body.event !== 'FAX_COMPLETED') return [{ kind: 'ignored', reason: `event ${body.event} is not a status event` }];
  if (body.fax.direction && body.fax.direction !== 'OUTBOUND')
    return [{ kind: 'ignored', reason: 'FAX_COMPLETED for a fax we did not send' }];
  return [{ kind: 'status', dedupeKey: dedupeKey(body), status: statusFromSinchFax(body.fax) }];
}

const isPdf = (bytes: Uint8Array) => Buffer.from(bytes.subarray(0, 1024)).includes('%PDF-');

function validDate(...candidates: (string | undefined)[]): Date {
  for (const text of candidates) {
    const time = text ? Date.parse(text) : NaN;
    if (Number.isFinite(time)) return new Date(time);
  }
  return new Date();
}

export function sinchWebhookRoutes(options: {
  credentials: CallbackCredentials;
  /** For an INCOMING_FAX without a file: GET /faxes/{id}/file with our own credentials. */
  downloadFile: (faxId: string) => Promise<Uint8Array>;
}): WebhookRoute[] {
  const verify = (request: WebhookRequest) => verifySinchCredentials(request, options.credentials);
  const readInbound = async (request: WebhookRequest): Promise<WebhookEvent[]> => {
    const body = await readEventBody(request);
    if (body.event !== 'INCOMING_FAX') return [{ kind: 'ignored', reason: `event ${body.event} is not a received fax` }];
    const { fax } = body;
    if (fax.status && fax.status !== 'COMPLETED') return [{ kind: 'ignored', reason: `received fax is ${fax.status}` }];
    if (!fax.from || !fax.to) throw bad('"fax.from" or "fax.to" is missing');
    if (body.fileType && body.fileType.toUpperCase() !== 'PDF') throw bad(`the file is ${body.fileType}, not PDF`);
    // Never a placeholder: no file in the event means fetch it; a failure answers 5xx so Sinch retries.
    const pdf = body.file ?? (await options.downloadFile(fax.id));
    if (pdf.byteLength === 0 || !isPdf(pdf)) throw bad('the file is not a PDF');
    return [
      {
        kind: 'received',
        dedupeKey: dedupeKey(body),
        fax: {
          providerFaxId: fax.id,
          from: fax.from,
          to: fax.to,
          pages: fax.numberOfPages,
          pdf,
          receivedAt: validDate(fax.completedTime, fax.createTime, body.eventTime),
        },
      },
    ];
  };
  return [
    { name: 'status', maxBodyBytes: STATUS_MAX_BYTES, parseForm: true, verify, read: readStatus },
    { name: 'inbound', maxBodyBytes: INBOUND_MAX_BYTES, parseForm: true, verify, read: readInbound },
  ];
}

/**
 * The Basic credentials put in this install's callback URLs, derived from the listener's
 * per-install path secret: random per install, and stable across restarts, so callbacks for
 * faxes sent before a restart still verify.
 */
export function sinchCallbackCredentials(pathSecret: string): CallbackCredentials {
  return { user: 'faxbot', password: createHmac('sha256', pathSecret).update('sinch-callback-password').digest('base64url') };
}
