// A fake Phaxio API v2.1 on 127.0.0.1 (contract §9): the §1 envelope, Basic auth, integer
// ids, multipart POST /faxes with validation, faxes driven queued → inprogress → final with
// signed webhooks, and faults on demand.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { readBody, readMultipart, type ReceivedForm } from './multipart';
import { countPages, defaultScripts, faxJson, testFailure, type FakeFax, type ScriptedOutcome } from './faxRecord';
import { WebhookPoster, type WebhookDelivery, type WebhookFaults } from './webhookPoster';

export interface FakePhaxioOptions {
  apiKey: string;
  apiSecret: string;
  callbackToken: string;
  /** Time between status steps of a fax. */
  stepMs?: number;
  /** Also post inflight `transmitting_page` events (off by default, as at Phaxio). */
  inflight?: boolean;
  webhookRetryDelaysMs?: number[];
}

/** One-shot faults on POST /faxes, consumed in order of arrival. */
export type SendFault = '429' | '503' | 'drop-after-queue' | 'hang-after-queue' | 'insufficient-funds';

export interface FakePhaxio {
  url: string;
  faxes: FakeFax[];
  webhooks: WebhookDelivery[];
  webhookFaults: WebhookFaults;
  /** Every request the fake answered, as "METHOD /path". */
  requests: string[];
  failNextSend(fault: SendFault, times?: number): void;
  script(to: string, outcomes: ScriptedOutcome[]): void;
  /** Where test-receive posts its webhook (Phaxio: the number's or account's received URL). */
  setReceiveUrl(url: string): void;
  testReceive(options: { from: string; to: string; pdf: Buffer; withFile?: boolean }): Promise<FakeFax>;
  /** Resolves when a predicate over the fake's state holds; re-checked after each change. */
  waitFor<T>(find: () => T | undefined | false, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

const E164 = /^\+[1-9]\d{6,14}$/;

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  response.end(text);
}

const fail = (response: ServerResponse, status: number, message: string) => send(response, status, { success: false, message });

export async function startFakePhaxio(options: FakePhaxioOptions): Promise<FakePhaxio> {
  const stepMs = options.stepMs ?? 20;
  const faxes: FakeFax[] = [];
  const requests: string[] = [];
  const sendFaults: SendFault[] = [];
  const scripts = defaultScripts();
  const sendsTo = new Map<string, number>();
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const watchers = new Set<() => void>();
  const changed = () => {
    for (const watch of [...watchers]) watch();
  };
  const webhookFaults: WebhookFaults = { wrongSignature: false, duplicate: false, lose: false };
  const poster = new WebhookPoster(options.callbackToken, options.webhookRetryDelaysMs ?? [25, 50, 100, 200, 400], webhookFaults, changed);
  let nextId = 323034811;
  let receiveUrl: string | null = null;
  let closed = false;

  const later = (run: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!closed) run();
    }, stepMs);
    timers.add(timer);
  };

  const sentHook = (fax: FakeFax, eventType: string, extra: { name: string; value: string }[] = []) => {
    if (!fax.callbackUrl) return;
    poster.post({
      url: fax.callbackUrl,
      faxId: fax.id,
      fields: [{ name: 'event_type', value: eventType }, { name: 'fax', value: JSON.stringify(faxJson(fax)) }, ...extra],
    });
  };

  const drive = (fax: FakeFax) => {
    later(() => {
      fax.status = 'inprogress';
      changed();
      if (options.inflight) {
        for (let page = 1; page <= fax.pages; page++)
          sentHook(fax, 'transmitting_page', [
            { name: 'page', value: String(page) },
            { name: 'recipient_phone_number', value: fax.to },
          ]);
      }
      later(() => {
        fax.status = fax.outcome === 'success' ? 'success' : 'failure';
        fax.completedAt = new Date();
        changed();
        sentHook(fax, 'fax_completed');
      });
    });
  };

  const outcomeFor = (to: string, form: ReceivedForm): ScriptedOutcome => {
    const testFail = form.fields.find((f) => f.name === 'test_fail')?.value;
    if (testFail) return testFailure(testFail);
    const n = sendsTo.get(to) ?? 0;
    sendsTo.set(to, n + 1);
    const script = scripts.get(to);
    return script ? script[Math.min(n, script.length - 1)]! : 'success';
  };

  const createFax = async (request: IncomingMessage, response: ServerResponse) => {
    let form: ReceivedForm;
    try {
      if (!String(request.headers['content-type'] ?? '').startsWith('multipart/form-data')) throw new Error('not multipart');
      form = await readMultipart(request, 20 * 1024 * 1024);
    } catch {
      return fail(response, 422, 'The request must be multipart/form-data with a file part.');
    }
    const value = (name: string) => form.fields.find((f) => f.name === name)?.value;
    const tags = Object.fromEntries(
      form.fields.flatMap((f) => (/^tag\[(.+)\]$/.exec(f.name) ? [[/^tag\[(.+)\]$/.exec(f.name)![1]!, f.value]] : [])),
    );
    const file = form.files.find((f) => f.name === 'file' || f.name === 'file[]');
    if (value('direction') === 'received') return receiveFromApi(form, file, response);
    const to = value('to') ?? value('to[]');
    if (!to || !E164.test(to)) return fail(response, 422, `The phone number "${to ?? ''}" is invalid.`);
    if (!file && !value('content_url')) return fail(response, 422, 'You must provide at least one file or content_url.');
    if (file && !file.fileName) return fail(response, 422, 'The file part must have a filename.');
    if (file && (file.contentType !== 'application/pdf' || !file.data.subarray(0, 5).equals(Buffer.from('%PDF-'))))
      return fail(response, 422, 'Mimetype not supported: the file must be a PDF.');
    const header = value('header_text');
    if (header !== undefined && [...header].length > 50) return fail(response, 422, 'header_text must be 50 characters or fewer.');
    const cancel = value('cancel_timeout');
    if (cancel !== undefined && !(/^\d+$/.test(cancel) && Number(cancel) >= 3 && Number(cancel) <= 60))
      return fail(response, 422, 'cancel_timeout must be between 3 and 60.');
    if (Object.keys(tags).length > 10) return fail(response, 422, 'You may provide at most 10 tags.');
    const fault = sendFaults.shift();
    if (fault === '429') return fail(response, 429, 'Rate limit exceeded.');
    if (fault === '503') return fail(response, 503, 'Service temporarily unavailable.');
    if (fault === 'insufficient-funds') return fail(response, 422, 'Insufficient funds: please add credit to your account.');
    const fax: FakeFax = {
      id: nextId++,
      direction: 'sent',
      status: 'queued',
      to,
      from: null,
      callerId: value('caller_id') ?? null,
      headerText: header ?? null,
      callbackUrl: value('callback_url') ?? null,
      tags,
      pages: file ? await countPages(file.data) : 1,
      pdf: file?.data ?? Buffer.alloc(0),
      createdAt: new Date(),
      completedAt: null,
      outcome: outcomeFor(to, form),
      retryCount: 0,
    };
    faxes.push(fax);
    changed();
    drive(fax);
    // Queued at Phaxio, but the client never hears so: the ambiguous case of §3.
    if (fault === 'drop-after-queue') return request.socket.destroy();
    if (fault === 'hang-after-queue') return;
    send(response, 200, { success: true, message: 'Fax queued for sending', data: { id: fax.id } });
  };

  const receive = async (from: string, to: string, pdf: Buffer, withFile: boolean): Promise<FakeFax> => {
    const fax: FakeFax = {
      id: nextId++,
      direction: 'received',
      status: 'success',
      to,
      from,
      callerId: null,
      headerText: null,
      callbackUrl: null,
      tags: {},
      pages: await countPages(pdf),
      pdf,
      createdAt: new Date(),
      completedAt: new Date(),
      outcome: 'success',
      retryCount: 0,
    };
    faxes.push(fax);
    changed();
    if (receiveUrl) {
      poster.post({
        url: receiveUrl,
        faxId: fax.id,
        fields: [
          { name: 'event_type', value: 'fax_completed' },
          { name: 'fax', value: JSON.stringify(faxJson(fax)) },
        ],
        file: withFile ? { data: pdf, fileName: `fax-${fax.id}.pdf` } : undefined,
      });
    }
    return fax;
  };

  const receiveFromApi = async (form: ReceivedForm, file: ReceivedForm['files'][number] | undefined, response: ServerResponse) => {
    if (!file) return fail(response, 422, 'You must provide a file.');
    const value = (name: string) => form.fields.find((f) => f.name === name)?.value;
    const from = value('from_number') ?? '+18773346654';
    const to = value('to_number') ?? '+18773346654';
    await receive(from, to, file.data, true);
    send(response, 200, { success: true, message: `Test fax received from ${from} to ${to}.  Calling back now...` });
  };

  const listFaxes = (url: URL, response: ServerResponse) => {
    let list = faxes;
    for (const [name, value] of url.searchParams) {
      const tag = /^tag\[(.+)\]$/.exec(name);
      if (tag) list = list.filter((f) => f.tags[tag[1]!] === value);
      else if (name === 'direction') list = list.filter((f) => f.direction === value);
      else if (name === 'status') list = list.filter((f) => f.status === value);
      else if (name === 'phone_number') list = list.filter((f) => f.to === value || f.from === value);
    }
    const perPage = Math.min(1000, Number(url.searchParams.get('per_page')) || 25);
    const page = Math.max(1, Number(url.searchParams.get('page')) || 1);
    const data = list.slice((page - 1) * perPage, page * perPage).map(faxJson);
    send(response, 200, {
      success: true,
      message: 'Retrieved faxes successfully',
      data,
      paging: { total: list.length, per_page: perPage, page },
    });
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname.replace(/^\/v2\.1/, '');
    requests.push(`${request.method} ${path}`);
    const expected = 'Basic ' + Buffer.from(`${options.apiKey}:${options.apiSecret}`).toString('base64');
    if (request.headers.authorization !== expected) {
      await readBody(request).catch(() => undefined);
      return fail(response, 401, 'Authentication failed: invalid API key or secret.');
    }
    const byId = /^\/faxes\/(\d+)(\/file)?$/.exec(path);
    if (request.method === 'POST' && path === '/faxes') return createFax(request, response);
    if (request.method === 'GET' && path === '/faxes') return listFaxes(url, response);
    if (request.method === 'GET' && path === '/account/status') {
      const count = (direction: string) => faxes.filter((f) => f.direction === direction).length;
      return send(response, 200, {
        success: true,
        message: 'Account status retrieved successfully',
        data: {
          balance: 1076,
          faxes_today: { sent: count('sent'), received: count('received') },
          faxes_this_month: { sent: count('sent'), received: count('received') },
        },
      });
    }
    if (request.method === 'GET' && byId) {
      const fax = faxes.find((f) => f.id === Number(byId[1]));
      if (!fax) return fail(response, 404, 'Not found');
      if (!byId[2]) return send(response, 200, { success: true, message: 'Metadata for fax', data: faxJson(fax) });
      response.writeHead(200, {
        'content-type': 'application/pdf',
        'content-disposition': `attachment; filename="fax-${fax.id}.pdf"`,
        'content-length': fax.pdf.length,
      });
      return response.end(fax.pdf);
    }
    await readBody(request).catch(() => undefined);
    fail(response, 404, 'Not found');
  };

  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) fail(response, 500, 'Internal error in the fake');
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v2.1`,
    faxes,
    webhooks: poster.deliveries,
    webhookFaults,
    requests,
    failNextSend: (fault, times = 1) => {
      for (let i = 0; i < times; i++) sendFaults.push(fault);
    },
    script: (to, outcomes) => void scripts.set(to, outcomes),
    setReceiveUrl: (url) => void (receiveUrl = url),
    testReceive: ({ from, to, pdf, withFile = true }) => receive(from, to, pdf, withFile),
    waitFor: <T>(find: () => T | undefined | false, timeoutMs = 10_000) =>
      new Promise<T>((resolve, reject) => {
        const check = () => {
          const found = find();
          if (found === undefined || found === false) return;
          watchers.delete(check);
          clearTimeout(timer);
          resolve(found);
        };
        const timer = setTimeout(() => {
          watchers.delete(check);
          reject(new Error('Timed out waiting on the fake Phaxio'));
        }, timeoutMs);
        watchers.add(check);
        check();
      }),
    close: async () => {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      await poster.close();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
