// Fan-out: a send to 500 recipients queued — the To opened, one document stored, 500 jobs
// and 501 audit entries written in one transaction — timed from the call to its answer. The
// queue is held (a sending window that is closed) so nothing is sent while we measure.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine, createLogger, loadConfig } from '../main/engine';
import { realPdfOfPages } from './fixtures';
import { result, timeRuns, type BenchResult } from './stats';

const RECIPIENTS = 500;

export async function benchFanout(runs: number): Promise<BenchResult[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'faxbot-bench-fanout-'));
  const engine = await createEngine({
    config: loadConfig({ dataDir, retryBaseMs: 3_600_000, simulatorTimeScale: 100, webhookPort: 0 }, {}),
    logger: createLogger({ level: 'error' }),
    headless: true,
  });
  const out: BenchResult[] = [];
  try {
    // Closed all week (a window on no day cannot be saved, so: one minute on a day that is not today).
    const notToday = (new Date().getDay() + 3) % 7;
    await engine.call('updateSettings', {
      sendingWindowOn: true,
      sendingWindowStart: '03:00',
      sendingWindowEnd: '03:01',
      sendingWindowDays: [notToday],
    });
    const pdf = Buffer.from(await realPdfOfPages(2)).toString('base64');
    const fanOut: number[] = [];
    const whole = await timeRuns(runs, async () => {
      const staged = await engine.call('stageDocument', { fileName: 'notice.pdf', contentBase64: pdf });
      const recipients = Array.from({ length: RECIPIENTS }, (_, i) => ({ to: `+1202555${1000 + i}`, name: `Practice ${i}` }));
      const started = performance.now();
      const send = await engine.call('sendFaxes', {
        recipients,
        documentIds: [staged.documentId],
        cover: { subject: 'Notice', notes: '' },
      });
      fanOut.push(performance.now() - started);
      if (send.recipients !== RECIPIENTS) throw new Error(`queued ${send.recipients} of ${RECIPIENTS}`);
    });
    out.push(
      result(
        `fan-out of ${RECIPIENTS} recipients queued (sendFaxes)`,
        'ms',
        fanOut,
        'goal < 1000 ms; one transaction, 500 jobs + 501 audit entries',
      ),
    );
    out.push(result(`drop to ${RECIPIENTS} recipients queued (stage + sendFaxes)`, 'ms', whole, '2-page PDF'));
  } finally {
    await engine.close();
  }
  return out;
}
