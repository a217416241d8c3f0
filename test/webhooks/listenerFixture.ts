// A real WebhookService on a fresh SQLite file with a provider whose routes are written here:
// an HMAC-signed status route (urlencoded or multipart) and an inbound route with a file.
import { createHmac } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FaxError } from '../../shared/errors';
import { openDatabase, type Db } from '../../main/engine/database';
import { createLogger } from '../../main/engine/log';
import type { ProviderFaxStatus, ReceivedFax } from '../../main/engine/providers';
import { WebhookService, type TunnelStarter, type WebhookRequest, type WebhookRoute } from '../../main/engine/webhooks';
import { keepLogLine } from '../support/testLog';

export const TEST_PROVIDER = 'testfax';
export const SIGNING_KEY = 'test-callback-token';

/** Like Phaxio's scheme, with SHA-256: the public URL, then sorted name+value, then sorted file hashes. */
export function signRequest(
  publicUrl: string,
  fields: { name: string; value: string }[],
  files: { name: string; data: Buffer }[] = [],
): string {
  const text =
    publicUrl +
    [...fields]
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map((f) => f.name + f.value)
      .join('') +
    [...files]
      .sort((a, b) => (a.name < b.name ? -1 : 1))
      .map((f) => f.name + createHmac('sha256', SIGNING_KEY).update(f.data).digest('hex'))
      .join('');
  return createHmac('sha256', SIGNING_KEY).update(text).digest('hex');
}

function verified(request: WebhookRequest): boolean {
  const form = request.form;
  if (!form) return false;
  return request.headers['x-test-signature'] === signRequest(request.publicUrl, form.fields, form.files);
}

const field = (request: WebhookRequest, name: string) => request.form?.fields.find((f) => f.name === name)?.value;

export const testRoutes: WebhookRoute[] = [
  {
    name: 'status',
    maxBodyBytes: 64 * 1024,
    parseForm: true,
    verify: verified,
    read(request) {
      const faxId = field(request, 'fax_id');
      const status = field(request, 'status');
      if (!faxId || !status) throw new FaxError('invalid_input', 'a status callback needs fax_id and status');
      if (status === 'noise') return [{ kind: 'ignored', reason: 'not a status we act on' }];
      if (status !== 'delivered' && status !== 'failed') throw new FaxError('invalid_input', `unknown status ${status}`);
      return [{ kind: 'status', dedupeKey: `${faxId}:status:${status}`, status: { providerFaxId: faxId, state: status } }];
    },
  },
  {
    name: 'inbound',
    maxBodyBytes: 2 * 1024 * 1024,
    parseForm: true,
    verify: verified,
    read(request) {
      const faxId = field(request, 'fax_id');
      const file = request.form?.files.find((f) => f.name === 'file');
      if (!faxId || !file) throw new FaxError('invalid_input', 'an inbound callback needs fax_id and file');
      return [
        {
          kind: 'received',
          dedupeKey: `${faxId}:received`,
          fax: { providerFaxId: faxId, from: '+12025550143', to: '+12025550100', pdf: file.data, receivedAt: new Date(), pages: 1 },
        },
      ];
    },
  },
];

export interface ListenerFixture {
  service: WebhookService;
  db: Db;
  base: string;
  secret: string;
  statuses: ProviderFaxStatus[];
  received: ReceivedFax[];
  /** Replace to slow down or fail the sink. */
  sinkHooks: { beforeStatus?: () => void; beforeReceive?: () => Promise<void> };
  close(): Promise<void>;
}

export async function startListener(
  options: {
    env?: Record<string, string>;
    tunnelStarter?: TunnelStarter;
    selfTestTimeoutMs?: number;
    publicUrl?: 'loopback';
    /** Collects what the listener logs at error level (to prove a case logged nothing). */
    logLines?: string[];
  } = {},
): Promise<ListenerFixture> {
  const db = openDatabase({ dataDir: mkdtempSync(join(tmpdir(), 'faxbot-webhooks-')) });
  const write = options.logLines ? (line: string) => void options.logLines!.push(line) : keepLogLine;
  const service = new WebhookService({
    db,
    port: 0,
    env: options.env ?? {},
    logger: createLogger({ level: 'error', write }),
    tunnelStarter: options.tunnelStarter,
    selfTestTimeoutMs: options.selfTestTimeoutMs,
  });
  const statuses: ProviderFaxStatus[] = [];
  const received: ReceivedFax[] = [];
  const sinkHooks: ListenerFixture['sinkHooks'] = {};
  service.addProvider({
    id: TEST_PROVIDER,
    routes: testRoutes,
    sink: {
      statusChanged(status) {
        sinkHooks.beforeStatus?.();
        statuses.push(status);
      },
      async faxReceived(fax) {
        await sinkHooks.beforeReceive?.();
        received.push(fax);
      },
    },
  });
  await service.start();
  const base = service.listener.address()!;
  if (options.publicUrl === 'loopback') service.setPublicUrl(base);
  const secret = service.store.pathSecret();
  return {
    service,
    db,
    base,
    secret,
    statuses,
    received,
    sinkHooks,
    async close() {
      await service.close();
      db.close();
    },
  };
}

export interface RawReply {
  status: number;
  body: string;
}

/** One raw HTTP request; a connection the server cut off answers status 0. */
export function rawRequest(
  base: string,
  path: string,
  init: { method?: string; headers?: Record<string, string | number>; body?: Buffer | string; chunks?: Buffer[] } = {},
): Promise<RawReply> {
  const url = new URL(base);
  return new Promise((resolve) => {
    const req = request(
      { host: url.hostname, port: url.port, path, method: init.method ?? 'POST', headers: init.headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
        res.on('error', () => resolve({ status: res.statusCode ?? 0, body: '' }));
      },
    );
    req.on('error', () => resolve({ status: 0, body: '' }));
    if (init.chunks) {
      const write = (i: number): void => {
        if (i >= init.chunks!.length || req.destroyed) return void req.end();
        if (req.write(init.chunks![i])) write(i + 1);
        else req.once('drain', () => write(i + 1));
      };
      write(0);
    } else req.end(init.body);
  });
}

export function urlEncoded(fields: { name: string; value: string }[]): string {
  return fields.map((f) => `${encodeURIComponent(f.name)}=${encodeURIComponent(f.value)}`).join('&');
}

/** A multipart body built by hand, so tests control every byte. */
export function multipart(
  boundary: string,
  fields: { name: string; value: string }[],
  files: { name: string; fileName: string; data: Buffer }[] = [],
): Buffer {
  const parts: Buffer[] = [];
  for (const f of fields)
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.name}"\r\n\r\n${f.value}\r\n`));
  for (const f of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${f.name}"; filename="${f.fileName}"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      f.data,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(parts);
}

export function count(db: Db, table: string): number {
  return (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
}
