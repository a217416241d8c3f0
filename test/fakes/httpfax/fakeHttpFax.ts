// A made-up but realistic cloud fax service on 127.0.0.1, the stand-in a declarative HTTP
// manifest is proven against: bearer auth, multipart POST /v1/faxes (to + file, optional
// reference; an Idempotency-Key header is honoured), GET /v1/faxes/{id}, GET /v1/faxes?reference=,
// DELETE /v1/faxes/{id}. Faxes go queued → sending → delivered or failed, one step each stepMs.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { readBody, readMultipart, type ReceivedForm } from '../phaxio/multipart';
import { countPages } from '../phaxio/faxRecord';

export type HttpFaxStatus = 'queued' | 'sending' | 'delivered' | 'failed' | 'canceled' | (string & {});

export interface HttpFaxRecord {
  id: string;
  to: string;
  reference: string | null;
  status: HttpFaxStatus;
  pages: number;
  fileBytes: number;
  error: string | null;
  /** Where the fax stops: delivered, failed with an error, or a status the manifest may not know. */
  outcome: { status: 'delivered' } | { status: 'failed'; error: string } | { status: string };
}

/** One-shot misbehaviour of the next answer (any route), for the client's guards. */
export type HttpFaxFault = 'redirect-foreign' | 'redirect-same' | 'oversize' | 'hang' | 'garbage' | 'drop-after-accept';

export interface FakeHttpFax {
  url: string;
  faxes: HttpFaxRecord[];
  /** "METHOD /path" of every request, in order. */
  requests: string[];
  /** The fax number whose faxes fail with `error`, or end in another status. */
  script(to: string, outcome: HttpFaxRecord['outcome']): void;
  failNext(fault: HttpFaxFault): void;
  waitFor<T>(find: () => T | undefined | false, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

export const HTTPFAX_BUSY_NUMBER = '+12025550166';
export const HTTPFAX_BUSY_ERROR = 'The line was busy on every try (3 attempts)';
const E164 = /^\+[1-9]\d{6,14}$/;

function reply(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

const problem = (response: ServerResponse, status: number, message: string) => reply(response, status, { error: { message } });

/** The JSON flavour of POST /v1/faxes ({ to, file_base64, reference }) read as the same form. */
function jsonForm(body: Record<string, unknown>): ReceivedForm {
  const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : undefined);
  const fields = ['to', 'reference', 'caller_id'].flatMap((name) => (text(name) === undefined ? [] : [{ name, value: text(name)! }]));
  const file = text('file_base64');
  return {
    fields,
    files: file ? [{ name: 'file', fileName: 'fax.pdf', contentType: 'application/pdf', data: Buffer.from(file, 'base64') }] : [],
  };
}

export async function startFakeHttpFax(options: { token: string; stepMs?: number }): Promise<FakeHttpFax> {
  const stepMs = options.stepMs ?? 20;
  const faxes: HttpFaxRecord[] = [];
  const requests: string[] = [];
  const faults: HttpFaxFault[] = [];
  const scripts = new Map<string, HttpFaxRecord['outcome']>([[HTTPFAX_BUSY_NUMBER, { status: 'failed', error: HTTPFAX_BUSY_ERROR }]]);
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const watchers = new Set<() => void>();
  let counter = 0;
  const changed = () => {
    for (const watch of [...watchers]) watch();
  };
  const later = (run: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      run();
      changed();
    }, stepMs);
    timers.add(timer);
  };
  const drive = (fax: HttpFaxRecord) =>
    later(() => {
      if (fax.status !== 'queued') return;
      fax.status = 'sending';
      later(() => {
        if (fax.status !== 'sending') return;
        fax.status = fax.outcome.status as HttpFaxStatus;
        if ('error' in fax.outcome) fax.error = fax.outcome.error;
      });
    });
  const view = (fax: HttpFaxRecord) => ({
    id: fax.id,
    to: fax.to,
    reference: fax.reference,
    status: fax.status,
    pages: fax.pages,
    pages_sent: fax.status === 'delivered' ? fax.pages : 0,
    error: fax.error ? { message: fax.error } : null,
  });

  const create = async (request: IncomingMessage, response: ServerResponse, dropAfter: boolean) => {
    let form: ReceivedForm;
    try {
      const type = String(request.headers['content-type'] ?? '');
      if (type.startsWith('application/json'))
        form = jsonForm(JSON.parse((await readBody(request)).toString('utf8')) as Record<string, unknown>);
      else if (type.startsWith('multipart/form-data')) form = await readMultipart(request, 20 * 1024 * 1024);
      else throw new Error('neither multipart nor JSON');
    } catch {
      return problem(
        response,
        415,
        'Send the fax as multipart/form-data with a to field and a file part, or as JSON with to and file_base64.',
      );
    }
    const to = form.fields.find((f) => f.name === 'to')?.value ?? '';
    const file = form.files.find((f) => f.name === 'file');
    const reference = String(request.headers['idempotency-key'] ?? '') || form.fields.find((f) => f.name === 'reference')?.value || null;
    if (!E164.test(to)) return problem(response, 422, `"${to}" is not a fax number in international format (+15551234567).`);
    if (!file || !file.data.subarray(0, 5).equals(Buffer.from('%PDF-')))
      return problem(response, 422, 'The file part must be a PDF document.');
    // A repeated reference answers with the fax already taken: the service dedupes, as its docs say.
    const seen = reference ? faxes.find((f) => f.reference === reference) : undefined;
    if (seen) return reply(response, 200, view(seen));
    const fax: HttpFaxRecord = {
      id: `fx_${(++counter).toString().padStart(6, '0')}`,
      to,
      reference,
      status: 'queued',
      pages: await countPages(file.data),
      fileBytes: file.data.length,
      error: null,
      outcome: scripts.get(to) ?? { status: 'delivered' },
    };
    faxes.push(fax);
    changed();
    drive(fax);
    if (dropAfter) return request.socket.destroy();
    reply(response, 201, view(fax));
  };

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    requests.push(`${request.method} ${url.pathname}`);
    changed();
    if (request.headers.authorization !== `Bearer ${options.token}`) return problem(response, 401, 'Invalid API token.');
    const fault = faults.shift();
    if (fault === 'hang') return; // never answers; the client's timeout must end it
    if (fault === 'garbage') {
      response.writeHead(200, { 'content-type': 'text/html' });
      return response.end('<html><body>502 Bad Gateway (but with a 200)</body></html>');
    }
    if (fault === 'oversize') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"id":"fx_x","padding":"');
      response.end('x'.repeat(4 * 1024 * 1024) + '"}');
      return;
    }
    if (fault === 'redirect-foreign' || fault === 'redirect-same') {
      const to = fault === 'redirect-foreign' ? `https://collector.evil.example${url.pathname}` : `${url.pathname}${url.search}`;
      response.writeHead(307, { location: to });
      return response.end();
    }
    const one = /^\/v1\/faxes\/(fx_\d+)$/.exec(url.pathname);
    if (request.method === 'POST' && url.pathname === '/v1/faxes') return void create(request, response, fault === 'drop-after-accept');
    if (request.method === 'GET' && url.pathname === '/v1/faxes') {
      const reference = url.searchParams.get('reference');
      return reply(response, 200, { data: faxes.filter((f) => !reference || f.reference === reference).map(view) });
    }
    const fax = one ? faxes.find((f) => f.id === one[1]) : undefined;
    if (one && !fax) return problem(response, 404, `No fax ${one[1]}.`);
    if (fax && request.method === 'GET') return reply(response, 200, view(fax));
    if (fax && request.method === 'DELETE') {
      if (fax.status !== 'queued' && fax.status !== 'sending') return problem(response, 409, `Fax ${fax.id} is already ${fax.status}.`);
      fax.status = 'canceled';
      changed();
      return reply(response, 200, view(fax));
    }
    problem(response, 404, 'No such endpoint.');
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    faxes,
    requests,
    script: (to, outcome) => void scripts.set(to, outcome),
    failNext: (fault) => void faults.push(fault),
    waitFor: <T>(find: () => T | undefined | false, timeoutMs = 10_000) =>
      new Promise<T>((resolve, reject) => {
        const check = () => {
          const found = find();
          if (found !== undefined && found !== false) {
            watchers.delete(check);
            clearTimeout(timer);
            resolve(found);
          }
        };
        const timer = setTimeout(() => {
          watchers.delete(check);
          reject(new Error('The fake fax service never reached the awaited state'));
        }, timeoutMs);
        watchers.add(check);
        check();
      }),
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
