// The REST API under load, against `faxbot serve` in its own process as a client would meet
// it: requests per second and p99 latency for GET /fax/{id} and for POST /fax with a 1-page
// PDF, with 1 and 16 concurrent clients; and what the key-check cache saves (scrypt vs cached).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine, createLogger, loadConfig } from '../main/engine';
import { startServe } from './headlessProcess';
import { realPdfOfPages } from './fixtures';
import { percentile, result, type BenchResult } from './stats';

const TO = '+12025550143';

/** `total` requests spread over `clients` concurrent loops; answers requests/s and p99 ms. */
async function load(clients: number, total: number, once: () => Promise<Response>): Promise<{ rps: number; p99: number }> {
  const latencies: number[] = [];
  let left = total;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (left-- > 0) {
        const at = performance.now();
        const response = await once();
        await response.arrayBuffer();
        if (response.status >= 300) throw new Error(`bench request answered ${response.status}`);
        latencies.push(performance.now() - at);
      }
    }),
  );
  return { rps: (total / (performance.now() - started)) * 1000, p99: percentile(latencies, 99) };
}

async function keyCheckCost(runs: number): Promise<BenchResult[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'faxbot-bench-keys-'));
  const engine = await createEngine({
    config: loadConfig({ dataDir, apiEnabled: true, webhookPort: 0 }, {}),
    logger: createLogger({ level: 'error' }),
    headless: true,
  });
  try {
    const cold: number[] = [];
    const warm: number[] = [];
    for (let i = 0; i < runs; i++) {
      const { secret } = await engine.call('createApiKey', { name: `bench ${i}`, scopes: ['fax:read'] });
      let at = performance.now();
      await engine.api.authenticate(secret);
      cold.push(performance.now() - at);
      at = performance.now();
      await engine.api.authenticate(secret);
      warm.push(performance.now() - at);
    }
    return [result('API key check, first use (scrypt)', 'ms', cold), result('API key check, cached', 'ms', warm)];
  } finally {
    await engine.close();
  }
}

export async function benchRestApi(runs: number): Promise<BenchResult[]> {
  const results = await keyCheckCost(runs);
  // No rate limit here: the point is what the server can carry.
  const serve = await startServe({ FAXBOT_API_ENABLED: 'true', MAX_REQUESTS_PER_MINUTE: '0' });
  try {
    const { secret } = (await serve.rpc('createApiKey', { name: 'bench', scopes: ['fax:send', 'fax:read'] })) as { secret: string };
    const base = serve.url.origin;
    const headers = { 'X-API-Key': secret };
    const pdf = new Uint8Array(await realPdfOfPages(1));
    const post = () => {
      const form = new FormData();
      form.append('to', TO);
      form.append('file', new Blob([pdf], { type: 'application/pdf' }), 'one-page.pdf');
      return fetch(`${base}/fax`, { method: 'POST', headers, body: form });
    };
    const first = (await (await post()).json()) as { id: string };
    const get = () => fetch(`${base}/fax/${first.id}`, { headers });

    const plan: Array<[string, number, number, () => Promise<Response>]> = [
      ['GET /fax/{id}, 1 client', 1, 200, get],
      ['GET /fax/{id}, 16 clients', 16, 800, get],
      ['POST /fax 1-page PDF, 1 client', 1, 15, post],
      ['POST /fax 1-page PDF, 16 clients', 16, 48, post],
    ];
    for (const [name, clients, total, once] of plan) {
      const rps: number[] = [];
      const p99: number[] = [];
      for (let i = 0; i < runs; i++) {
        const measured = await load(clients, total, once);
        rps.push(measured.rps);
        p99.push(measured.p99);
      }
      results.push(result(`${name}: throughput`, 'req/s', rps, `${total} requests a run`), result(`${name}: p99 latency`, 'ms', p99));
    }
  } finally {
    await serve.stop();
  }
  return results;
}
