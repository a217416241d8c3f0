// Drop to queued: what a person waits for between letting go of a PDF and seeing the job
// in the Outbox — staging (checks + normalization) and sending (merge, store, queue).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine, createLogger, loadConfig } from '../main/engine';
import { realPdfOfPages } from './fixtures';
import { result, timeRuns, type BenchResult } from './stats';

export async function benchDropToQueued(runs: number): Promise<BenchResult[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'faxbot-bench-'));
  // A retry base of an hour keeps the queue from sending while we measure queuing.
  const engine = await createEngine({
    config: loadConfig({ dataDir, retryBaseMs: 3_600_000, simulatorTimeScale: 100, webhookPort: 0 }, {}),
    logger: createLogger({ level: 'error' }),
    headless: true,
  });
  const out: BenchResult[] = [];
  try {
    for (const pages of [10, 100]) {
      const pdf = Buffer.from(await realPdfOfPages(pages)).toString('base64');
      const times = await timeRuns(runs, async () => {
        const staged = await engine.call('stageDocument', { fileName: `${pages}-pages.pdf`, contentBase64: pdf });
        await engine.call('sendFax', { to: '+12025550143', recipientName: 'Bench', documentIds: [staged.documentId], cover: null });
      });
      out.push(result(`drop to queued, ${pages}-page PDF`, 'ms', times, `${((pdf.length * 0.75) / 1e6).toFixed(1)} MB`));
    }
  } finally {
    await engine.close();
  }
  return out;
}
