// A real engine in a child process for the retention crash test: starts (which sweeps) with
// the clock DAYS ahead, prints what the sweep did, and closes. FAXBOT_FAULT_POINT=retention-marked
// kills it between marking documents expired and deleting them.
import { createEngine, createLogger, loadConfig } from '../../main/engine';

const DAY_MS = 24 * 60 * 60 * 1000;
const daysAhead = Number(process.argv[2] ?? '0');
const engine = await createEngine({
  config: loadConfig({ dataDir: process.env.FAX_DATA_DIR!, simulatorTimeScale: 0.01, webhookPort: 0 }),
  logger: createLogger({ level: 'warn' }),
  headless: true,
  clock: () => new Date(Date.now() + daysAhead * DAY_MS),
});
process.stdout.write(JSON.stringify((await engine.call('getStorageInfo', {})).lastSweep) + '\n');
await engine.close();
