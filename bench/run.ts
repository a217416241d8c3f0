// `npm run bench`: the figures the issues ask for, as medians of several runs. Results are
// printed as a table and written to bench/results/latest.json; no test asserts on them.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { benchColdStart } from './coldStart';
import { benchContacts } from './contacts';
import { benchDesk } from './desk';
import { benchDropToQueued } from './dropToQueued';
import { benchFanout } from './fanout';
import { benchFaxTiff } from './faxTiff';
import { benchHotFolder } from './hotFolder';
import { benchInboxList } from './inboxList';
import { benchJobList } from './jobList';
import { benchMemory } from './memory';
import { benchRecentRecipients } from './recentRecipients';
import { benchRestApi } from './restApi';
import type { BenchResult } from './stats';
import { benchStorage } from './storage';
import { benchWebhooks } from './webhooks';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const only = process.argv.slice(2);
const suites: Record<string, (runs: number) => Promise<BenchResult[]>> = {
  'cold-start': benchColdStart,
  'drop-to-queued': benchDropToQueued,
  'job-list': benchJobList,
  'inbox-list': benchInboxList,
  'recent-recipients': benchRecentRecipients,
  memory: benchMemory,
  'rest-api': benchRestApi,
  desk: benchDesk,
  webhooks: benchWebhooks,
  storage: benchStorage,
  'fax-tiff': benchFaxTiff,
  'hot-folder': benchHotFolder,
  contacts: benchContacts,
  fanout: benchFanout,
};

const results: BenchResult[] = [];
for (const [name, run] of Object.entries(suites)) {
  if (only.length && !only.includes(name)) continue;
  process.stderr.write(`bench: ${name} (${RUNS} runs)…\n`);
  results.push(...(await run(RUNS)));
}

const format = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
console.log(
  `\nFaxbot benchmarks — ${new Date().toISOString()} — ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, median of ${RUNS} runs\n`,
);
console.log('| measure | median | runs | note |');
console.log('|---|---|---|---|');
for (const r of results) console.log(`| ${r.name} | ${format(r.median)} ${r.unit} | ${r.runs.map(format).join(', ')} | ${r.note ?? ''} |`);
const dir = resolve(import.meta.dirname, 'results');
mkdirSync(dir, { recursive: true });
writeFileSync(resolve(dir, 'latest.json'), JSON.stringify({ at: new Date().toISOString(), runs: RUNS, results }, null, 2));
