// Reads a webhook body as a form: multipart (busboy) or urlencoded. Fields keep their
// arrival order and repeats, because Phaxio's signature covers them as sent.
import busboy from 'busboy';
import { Readable } from 'node:stream';
import { FaxError } from '../../../shared/errors';
import type { ParsedForm } from './types';

const malformed = (why: string) => new FaxError('invalid_input', `The webhook body is not a well-formed form: ${why}.`);

export function isFormContentType(contentType: string): boolean {
  const type = contentType.split(';')[0].trim().toLowerCase();
  return type === 'multipart/form-data' || type === 'application/x-www-form-urlencoded';
}

/** The form in the body; a FaxError('invalid_input') when it is not one. */
export async function parseFormBody(contentType: string, body: Buffer): Promise<ParsedForm> {
  const type = contentType.split(';')[0].trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded') return parseUrlEncoded(body);
  if (type === 'multipart/form-data') return parseMultipart(contentType, body);
  throw malformed(`content type "${type || 'none'}" is not a form`);
}

function parseUrlEncoded(body: Buffer): ParsedForm {
  const text = body.toString('utf8');
  // URLSearchParams accepts anything; a stray "%" that is not an escape means a broken sender.
  if (/%(?![0-9a-fA-F]{2})/.test(text) || text.includes('\uFFFD')) throw malformed('bad percent-encoding or text');
  const fields = [...new URLSearchParams(text)].map(([name, value]) => ({ name, value }));
  return { fields, files: [] };
}

function parseMultipart(contentType: string, body: Buffer): Promise<ParsedForm> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: { 'content-type': contentType },
        limits: { fields: 1000, files: 20, parts: 1020, fieldSize: 1024 * 1024 },
      });
    } catch (error) {
      reject(malformed(error instanceof Error ? error.message.toLowerCase() : 'no boundary'));
      return;
    }
    const form: ParsedForm = { fields: [], files: [] };
    const pending: Promise<void>[] = [];
    let failed = false;
    const fail = (why: string) => {
      if (failed) return;
      failed = true;
      reject(malformed(why));
    };
    parser.on('field', (name, value, info) => {
      if (info.nameTruncated || info.valueTruncated) return fail(`field ${JSON.stringify(name.slice(0, 40))} is too long`);
      form.fields.push({ name, value });
    });
    parser.on('file', (name, stream, info) => {
      const chunks: Buffer[] = [];
      const index = form.files.length;
      form.files.push({ name, fileName: info.filename ?? '', contentType: info.mimeType, data: Buffer.alloc(0) });
      pending.push(
        new Promise((done) => {
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('error', () => done());
          stream.on('end', () => {
            form.files[index].data = Buffer.concat(chunks);
            done();
          });
        }),
      );
    });
    parser.on('partsLimit', () => fail('too many parts'));
    parser.on('filesLimit', () => fail('too many files'));
    parser.on('fieldsLimit', () => fail('too many fields'));
    parser.on('error', (error: Error) => fail(error.message.toLowerCase()));
    parser.on('close', () => {
      if (failed) return;
      void Promise.all(pending).then(() => resolve(form));
    });
    Readable.from([body]).pipe(parser);
  });
}
