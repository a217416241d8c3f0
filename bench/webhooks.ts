// The webhook listener under load: verified callbacks per second and p50/p99 latency, for a
// Phaxio-like status callback (multipart, HMAC-SHA1 over URL + sorted fields, each a new
// event so each is recorded in SQLite), beside a bare Node http server answering 200 in the
// same process and run. The ratio listener/bare is the figure; 1 and 16 concurrent clients.
import { createHmac } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../main/engine/database';
import { createLogger } from '../main/engine/log';
import { WebhookService, type WebhookRequest, type WebhookRoute } from '../main/engine/webhooks';
import { median, percentile, result, type BenchResult } from './stats';

const TOKEN = 'bench-callback-token';
const BOUNDARY = '----faxbotbench7MA4YWxkTrZu0gW';

function phaxioStyleSignature(url: string, fields: { name: string; value: string }[]): string {
  const sorted = [...fields].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return createHmac('sha1', TOKEN)
    .update(url + sorted.map((f) => f.name + f.value).join(''))
    .digest('hex');
}

const route: WebhookRoute = {
  name: 'status',
  maxBodyBytes: 1024 * 1024,
  parseForm: true,
  verify: (request: WebhookRequest) =>
    request.form !== undefined && request.headers['x-phaxio-signature'] === phaxioStyleSignature(request.publicUrl, request.form.fields),
  read: (request) => {
    const fax = JSON.parse(request.form!.fields.find((f) => f.name === 'fax')!.value) as { id: number; status: string };
    return [
      { kind: 'status', dedupeKey: `${fax.id}:fax_completed:${fax.status}`, status: { providerFaxId: String(fax.id), state: 'delivered' } },
    ];
  },
};

/** A realistic Phaxio fax_completed callback: a JSON "fax" field of about 1.5 KB among a few flags. */
function callback(id: number): { name: string; value: string }[] {
  const fax = {
    id,
    direction: 'sent',
    num_pages: 3,
    status: 'success',
    is_test: false,
    created_at: '2026-11-25T14:00:00.000-06:00',
    caller_id: '+12025550100',
    from_number: null,
    completed_at: '2026-11-25T14:01:12.000-06:00',
    cost: 21,
    tags: { job: `job-${id}` },
    recipients: [
      {
        phone_number: '+12025550143',
        status: 'success',
        retry_count: 0,
        completed_at: '2026-11-25T14:01:12.000-06:00',
        bitrate: 14400,
        resolution: 8040,
        error_type: null,
        error_id: null,
        error_message: null,
      },
    ],
    to_number: null,
    error_id: null,
    error_type: null,
    error_message: null,
    barcodes: [],
    notes: 'x'.repeat(900),
  };
  return [
    { name: 'success', value: 'true' },
    { name: 'is_test', value: 'false' },
    { name: 'direction', value: 'sent' },
    { name: 'event_type', value: 'fax_completed' },
    { name: 'fax', value: JSON.stringify(fax) },
  ];
}

function multipartBody(fields: { name: string; value: string }[]): Buffer {
  return Buffer.from(
    fields.map((f) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${f.name}"\r\n\r\n${f.value}\r\n`).join('') +
      `--${BOUNDARY}--\r\n`,
  );
}

async function drive(
  clients: number,
  total: number,
  request: (i: number) => Promise<Response>,
): Promise<{ rps: number; p50: number; p99: number }> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < total) {
        const i = next++;
        const at = performance.now();
        const response = await request(i);
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`bench callback answered ${response.status}`);
        latencies.push(performance.now() - at);
      }
    }),
  );
  return { rps: (total / (performance.now() - started)) * 1000, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

export async function benchWebhooks(runs: number): Promise<BenchResult[]> {
  const db = openDatabase({ dataDir: mkdtempSync(join(tmpdir(), 'faxbot-bench-webhooks-')) });
  const service = new WebhookService({ db, port: 0, env: {}, logger: createLogger({ level: 'error' }) });
  service.addProvider({ id: 'phaxio', routes: [route], sink: { statusChanged: () => undefined, faxReceived: async () => undefined } });
  await service.start();
  const base = service.listener.address()!;
  service.setPublicUrl(base);
  const url = service.addressBook.urlFor('phaxio', 'status')!;
  const bare = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.end());
  });
  await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
  const bareUrl = `http://127.0.0.1:${(bare.address() as { port: number }).port}/`;

  let id = 1_000_000;
  const prepared = (count: number) =>
    Array.from({ length: count }, () => {
      const fields = callback(id++);
      return { body: multipartBody(fields), signature: phaxioStyleSignature(url, fields) };
    });
  const post = (target: string, item: { body: Buffer; signature: string }) =>
    fetch(target, {
      method: 'POST',
      headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}`, 'x-phaxio-signature': item.signature },
      body: new Uint8Array(item.body),
    });

  const results: BenchResult[] = [];
  try {
    for (const [clients, total] of [
      [1, 400],
      [16, 2000],
    ] as const) {
      const listener = { rps: [] as number[], p50: [] as number[], p99: [] as number[] };
      const plain = { rps: [] as number[], p50: [] as number[], p99: [] as number[] };
      for (let run = 0; run < runs; run++) {
        const items = prepared(total);
        const a = await drive(clients, total, (i) => post(url, items[i]));
        const b = await drive(clients, total, (i) => post(bareUrl, items[i]));
        for (const [into, from] of [
          [listener, a],
          [plain, b],
        ] as const) {
          into.rps.push(from.rps);
          into.p50.push(from.p50);
          into.p99.push(from.p99);
        }
      }
      const ratio = listener.rps.map((r, i) => (r / plain.rps[i]) * 100);
      results.push(
        result(
          `webhook: verified callbacks/s, ${clients} client${clients > 1 ? 's' : ''}`,
          'req/s',
          listener.rps,
          'multipart Phaxio-style callback, HMAC verified, new event recorded in SQLite',
        ),
        result(`webhook: p50 latency, ${clients} client${clients > 1 ? 's' : ''}`, 'ms', listener.p50),
        result(`webhook: p99 latency, ${clients} client${clients > 1 ? 's' : ''}`, 'ms', listener.p99),
        result(`bare node http 200: req/s, ${clients} client${clients > 1 ? 's' : ''}`, 'req/s', plain.rps, 'same bodies, same process'),
        result(`bare node http 200: p99 latency, ${clients} client${clients > 1 ? 's' : ''}`, 'ms', plain.p99),
        result(
          `webhook/bare throughput, ${clients} client${clients > 1 ? 's' : ''}`,
          '%',
          ratio,
          `median bare p50 ${median(plain.p50).toFixed(2)} ms`,
        ),
      );
    }
  } finally {
    await service.close();
    await new Promise((resolve) => bare.close(resolve));
    db.close();
  }
  return results;
}
