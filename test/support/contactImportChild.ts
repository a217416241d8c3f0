// A real engine in a child process importing a CSV of N contacts, for the crash test:
// FAXBOT_FAULT_POINT=contacts-import-written kills it inside the import's transaction.
import { createEngine, createLogger, loadConfig } from '../../main/engine';
import { callOperation } from '../../main/engine/rpc';

const rows = Number(process.argv[2] ?? '1000');
const engine = await createEngine({
  config: loadConfig({ dataDir: process.env.FAX_DATA_DIR!, webhookPort: 0 }, {}),
  logger: createLogger({ level: 'warn' }),
  headless: true,
});
const csv = ['Name,Fax', ...Array.from({ length: rows }, (_, i) => `Clinic ${i},+1202555${String(i).padStart(4, '0')}`)].join('\n');
const result = await callOperation(engine, 'importContacts', {
  fileName: 'clinics.csv',
  contentBase64: Buffer.from(csv).toString('base64'),
});
process.stdout.write(`${JSON.stringify(result)}\n`);
await engine.close();
process.exit(0);
