// A real engine in a child process, for crash tests: `send N NUMBER` queues N faxes and
// waits; `queue N NUMBER` only queues them and stops; `broadcast N` sends one fax to N
// numbers (one send, +1 202 555 1000 onwards) and waits; `resume` only restarts the engine. Either way it prints one JSON line per final
// job and `{"done":…}` once nothing is left to send. FAXBOT_FAULT_POINT kills it midway.
import { createEngine, createLogger, loadConfig } from '../../main/engine';
import { makeTestPdf } from './pdfs';

const [command = 'resume', count = '1', number = '+12025550143'] = process.argv.slice(2);
const dataDir = process.env.FAX_DATA_DIR!;
const engine = await createEngine({
  config: loadConfig({ dataDir, simulatorTimeScale: 0.01, retryBaseMs: 20, webhookPort: Number(process.env.FAXBOT_WEBHOOK_PORT ?? 0) }),
  logger: createLogger({ level: 'warn' }),
  headless: true,
});

// Crash tests time their kills from here, not from the spawn (tsx start-up varies with load).
process.stdout.write('engine started\n');

const finished = async () => {
  const active = await engine.call('listJobs', { limit: 1, status: ['queued', 'preparing', 'sending'] });
  return active.total === 0;
};

// Eight lines at once: a broadcast of hundreds is over in seconds.
if (command === 'broadcast') {
  await engine.call('updateSettings', { concurrency: 8 });
  const pdf = Buffer.from(await makeTestPdf(1)).toString('base64');
  const staged = await engine.call('stageDocument', { fileName: 'notice.pdf', contentBase64: pdf });
  const recipients = Array.from({ length: Number(count) }, (_, i) => ({ to: `+1202555${1000 + i}`, name: `Recipient ${i}` }));
  await engine.call('sendFaxes', { recipients, documentIds: [staged.documentId], cover: { subject: 'Notice', notes: '' } });
  process.stdout.write('send queued\n');
}

if (command === 'send' || command === 'queue') {
  const pdf = Buffer.from(await makeTestPdf(2)).toString('base64');
  for (let i = 0; i < Number(count); i++) {
    const staged = await engine.call('stageDocument', { fileName: `doc${i}.pdf`, contentBase64: pdf });
    await engine.call('sendFax', { to: number, recipientName: `Recipient ${i}`, documentIds: [staged.documentId], cover: null });
  }
  if (command === 'queue') {
    await engine.close();
    process.exit(0);
  }
}

await new Promise<void>((resolve) => {
  const check = async () => {
    if (await finished()) resolve();
  };
  engine.on((event) => {
    if (event === 'jobChanged') void check();
  });
  void check();
});

const all = await engine.call('listJobs', { limit: 500 });
process.stdout.write(
  JSON.stringify({ done: all.items.map((j) => ({ id: j.id, status: j.status, attempts: j.attempts })), total: all.total }) + '\n',
);
await engine.close();
process.exit(0);
