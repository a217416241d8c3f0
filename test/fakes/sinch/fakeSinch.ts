// A fake Sinch Fax API v3 on 127.0.0.1, built from contracts/sinch-fax-v3.md §8: the OAuth2
// token endpoint, the project's faxes and services, callbacks, and faults on demand.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { deliverCallback, type CallbackContentType } from './callbacks';
import { FaxBook, wireFax, type FakeFax, type ScriptedOutcome } from './faxBook';
import { readSendRequest } from './sendRequest';

export interface FakeSinchOptions {
  projectId: string;
  keyId: string;
  keySecret: string;
  tokenTtlSeconds?: number;
  /** Time between QUEUED → IN_PROGRESS → final. */
  stepMs?: number;
  callbackRetries?: number;
  callbackRetryDelayMs?: number;
}

export type FaultTarget = 'token' | 'send' | 'get' | 'list' | 'services';
interface Fault {
  status: number;
  body?: string;
  headers?: Record<string, string>;
}

export interface FakeSinchControls {
  /** How the next `times` sends to this number end (default COMPLETED; +19898989898 always succeeds). */
  outcomeFor(number: string, outcome: ScriptedOutcome, times?: number): void;
  /** The next `times` requests of this kind get this reply instead. */
  failNext(target: FaultTarget, fault: Fault, times?: number): void;
  /** The next send is accepted (the fax exists and goes on) but the connection is reset. */
  resetAfterAccept(): void;
  /** The next send is accepted but never answered: the client's timeout fires. */
  stallAfterAccept(): void;
  /** Every issued token now counts as expired. */
  expireTokens(): void;
  dropCallbacks(drop: boolean): void;
  duplicateCallbacks(extra: number): void;
  /** Deliver an INCOMING_FAX to `url` (credentials in it are sent as Basic); the final HTTP status. */
  deliverInbound(input: {
    url: string;
    contentType: CallbackContentType;
    from: string;
    to: string;
    pdf: Uint8Array;
    pages: number;
    withFile?: boolean;
  }): Promise<{ faxId: string; status: number }>;
  readonly tokensIssued: number;
  readonly sendRequests: number;
  readonly callbackLog: FakeSinchCallbackLog;
}
export type FakeSinchCallbackLog = FaxBook['callbackLog'];

export interface FakeSinch {
  /** The SINCH_BASE_URL to use (ends in /v3). */
  url: string;
  authUrl: string;
  faxes: Map<string, FakeFax>;
  controls: FakeSinchControls;
  close(): Promise<void>;
}

const ERRORS = {
  400: { code: '400', error: 'Bad Request', message: 'The request could not be understood by the server due to malformed syntax.' },
  402: { code: '402', error: 'Payment required', message: 'You have reached 0 balance on your account please make a payment.' },
  404: { code: '404', error: 'Not found', message: 'The resource is not found, not available, or does not exist.' },
};

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
  const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { ...(text && typeof body !== 'string' ? { 'content-type': 'application/json' } : {}), ...headers });
  res.end(text);
}

export async function startFakeSinch(options: FakeSinchOptions): Promise<FakeSinch> {
  const ttl = options.tokenTtlSeconds ?? 3600;
  const book = new FaxBook(options.projectId, options.stepMs ?? 10, {
    retries: options.callbackRetries ?? 3,
    retryDelayMs: options.callbackRetryDelayMs ?? 20,
    timeoutMs: 5000,
    duplicates: 0,
  });
  const tokens = new Map<string, number>(); // token → expiry (ms)
  const faults = new Map<FaultTarget, Fault[]>();
  let resetNextSend = false;
  let stallNextSend = false;
  let tokensIssued = 0;
  let sendRequests = 0;
  const basic = 'Basic ' + Buffer.from(`${options.keyId}:${options.keySecret}`).toString('base64');
  const projectPrefix = `/v3/projects/${options.projectId}`;

  const takeFault = (target: FaultTarget): Fault | undefined => faults.get(target)?.shift();

  const token = async (req: IncomingMessage, res: ServerResponse) => {
    const body = (await readBody(req)).toString('utf8');
    const fault = takeFault('token');
    if (fault) return send(res, fault.status, fault.body ?? '', fault.headers);
    if (req.headers.authorization !== basic)
      return send(res, 401, { error: 'invalid_client', error_description: 'Client authentication failed' });
    if (
      new URLSearchParams(body).get('grant_type') !== 'client_credentials' ||
      !String(req.headers['content-type']).startsWith('application/x-www-form-urlencoded')
    ) {
      return send(res, 400, { error: 'unsupported_grant_type' });
    }
    const value = randomBytes(24).toString('base64url');
    tokens.set(value, Date.now() + ttl * 1000);
    tokensIssued += 1;
    send(res, 200, { access_token: value, expires_in: ttl, scope: '', token_type: 'bearer' });
  };

  /** Bearer (OAuth) or Basic (test projects); anything else is 401 with an empty body. */
  const authorized = (req: IncomingMessage, res: ServerResponse): boolean => {
    const header = req.headers.authorization ?? '';
    if (header === basic) return true;
    const bearer = header.startsWith('Bearer ') ? header.slice(7) : '';
    const expiry = tokens.get(bearer);
    if (expiry !== undefined && Date.now() < expiry) return true;
    if (expiry !== undefined)
      send(res, 401, undefined, { 'www-authenticate': 'Bearer error="invalid_token", error_description="token expired"' });
    else send(res, 401);
    return false;
  };

  const api = async (req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams) => {
    const body = await readBody(req);
    const method = req.method ?? 'GET';
    if (method === 'POST' && path === '/faxes') sendRequests += 1;
    if (!authorized(req, res)) return;
    const fileMatch = /^\/faxes\/([^/]+)\/file$/.exec(path);
    const faxMatch = /^\/faxes\/([^/]+)$/.exec(path);
    const target: FaultTarget | undefined =
      method === 'POST' && path === '/faxes'
        ? 'send'
        : method === 'GET' && path === '/faxes'
          ? 'list'
          : method === 'GET' && faxMatch
            ? 'get'
            : path === '/services'
              ? 'services'
              : undefined;
    const fault = target && takeFault(target);
    if (fault) return send(res, fault.status, fault.body ?? '', fault.headers);

    if (method === 'POST' && path === '/faxes') {
      const parsed = await readSendRequest(String(req.headers['content-type'] ?? ''), body);
      if ('violations' in parsed) return send(res, parsed.status, parsed.body);
      const accepted = parsed.recipients.map((to) => book.accept({ ...parsed.fax, to }));
      if (stallNextSend) {
        stallNextSend = false;
        return; // the socket stays open until the client gives up or close()
      }
      if (resetNextSend) {
        resetNextSend = false;
        req.socket.destroy();
        return;
      }
      return send(res, 200, accepted.length === 1 ? wireFax(accepted[0]) : { faxes: accepted.map(wireFax) });
    }
    if (method === 'GET' && path === '/faxes') return list(res, query);
    if (faxMatch && method === 'GET') {
      const fax = book.faxes.get(decodeURIComponent(faxMatch[1]));
      return fax ? send(res, 200, wireFax(fax)) : send(res, 404, ERRORS[404]);
    }
    if (fileMatch) {
      const fax = book.faxes.get(decodeURIComponent(fileMatch[1]));
      if (!fax?.pdf) return send(res, 404, ERRORS[404]);
      if (method === 'DELETE') {
        delete fax.pdf;
        return send(res, 200);
      }
      res.writeHead(200, { 'content-type': 'application/pdf' });
      return res.end(Buffer.from(fax.pdf));
    }
    if (method === 'GET' && path === '/services') {
      return send(res, 200, {
        services: [
          {
            id: '01K1TTENC4TSJ0LLYJ1GGLYJU1Y',
            projectId: options.projectId,
            name: 'Default',
            defaultForProject: true,
            incomingWebhookUrl: '',
            webhookContentType: 'multipart/form-data',
            numberOfRetries: 3,
            retryDelaySeconds: 60,
            saveInboundFaxDocuments: true,
            saveOutboundFaxDocuments: true,
          },
        ],
        page: 1,
        totalPages: 1,
      });
    }
    send(res, 404, ERRORS[404]);
  };

  const list = (res: ServerResponse, query: URLSearchParams) => {
    const pageSize = Number(query.get('pageSize') ?? 100);
    const page = Number(query.get('page') ?? 1);
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000 || !Number.isInteger(page) || page < 1)
      return send(res, 400, ERRORS[400]);
    const label = query.get('labels');
    const [labelKey, labelValue] = label ? [label.slice(0, label.indexOf(':')), label.slice(label.indexOf(':') + 1)] : [];
    const matches = [...book.faxes.values()]
      .filter((fax) => !query.get('direction') || fax.direction === query.get('direction'))
      .filter((fax) => !query.get('status') || fax.status === query.get('status'))
      .filter((fax) => !query.get('to') || fax.to === query.get('to'))
      .filter((fax) => !query.get('from') || fax.from.startsWith(query.get('from') ?? ''))
      .filter((fax) => !labelKey || fax.labels[labelKey] === labelValue)
      .reverse();
    const totalPages = Math.max(1, Math.ceil(matches.length / pageSize));
    send(res, 200, { faxes: matches.slice((page - 1) * pageSize, page * pageSize).map(wireFax), page, totalPages });
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const handle = async () => {
      if (req.method === 'POST' && url.pathname === '/oauth2/token') return token(req, res);
      if (url.pathname.startsWith('/v3/projects/')) {
        if (!url.pathname.startsWith(projectPrefix + '/')) {
          await readBody(req);
          return send(res, 401); // another project: Sinch answers as for wrong credentials
        }
        return api(req, res, url.pathname.slice(projectPrefix.length), url.searchParams);
      }
      send(res, 404, ERRORS[404]);
    };
    handle().catch(() => {
      if (!res.headersSent) send(res, 500, '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const controls: FakeSinchControls = {
    outcomeFor: (number, outcome, times = Infinity) =>
      void book.outcomes.set(number, [...(book.outcomes.get(number) ?? []), { outcome, remaining: times }]),
    failNext: (target, fault, times = 1) =>
      faults.set(target, [...(faults.get(target) ?? []), ...Array.from({ length: times }, () => fault)]),
    resetAfterAccept: () => void (resetNextSend = true),
    stallAfterAccept: () => void (stallNextSend = true),
    expireTokens: () => {
      for (const key of tokens.keys()) tokens.set(key, 0);
    },
    dropCallbacks: (drop) => void (book.dropCallbacks = drop),
    duplicateCallbacks: (extra) => void (book.policy.duplicates = extra),
    deliverInbound: async (input) => {
      const fax = book.addInbound(input);
      const status = await book.track(
        deliverCallback(
          {
            url: input.url,
            contentType: input.contentType,
            event: 'INCOMING_FAX',
            fax: wireFax(fax),
            file: input.withFile === false ? undefined : input.pdf,
          },
          book.policy,
          book.callbackLog,
        ),
      );
      return { faxId: fax.id, status };
    },
    get tokensIssued() {
      return tokensIssued;
    },
    get sendRequests() {
      return sendRequests;
    },
    callbackLog: book.callbackLog,
  };

  return {
    url: `${base}/v3`,
    authUrl: `${base}/oauth2/token`,
    faxes: book.faxes,
    controls,
    close: async () => {
      await book.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
