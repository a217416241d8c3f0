// A multipart/form-data body with named text fields and one file part, read in memory up to
// a limit (POST /contacts/import). Every stream busboy hands out has its 'error' handled:
// a body cut inside the file part (a dropped connection) is refused in words, never an
// uncaught 'error' event. POST /fax's reader (multipart.ts) can move onto this one.
import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';
import { FaxError } from '../../../../shared/errors';
import { safeFileName } from './multipart';

export interface MultipartForm {
  fields: Record<string, string>;
  file: { fileName: string; bytes: Buffer };
}

export interface MultipartFormRules {
  maxBytes: number;
  /** The text fields taken (each at most once); others are ignored, as POST /fax does. */
  fields: readonly string[];
  /** What the form is for, in the refusals: "the contacts file". */
  what: string;
}

const badForm = (detail: string, field = 'file') => new FaxError('invalid_input', detail, { field });

export function readMultipartForm(request: IncomingMessage, rules: MultipartFormRules): Promise<MultipartForm> {
  return new Promise((resolve, reject) => {
    if (!/^multipart\/form-data\s*;/i.test(request.headers['content-type'] ?? '')) {
      reject(
        new FaxError('unsupported_type', `Send ${rules.what} as multipart/form-data with a "file" part (as curl -F does).`, {
          field: 'file',
        }),
      );
      return;
    }
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: request.headers,
        limits: { files: 1, fileSize: rules.maxBytes, fields: 10, fieldSize: 1024, parts: 12, fieldNameSize: 100 },
      });
    } catch {
      reject(badForm('The multipart form has no boundary: let your HTTP library build the form (FormData, curl -F).'));
      return;
    }
    const fields: Record<string, string> = {};
    let file: MultipartForm['file'] | undefined;
    let settled = false;
    const fail = (error: FaxError) => {
      if (settled) return;
      settled = true;
      request.unpipe(parser);
      reject(error);
    };
    const cut = () => fail(badForm(`The upload ended before ${rules.what} was complete: send it again.`));

    parser.on('field', (name, value, info) => {
      if (!rules.fields.includes(name)) return;
      if (name in fields) fail(badForm(`The form has more than one "${name}" field: send it once.`, name));
      else if (info.valueTruncated) fail(badForm(`The "${name}" field is too long.`, name));
      else fields[name] = value;
    });
    parser.on('file', (name, stream, info) => {
      stream.on('error', cut);
      if (name !== 'file') {
        stream.resume();
        fail(badForm(`The form has a file part named "${safeFileName(name).slice(0, 40)}": name it "file".`));
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () =>
        fail(
          new FaxError(
            'file_too_large',
            `${rules.what} is larger than ${rules.maxBytes / (1024 * 1024)} MB: split it, or raise MAX_FILE_SIZE_MB.`,
            {
              field: 'file',
            },
          ),
        ),
      );
      stream.on('end', () => {
        if (!stream.truncated) file = { fileName: safeFileName(info.filename), bytes: Buffer.concat(chunks) };
      });
    });
    parser.on('filesLimit', () => fail(badForm('The form has more than one file: send one file per request.')));
    parser.on('partsLimit', () => fail(badForm('The form has too many parts: send just "file" and its options.')));
    parser.on('fieldsLimit', () => fail(badForm('The form has too many fields: send just "file" and its options.')));
    parser.on('error', (error: Error) =>
      /unexpected end/i.test(error.message)
        ? cut()
        : fail(badForm('The multipart form is not well formed: let your HTTP library build it (FormData, curl -F).')),
    );
    parser.on('close', () => {
      if (settled) return;
      if (file === undefined) return fail(badForm(`The form has no "file" part: attach ${rules.what} as "file".`));
      settled = true;
      resolve({ fields, file });
    });
    request.on('aborted', cut);
    request.on('error', cut);
    request.pipe(parser);
  });
}
