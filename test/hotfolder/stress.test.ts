// 500 print jobs at once into the folder of a real `faxbot serve`: some written slowly in
// pieces, some corrupt, some the same document twice; the process is SIGKILLed midway and
// started again. Every file must end in exactly one of sent/ or failed/ (with its reason),
// and no document may be faxed twice.
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { appendFile, readFile, readdir, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { makeTestPdf } from '../support/pdfs';
import { startFaxbot, type CliRun } from '../headless/cliRunner';
import { FAST_SIMULATOR_ENV } from '../headless/fixtures';
import { waitForFolder } from './hotFolderFixture';

const TOKEN = 'stress-test-token-0123456789-abcdefghijklmnop';
const GOOD = 400;
const SLOW = 40;
const CORRUPT = 30;
const DUPLICATES = 30;
const TOTAL = GOOD + SLOW + CORRUPT + DUPLICATES;

interface Planned {
  name: string;
  bytes: Buffer;
  kind: 'good' | 'slow' | 'corrupt' | 'duplicate';
}

async function plan(): Promise<Planned[]> {
  const files: Planned[] = [];
  const numbered = (i: number, what: string) => `fax to +1 202 555 0143 - ${what} ${String(i).padStart(3, '0')}.pdf`;
  for (let i = 0; i < GOOD; i++)
    files.push({ name: numbered(i, 'letter'), bytes: Buffer.from(await makeTestPdf(1, `Letter ${i}`)), kind: 'good' });
  for (let i = 0; i < SLOW; i++)
    files.push({ name: numbered(i, 'slow'), bytes: Buffer.from(await makeTestPdf(2, `Slow ${i}`)), kind: 'slow' });
  for (let i = 0; i < CORRUPT; i++)
    files.push({ name: numbered(i, 'corrupt'), bytes: Buffer.from([0, 1, 2, 255, i, 0, 7, 0]), kind: 'corrupt' });
  for (let i = 0; i < DUPLICATES; i++) files.push({ name: numbered(i, 'again'), bytes: files[i * 7].bytes, kind: 'duplicate' });
  return files;
}

async function drop(folder: string, file: Planned, index: number): Promise<void> {
  const path = join(folder, file.name);
  if (file.kind === 'slow') {
    // Pieces well inside the settle time, with no marker: it must not be taken half-written.
    const pieces = 4;
    const size = Math.ceil(file.bytes.length / pieces);
    for (let p = 0; p < pieces; p++) {
      await appendFile(path, file.bytes.subarray(p * size, (p + 1) * size));
      await new Promise((resolve) => setTimeout(resolve, 80));
    }
    return;
  }
  const hidden = join(folder, `.${file.name}.part`);
  await writeFile(hidden, file.bytes);
  await rename(hidden, path);
  // Half use the printer hook's marker, half rely on the settle time.
  if (index % 2 === 0) await writeFile(`${path}.done`, '');
}

function serve(dataDir: string, folder: string): CliRun {
  return startFaxbot(['serve', '--port', '0', '--data-dir', dataDir], {
    ...FAST_SIMULATOR_ENV,
    FAXBOT_ACCESS_TOKEN: TOKEN,
    FAXBOT_WATCH_DIR: folder,
    FAXBOT_WATCH_AUTOSEND: 'true',
    FAXBOT_WATCH_POLL_MS: '100',
    FAXBOT_WATCH_SETTLE_MS: '400',
  });
}

async function rpc(url: string, name: string, body: unknown) {
  const response = await fetch(`${url}/rpc/${name}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await response.json()) as { ok: boolean; result: { questions: { fileId: string }[] } };
}

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('500 print jobs at once, with a crash in the middle', () => {
  it('ends every file in exactly one of sent/ or failed/, and faxes no document twice', async () => {
    const base = mkdtempSync(join(tmpdir(), 'faxbot-stress-'));
    const dataDir = join(base, 'data');
    const folder = join(base, 'Outbox');
    const files = await plan();
    expect(files).toHaveLength(TOTAL);

    const first = serve(dataDir, folder);
    await first.waitForOutput(/Faxbot is running: (http:\/\/127\.0\.0\.1:\d+)/);
    const dropping = Promise.all(files.map((file, i) => drop(folder, file, i)));
    // Killed once a good part of the work is done, and some is surely still going.
    await waitForFolder(join(folder, 'sent'), (names) => names.length >= 60, 'the first 60 faxes', 60_000);
    first.child.kill('SIGKILL');
    await first.exited;
    await dropping;

    const second = serve(dataDir, folder);
    const [, url] = await second.waitForOutput(/Faxbot is running: (http:\/\/127\.0\.0\.1:\d+)/);
    try {
      // Staff answer "no" to every "printed twice" question as it comes.
      const answered = new Set<string>();
      const settled = (names: string[]) => names.filter((n) => !n.endsWith('.reason.txt')).length;
      for (;;) {
        const status = await rpc(url, 'getHotFolder', {});
        for (const q of status.result.questions) {
          if (answered.has(q.fileId)) continue;
          answered.add(q.fileId);
          await rpc(url, 'answerHotFolderQuestion', { fileId: q.fileId, faxAgain: false });
        }
        const done = settled(await readdir(join(folder, 'sent'))) + settled(await readdir(join(folder, 'failed')));
        // Done once every file is filed and nothing is left in the folder (a marker whose file
        // was taken just before the kill is cleared by the restarted watcher).
        if (done >= TOTAL && (await readdir(folder)).length === 3) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }

    const sent = await readdir(join(folder, 'sent'));
    const failedAll = await readdir(join(folder, 'failed'));
    const failed = failedAll.filter((n) => !n.endsWith('.reason.txt'));
    // Exactly one place each, nothing left behind.
    expect([...sent, ...failed].sort()).toEqual(files.map((f) => f.name).sort());
    expect(await readdir(join(folder, 'processing'))).toEqual([]);
    expect((await readdir(folder)).filter((n) => !['sent', 'failed', 'processing'].includes(n))).toEqual([]);
    for (const name of failed) expect(failedAll, `${name} has its reason`).toContain(`${name}.reason.txt`);

    // Corrupt ones failed; every slow one arrived whole; each document was sent once.
    const byName = new Map(files.map((f) => [f.name, f]));
    for (const f of files.filter((f) => f.kind === 'corrupt')) expect(failed).toContain(f.name);
    for (const f of files.filter((f) => f.kind === 'slow')) expect(sent).toContain(f.name);
    const sentHashes = new Map<string, number>();
    for (const name of sent) {
      const bytes = await readFile(join(folder, 'sent', name));
      expect(sha(bytes), `${name} is the file as printed`).toBe(sha(byName.get(name)!.bytes));
      sentHashes.set(sha(bytes), (sentHashes.get(sha(bytes)) ?? 0) + 1);
    }
    expect([...sentHashes.values()].every((n) => n === 1)).toBe(true);
    for (const name of failed.filter((n) => byName.get(n)!.kind !== 'corrupt')) {
      expect(await readFile(join(folder, 'failed', `${name}.reason.txt`), 'utf8')).toMatch(/printed twice/);
    }
    expect(sent).toHaveLength(GOOD + SLOW);

    // Both sides' records: one job per sent file, each delivered by exactly one provider call.
    const ours = new Database(join(dataDir, 'faxbot.sqlite'), { readonly: true });
    const theirs = new Database(join(dataDir, 'simulator.sqlite'), { readonly: true });
    try {
      const jobs = ours.prepare('SELECT id, status, file_names FROM fax_jobs').all() as {
        id: string;
        status: string;
        file_names: string;
      }[];
      expect(jobs).toHaveLength(GOOD + SLOW);
      expect(new Set(jobs.map((j) => j.status))).toEqual(new Set(['delivered']));
      expect(new Set(jobs.map((j) => j.file_names)).size).toBe(jobs.length);
      const calls = theirs.prepare('SELECT idempotency_key, outcome FROM sim_faxes').all() as {
        idempotency_key: string;
        outcome: string;
      }[];
      const delivered = new Map<string, number>();
      for (const call of calls) {
        if ((JSON.parse(call.outcome) as { kind: string }).kind !== 'delivered') continue;
        const jobId = call.idempotency_key.split('.')[0];
        delivered.set(jobId, (delivered.get(jobId) ?? 0) + 1);
      }
      for (const job of jobs) expect(delivered.get(job.id), `job ${job.id}`).toBe(1);
    } finally {
      ours.close();
      theirs.close();
    }
  }, 120_000);
});
