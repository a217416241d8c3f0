// A real engine in a child process, for the storage-move crash tests. `seed N` stages N
// documents on this computer; `move` starts moving them to S3 and waits for the end
// (FAXBOT_FAULT_POINT kills it midway); `resume` only starts the engine, which resumes an
// unfinished move by itself, and waits for it to end, printing the move's last progress;
// `verify` reads every document and counts those matching their recorded SHA-256.
import { createEngine, createLogger, loadConfig } from '../../main/engine';
import { makeTestPdf } from '../support/pdfs';
import { watchMoves } from './storageMoveSetup';

const [command = 'resume', count = '1'] = process.argv.slice(2);
const env: Record<string, string> = JSON.parse(process.env.FAXBOT_TEST_STORAGE_ENV ?? '{}');
const engine = await createEngine({
  config: loadConfig({ dataDir: process.env.FAX_DATA_DIR!, simulatorTimeScale: 0.01, webhookPort: 0, env }, {}),
  logger: createLogger({ level: 'warn' }),
  headless: true,
});
const moves = watchMoves(engine);

if (command === 'seed') {
  for (let i = 0; i < Number(count); i++) {
    await engine.call('stageDocument', {
      fileName: `letter-${i}.pdf`,
      contentBase64: Buffer.from(await makeTestPdf(1, `Letter ${i}`)).toString('base64'),
    });
  }
} else if (command === 'verify') {
  // Reads every document through the engine and checks it against the hash recorded when it was stored.
  const { default: Database } = await import('better-sqlite3');
  const { createHash } = await import('node:crypto');
  const { join } = await import('node:path');
  const db = new Database(join(process.env.FAX_DATA_DIR!, 'faxbot.sqlite'), { readonly: true });
  const rows = db.prepare('SELECT id, sha256 FROM documents').all() as { id: string; sha256: string }[];
  db.close();
  let verified = 0;
  for (const row of rows) {
    const doc = await engine.call('getStagedDocument', { documentId: row.id });
    if (createHash('sha256').update(Buffer.from(doc.pdfBase64, 'base64')).digest('hex') === row.sha256) verified++;
  }
  process.stdout.write(JSON.stringify({ verified }) + '\n');
} else {
  if (command === 'move') await engine.call('startStorageMove', { to: 's3' });
  const status = await engine.call('getStorageStatus', {});
  if (status.move) process.stdout.write(JSON.stringify({ move: await moves.ended() }) + '\n');
}
await engine.close();
process.exit(0);
