// Byte-exact HTTP for what fetch will not send: chunked uploads with no Content-Length,
// hand-made multipart bodies, raw paths.
import { request } from 'node:http';

export interface RawReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- read field by field in assertions
  json: any;
}

export function rawRequest(
  url: string,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: Buffer | Buffer[]; chunked?: boolean },
): Promise<RawReply> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: options.path,
        method: options.method ?? 'GET',
        headers: { Host: `127.0.0.1:${port}`, ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown = text;
          try {
            json = JSON.parse(text);
          } catch {
            // not JSON: keep the text
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, json });
        });
      },
    );
    // A refused upload may close the socket while we are still writing: the answer already arrived.
    req.on('error', reject);
    const parts = options.body === undefined ? [] : Array.isArray(options.body) ? options.body : [options.body];
    if (options.chunked) req.setHeader('Transfer-Encoding', 'chunked');
    const writeNext = (i: number) => {
      if (i >= parts.length) return req.end();
      if (req.destroyed) return;
      if (req.write(parts[i])) writeNext(i + 1);
      else req.once('drain', () => writeNext(i + 1));
    };
    writeNext(0);
  });
}

/** A multipart body built by hand, so tests control every byte (file names included). */
export function multipartBody(parts: Array<{ name: string; value?: string; fileName?: string; content?: Buffer; type?: string }>): {
  body: Buffer;
  contentType: string;
} {
  const boundary = '----faxbottest' + Math.random().toString(16).slice(2);
  const chunks: Buffer[] = [];
  for (const part of parts) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"`;
    // Names with control characters can only travel RFC 5987-encoded (filename*=UTF-8''…).
    // eslint-disable-next-line no-control-regex
    const encoded = part.fileName !== undefined && /[\u0000-\u001f]/.test(part.fileName);
    if (part.fileName !== undefined)
      head += encoded ? `; filename*=UTF-8''${encodeURIComponent(part.fileName)}` : `; filename="${part.fileName}"`;
    if (part.fileName !== undefined) head += `\r\nContent-Type: ${part.type ?? 'application/octet-stream'}`;
    chunks.push(Buffer.from(head + '\r\n\r\n'), part.content ?? Buffer.from(part.value ?? ''), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}
