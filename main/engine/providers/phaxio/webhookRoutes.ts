// The two routes Phaxio calls (contract §7, §8): `status` for sent-fax events and `inbound`
// for received faxes. Both are v2.1 multipart forms whose `fax` field is a JSON string (not
// `fax[id]` bracket fields, as the original parsed) and whose signature covers the file hash.
import { FaxError } from '../../../../shared/errors';
import type { ParsedForm, WebhookEvent, WebhookRequest, WebhookRoute } from '../../webhooks/types';
import { isPhaxioFax, statusOfFax, type PhaxioFax } from './faxObject';
import { verifyPhaxioSignature } from './signature';

export interface PhaxioRouteDeps {
  callbackToken: () => string | undefined;
  /** §8.4: fetch a received fax's PDF when the callback came without its file part. */
  downloadFax: (faxId: number) => Promise<Uint8Array | null>;
}

const STATUS_MAX_BYTES = 256 * 1024;
// A received fax of a few hundred pages stays well under this.
const INBOUND_MAX_BYTES = 64 * 1024 * 1024;

function field(form: ParsedForm, name: string): string | undefined {
  return form.fields.find((f) => f.name === name)?.value;
}

function formOf(request: WebhookRequest): ParsedForm {
  if (!request.form) throw new FaxError('invalid_input', 'A Phaxio callback must be a multipart form.');
  return request.form;
}

function faxOf(form: ParsedForm): PhaxioFax {
  const raw = field(form, 'fax');
  if (raw === undefined) throw new FaxError('invalid_input', 'The Phaxio callback has no "fax" field.', { field: 'fax' });
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new FaxError('invalid_input', 'The "fax" field of the Phaxio callback is not JSON.', { field: 'fax' });
  }
  if (!isPhaxioFax(value))
    throw new FaxError('invalid_input', 'The "fax" field of the Phaxio callback has no numeric id.', { field: 'fax' });
  return value;
}

function verify(deps: PhaxioRouteDeps) {
  return (request: WebhookRequest): boolean => {
    const form = request.form;
    if (!form) return false;
    // Signed over the callback URL as given: today's public URL, or one given before it changed.
    const urls = [request.publicUrl, ...(request.earlierPublicUrls ?? [])];
    return urls.some((url) => verifyPhaxioSignature(deps.callbackToken(), url, form, request.headers['x-phaxio-signature']));
  };
}

function readStatus(request: WebhookRequest): WebhookEvent[] {
  const form = formOf(request);
  const fax = faxOf(form);
  const eventType = field(form, 'event_type');
  if (!eventType) throw new FaxError('invalid_input', 'The Phaxio callback has no "event_type" field.', { field: 'event_type' });
  if (fax.direction === 'received') return [{ kind: 'ignored', reason: 'a received-fax event arrived on the sent-fax route' }];
  const pageText = field(form, 'page');
  const page = pageText !== undefined && /^\d{1,5}$/.test(pageText) ? Number(pageText) : undefined;
  const dedupeKey = `${fax.id}:${eventType}:${fax.status ?? ''}:${page ?? ''}`;
  switch (eventType) {
    case 'transmitting_page': {
      const status = { ...statusOfFax(fax), state: 'sending' as const, pagesSent: page };
      return [{ kind: 'status', dedupeKey, status }];
    }
    case 'retry_scheduled':
      // Phaxio redials by itself: the attempt is still ours and still going.
      return [{ kind: 'status', dedupeKey, status: { ...statusOfFax(fax), state: 'sending', pagesSent: undefined } }];
    case 'fax_completed':
      return [{ kind: 'status', dedupeKey, status: statusOfFax(fax) }];
    default:
      return [{ kind: 'ignored', reason: `Phaxio event "${eventType}" is not one Faxbot follows` }];
  }
}

function readInbound(deps: PhaxioRouteDeps) {
  return async (request: WebhookRequest): Promise<WebhookEvent[]> => {
    const form = formOf(request);
    const fax = faxOf(form);
    if (fax.direction !== undefined && fax.direction !== 'received')
      return [{ kind: 'ignored', reason: 'a sent-fax event arrived on the received-fax route' }];
    if (fax.status && fax.status !== 'success')
      return [
        {
          kind: 'ignored',
          reason: `Phaxio reports a failed reception (${fax.error_message ?? fax.status}); there is no document to store`,
        },
      ];
    // v2.1 names the part `file`; v1 named it `filename`.
    const part = form.files.find((f) => f.name === 'file') ?? form.files.find((f) => f.name === 'filename');
    const pdf = part ? new Uint8Array(part.data) : await deps.downloadFax(fax.id);
    if (!pdf) {
      // Not invalid input: Phaxio should call again, and the file may be fetchable then.
      throw new FaxError('provider_error', `Phaxio reported received fax ${fax.id} but its document could not be downloaded.`, {
        retryable: true,
      });
    }
    if (Buffer.from(pdf.subarray(0, 5)).toString('latin1') !== '%PDF-') {
      throw new FaxError('invalid_input', 'The document of the received Phaxio fax is not a PDF.', { field: 'file' });
    }
    const when = Date.parse(fax.completed_at ?? fax.created_at ?? '');
    return [
      {
        kind: 'received',
        dedupeKey: `${fax.id}:received`,
        fax: {
          providerFaxId: String(fax.id),
          from: fax.from_number ?? '',
          fromName: fax.caller_name ?? undefined,
          to: fax.to_number ?? '',
          pages: typeof fax.num_pages === 'number' && fax.num_pages > 0 ? fax.num_pages : undefined,
          pdf,
          receivedAt: Number.isNaN(when) ? new Date() : new Date(when),
        },
      },
    ];
  };
}

export function phaxioWebhookRoutes(deps: PhaxioRouteDeps): WebhookRoute[] {
  return [
    { name: 'status', maxBodyBytes: STATUS_MAX_BYTES, parseForm: true, verify: verify(deps), read: readStatus },
    { name: 'inbound', maxBodyBytes: INBOUND_MAX_BYTES, parseForm: true, verify: verify(deps), read: readInbound(deps) },
  ];
}
