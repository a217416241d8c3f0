// A real engine watching a folder in a child process, for crash tests: it runs until every
// file it was given has left the folder and processing/ (sent/ or failed/), then prints
// `{"done":true}`. FAXBOT_FAULT_POINT kills it midway.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createEngine, createLogger, loadConfig } from '../../main/engine';

const folder = process.env.FAXBOT_WATCH_DIR!;
const expected = Number(process.argv[2] ?? '1');
const engine = await createEngine({
  config: loadConfig({ dataDir: process.env.FAX_DATA_DIR!, simulatorTimeScale: 0.01, retryBaseMs: 20, webhookPort: 0 }),
  logger: createLogger({ level: 'warn' }),
  headless: true,
  watchFolder: true,
});

const finished = async () => {
  const count = async (sub: string) =>
    (await readdir(join(folder, sub)).catch(() => [] as string[])).filter((n) => !n.endsWith('.reason.txt')).length;
  return (await count('sent')) + (await count('failed')) >= expected;
};
while (!(await finished())) await new Promise((resolve) => setTimeout(resolve, 25));
process.stdout.write(JSON.stringify({ done: true }) + '\n');
await engine.close();
process.exit(0);
