// POST /fax's body: multipart/form-data with a `to` field (or several: one fax each) and one
// `file` part, as Faxbot's SDKs send it, and an optional `send_at`. Streamed: the file is held in memory up to MAX_FILE_SIZE_MB and refused the
// moment it passes that (nothing is written to disk here). The uploaded name is untrusted:
// it is cut to its last path segment and cleaned, and only ever used as a label.
import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';
import { FaxError } from '../../../../shared/errors';
import { MAX_RECIPIENTS } from '../../../../shared/sends';

export interface FaxUpload {
  /** Every `to` field, in order: one is the original Faxbot's send; several fan out. */
  to: string[];
  /** `send_at`, when given: when to send (ISO 8601 with its offset). */
  sendAt?: string;
  fileName: string;
  bytes: Buffer;
  /** The optional cover page fields given (cover, cover_template_id, cover_subject, cover_notes). */
  coverFields: Partial<Record<CoverFormField, string>>;
}

/** POST /fax's optional cover page fields. */
export const COVER_FORM_FIELDS = ['cover', 'cover_template_id', 'cover_subject', 'cover_notes'] as const;
export type CoverFormField = (typeof COVER_FORM_FIELDS)[number];
const isCoverField = (name: string): name is CoverFormField => (COVER_FORM_FIELDS as readonly string[]).includes(name);

// Room for the multipart boundaries and the `to` fields (up to MAX_RECIPIENTS) around a file of the largest size.
const ENVELOPE_BYTES = 64 * 1024 + MAX_RECIPIENTS * 1200;

/** The last path segment of an uploaded name, without control characters; "upload" when nothing is left. */
export function safeFileName(raw: string | undefined | null): string {
  const last =
    String(raw ?? '')
      .split(/[\\/]/)
      .pop() ?? '';
  const cleaned = last
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f"]/g, '')
    .trim()
    .replace(/^\.+/, '')
    .slice(0, 200);
  return cleaned || 'upload';
}

function tooLarge(maxBytes: number): FaxError {
  return new FaxError(
    'file_too_large',
    `The file is larger than ${maxBytes / (1024 * 1024)} MB, the most one fax document can be: split it, or raise MAX_FILE_SIZE_MB.`,
    { field: 'file' },
  );
}

const badForm = (detail: string, field = 'file') => new FaxError('invalid_input', detail, { field });

/** The body ended early: cut by a dropped connection or a client bug, it holds no complete form. */
const cutShort = (what: 'file' | 'form') => badForm(`The upload ended before the ${what} was complete: send it again.`);

/** Refuses at once from Content-Length when the body cannot fit, before reading any of it. */
export function checkDeclaredLength(request: IncomingMessage, maxBytes: number): void {
  const declared = Number(request.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes + ENVELOPE_BYTES) throw tooLarge(maxBytes);
}

export function readFaxUpload(request: IncomingMessage, maxBytes: number): Promise<FaxUpload> {
  return new Promise((resolve, reject) => {
    const type = request.headers['content-type'] ?? '';
    if (!/^multipart\/form-data\s*;/i.test(type)) {
      reject(
        new FaxError('unsupported_type', 'Send the fax as multipart/form-data with a "to" field and a "file" part (as curl -F does).', {
          field: 'file',
        }),
      );
      return;
    }
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: request.headers,
        limits: {
          files: 1,
          fileSize: maxBytes,
          fields: MAX_RECIPIENTS + 10,
          // A cover page's notes are the longest field (4000 characters).
          fieldSize: 8 * 1024,
          parts: MAX_RECIPIENTS + 12,
          fieldNameSize: 100,
        },
      });
    } catch {
      reject(badForm('The multipart form has no boundary: let your HTTP library build the form (FormData, curl -F).'));
      return;
    }
    const to: string[] = [];
    let sendAt: string | undefined;
    const coverFields: FaxUpload['coverFields'] = {};
    let file: FaxUpload['bytes'] | undefined;
    let fileName = 'upload';
    // True while the file part is arriving: a body that ends then ended inside the document.
    let fileOpen = false;
    let settled = false;
    const fail = (error: FaxError) => {
      if (settled) return;
      settled = true;
      // Not destroyed here: fail may run inside busboy's own write, which goes on using its
      // streams. Unpiped, it gets no more bytes, and the rest of the body is drained by the caller.
      request.unpipe(parser);
      reject(error);
    };

    parser.on('field', (name, value, info) => {
      if (isCoverField(name)) {
        if (info.valueTruncated) fail(badForm(`The "${name}" field is too long: a cover page's notes are at most 4000 characters.`, name));
        else if (coverFields[name] !== undefined) fail(badForm(`The form has more than one "${name}" field: send it once.`, name));
        else coverFields[name] = value;
        return;
      }
      if (name === 'send_at') {
        if (sendAt !== undefined) fail(badForm('The form has more than one "send_at" field: give the time to send once.', 'send_at'));
        else if (info.valueTruncated) fail(badForm('The "send_at" field is too long for a date and time.', 'send_at'));
        else sendAt = value;
        return;
      }
      if (name !== 'to') return; // Other fields are ignored, as the original does.
      if (info.valueTruncated) fail(new FaxError('invalid_number', 'The "to" field is too long for a fax number.', { field: 'to' }));
      else if (to.length === MAX_RECIPIENTS)
        fail(
          badForm(
            `The form has more than ${MAX_RECIPIENTS} "to" fields, the most one send can have: split the list into several sends.`,
            'to',
          ),
        );
      else to.push(value);
    });
    parser.on('file', (name, stream, info) => {
      // busboy destroys a part's stream when the body ends inside it; unheard, that error
      // would be an uncaught exception and end the whole engine.
      stream.on('error', () => fail(cutShort('file')));
      if (name !== 'file') {
        stream.resume();
        fail(badForm(`The form has a file part named "${safeFileName(name).slice(0, 40)}": name it "file".`));
        return;
      }
      fileName = safeFileName(info.filename);
      fileOpen = true;
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => fail(tooLarge(maxBytes)));
      stream.on('end', () => {
        fileOpen = false;
        if (!stream.truncated) file = Buffer.concat(chunks);
      });
    });
    parser.on('filesLimit', () => fail(badForm('The form has more than one file: send one document per request.')));
    parser.on('partsLimit', () =>
      fail(badForm('The form has too many parts: send just "to", "send_at", the cover page fields and "file".')),
    );
    parser.on('fieldsLimit', () =>
      fail(badForm('The form has too many fields: send just "to", "send_at", the cover page fields and "file".')),
    );
    parser.on('error', (error: Error) => {
      // busboy has no error codes; "Unexpected end of form" is its word for a body without the closing boundary.
      if (fileOpen) fail(cutShort('file'));
      else if (/^Unexpected end of/.test(error.message)) fail(cutShort('form'));
      else fail(badForm('The multipart form is not well formed: let your HTTP library build it (FormData, curl -F).'));
    });
    parser.on('close', () => {
      if (settled) return;
      if (to.length === 0)
        return fail(new FaxError('invalid_number', 'The form has no "to" field: add the fax number to send to.', { field: 'to' }));
      if (file === undefined) return fail(badForm('The form has no "file" part: attach the document to fax as "file".'));
      settled = true;
      resolve({ to, ...(sendAt !== undefined ? { sendAt } : {}), fileName, bytes: file, coverFields });
    });
    // The client hung up (or the connection broke) before the body was complete.
    request.on('close', () => {
      if (!request.complete) fail(cutShort(fileOpen ? 'file' : 'form'));
    });
    request.on('error', () => fail(cutShort(fileOpen ? 'file' : 'form')));
    request.pipe(parser);
  });
}
