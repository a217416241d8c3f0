// Reads a multipart/form-data request the way Phaxio's server would: fields and file parts,
// names as sent (tag[faxbot_key] stays one name).
import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';

export interface ReceivedForm {
  fields: { name: string; value: string }[];
  files: { name: string; fileName: string; contentType: string; data: Buffer }[];
}

export function readMultipart(request: IncomingMessage, limitBytes: number): Promise<ReceivedForm> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: request.headers, limits: { fileSize: limitBytes, fields: 200, files: 20 } });
    } catch (error) {
      reject(error);
      return;
    }
    const form: ReceivedForm = { fields: [], files: [] };
    parser.on('field', (name, value) => form.fields.push({ name, value }));
    parser.on('file', (name, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => reject(new Error('file too large')));
      stream.on('end', () =>
        form.files.push({ name, fileName: info.filename ?? '', contentType: info.mimeType, data: Buffer.concat(chunks) }),
      );
    });
    parser.on('error', reject);
    parser.on('close', () => resolve(form));
    request.pipe(parser);
  });
}

export async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
