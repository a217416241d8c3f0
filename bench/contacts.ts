// The address book at clinic size (issue 14): 10,000 contacts searched as a person types, by a
// name prefix and by digits (the engine, with 20,000 sent faxes to rank recent ones first);
// a 10,000-row CSV imported; and, in real Chromium, the list shown after a keystroke.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { createEngine, createLogger, loadConfig, type Engine } from '../main/engine';
import { openDatabase } from '../main/engine/database';
import { ContactStore, type ContactFields } from '../main/engine/contacts';
import { callOperation } from '../main/engine/rpc';
import { HAVE_CHROMIUM, NO_CHROMIUM_REASON, launchChromium } from '../test/support/chromium';
import { startDesk } from '../test/e2e/deskServer';
import { until } from '../test/e2e/pageChecks';
import { result, timeRuns, type BenchResult } from './stats';

const CONTACTS = 10_000;
const FAXES = 20_000;
const FIRST = ['Amy', 'Raj', 'Maria', 'John', 'Li', 'Fatima', 'Omar', 'Sara', 'Tom', 'Ines', 'Kofi', 'Yuki', 'Ana', 'Ben', 'Chloe'];
const LAST = ['Lee', 'Patel', 'Garcia', 'Smith', 'Chen', 'Khan', 'Haddad', 'Novak', 'Brown', 'Silva', 'Mensah', 'Sato', 'Rossi', 'Kim'];
const KINDS = ['Cardiology', 'Pharmacy', 'Family Practice', 'Radiology', 'Insurance Claims', 'Dermatology', 'Orthopedics', 'Lab'];

const number = (i: number) => `+1${202 + (i % 7)}555${String(i % 10_000).padStart(4, '0')}`;
const national = (i: number) => `(${202 + (i % 7)}) 555-${String(i % 10_000).padStart(4, '0')}`;

function contactAt(i: number): ContactFields {
  return {
    name: `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]} ${i}`,
    organization: `${LAST[i % LAST.length]} ${KINDS[i % KINDS.length]}`,
    fax: number(i),
    faxNational: national(i),
    phone: '',
    email: '',
    notes: '',
    coverTemplateId: null,
  };
}

/** 10,000 contacts and 20,000 sent faxes to some of them, written before Faxbot opens the folder. */
export function seedContacts(dataDir: string): void {
  const db = openDatabase({ dataDir });
  new ContactStore(db).transaction(() => {
    new ContactStore(db).insertMany(Array.from({ length: CONTACTS }, (_, i) => contactAt(i)));
    db.prepare(
      `INSERT INTO documents (id, kind, file_name, pages, bytes, sha256, staged, created_at) VALUES ('bench-doc', 'pdf', 'a.pdf', 1, 1, 'x', 0, '2026-01-01T00:00:00Z')`,
    ).run();
    const job = db.prepare(
      `INSERT INTO fax_jobs (id, to_number, recipient_name, document_id, pages, file_names, status, provider, max_attempts, created_at, updated_at)
       VALUES (?, ?, '', 'bench-doc', 1, '[]', 'delivered', 'simulator', 3, ?, ?)`,
    );
    const at = Date.parse('2026-01-01T00:00:00Z');
    for (let i = 0; i < FAXES; i++) {
      const when = new Date(at + i * 60_000).toISOString();
      job.run(randomUUID(), number((i * 37) % 3000), when, when);
    }
  });
  db.close();
}

const csvOf = (rows: number) =>
  [
    'Name,Organization,Fax',
    ...Array.from({ length: rows }, (_, i) => `${contactAt(i).name},${contactAt(i).organization},${national(i)}`),
  ].join('\n');

async function engineOn(dataDir: string): Promise<Engine> {
  return createEngine({ config: loadConfig({ dataDir, webhookPort: 0 }, {}), logger: createLogger({ level: 'error' }), headless: true });
}

async function listShownInChromium(runs: number): Promise<BenchResult[]> {
  if (!HAVE_CHROMIUM) {
    console.warn(NO_CHROMIUM_REASON);
    return [];
  }
  const desk = await startDesk({ FAXBOT_LOG_LEVEL: 'error' }, async (dataDir) => seedContacts(dataDir));
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
    await page.goto(desk.uiUrl);
    await page.getByRole('button', { name: 'Contacts', exact: true }).click();
    await page.getByRole('listbox', { name: 'Contacts' }).getByRole('option').first().waitFor();
    const search = page.getByLabel('Search contacts');
    const times: number[] = [];
    const terms = ['lee', 'patel', 'cardio', '5550143', 'garcia', '202555', 'sato', 'radiology'];
    // Strings, not functions: tsx would add helpers the page does not have (see desk.ts).
    const measured = (n: number) =>
      until(
        `the list is shown (${n})`,
        async () => ((await page.evaluate('performance.getEntriesByName("contacts-list-shown").length')) as number) >= n,
      );
    for (let i = 0; i < Math.max(runs, terms.length); i++) {
      await page.evaluate('performance.clearMeasures("contacts-list-shown")');
      await search.fill(terms[i % terms.length]);
      await measured(1);
      times.push((await page.evaluate('performance.getEntriesByName("contacts-list-shown")[0].duration')) as number);
      await search.fill('');
      await measured(2);
    }
    return [
      result('Chromium: list shown after typing a search (10,000 contacts)', 'ms', times, 'keystroke → list drawn (performance marks)'),
    ];
  } finally {
    await browser.close();
    await desk.stop();
  }
}

export async function benchContacts(runs: number): Promise<BenchResult[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'faxbot-bench-'));
  seedContacts(dataDir);
  const engine = await engineOn(dataDir);
  const out: BenchResult[] = [];
  try {
    const many = Math.max(runs, 20);
    const search = (text: string) => () => callOperation(engine, 'listContacts', { search: text, limit: 8 });
    await search('warm up')();
    out.push(
      result('search 10,000 contacts by name prefix ("lee")', 'ms', await timeRuns(many, search('lee')), 'engine, 8 best of the matches'),
      result('search 10,000 contacts by organization ("cardio")', 'ms', await timeRuns(many, search('cardio'))),
      result('search 10,000 contacts by digits ("5550143")', 'ms', await timeRuns(many, search('5550143'))),
      result(
        'search 10,000 contacts by digits matching all ("555")',
        'ms',
        await timeRuns(many, search('555')),
        'worst case: every row ranked',
      ),
      result(
        'first 200 of 10,000 contacts by name',
        'ms',
        await timeRuns(many, () => callOperation(engine, 'listContacts', { limit: 200 })),
      ),
    );
  } finally {
    await engine.close();
  }
  const csv = Buffer.from(csvOf(CONTACTS)).toString('base64');
  const imports: number[] = [];
  for (let i = 0; i < runs; i++) {
    const fresh = await engineOn(mkdtempSync(join(tmpdir(), 'faxbot-bench-')));
    try {
      const [time] = await timeRuns(1, () => callOperation(fresh, 'importContacts', { fileName: 'contacts.csv', contentBase64: csv }));
      imports.push(time);
    } finally {
      await fresh.close();
    }
  }
  out.push(result('import a 10,000-row CSV', 'ms', imports, 'parse, check every number, one transaction'));
  out.push(...(await listShownInChromium(runs)));
  return out;
}
