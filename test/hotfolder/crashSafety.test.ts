// Kill a real engine process at each step of taking a printed file (and of queuing it), start
// it again, and check that the file ends in sent/ once and was faxed exactly once.
import { mkdtempSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runTs } from '../support/childProcess';
import { makeTestPdf } from '../support/pdfs';

const CHILD = 'test/hotfolder/watchChild.ts';

async function crashThenResume(point: string) {
  const base = mkdtempSync(join(tmpdir(), 'faxbot-hot-crash-'));
  const folder = join(base, 'Outbox');
  const env = {
    FAX_DATA_DIR: join(base, 'data'),
    FAXBOT_WATCH_DIR: folder,
    FAXBOT_WATCH_AUTOSEND: 'true',
    FAXBOT_WATCH_POLL_MS: '50',
    FAXBOT_WATCH_SETTLE_MS: '200',
  };
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, 'fax to 202 555 0143 - letter.pdf'), await makeTestPdf(2));
  await writeFile(join(folder, 'fax to 202 555 0143 - letter.pdf.done'), '');
  const crashed = await runTs(CHILD, ['1'], { ...env, FAXBOT_FAULT_POINT: point });
  expect(crashed.signal, `the first run should die at ${point}: ${crashed.stderr}`).toBe('SIGKILL');
  const resumed = await runTs(CHILD, ['1'], env);
  expect(resumed.code, resumed.stderr).toBe(0);
  const db = new Database(join(env.FAX_DATA_DIR, 'faxbot.sqlite'), { readonly: true });
  const sim = new Database(join(env.FAX_DATA_DIR, 'simulator.sqlite'), { readonly: true });
  try {
    return {
      sent: await readdir(join(folder, 'sent')),
      failed: await readdir(join(folder, 'failed')),
      processing: await readdir(join(folder, 'processing')),
      jobs: db.prepare('SELECT id, status FROM fax_jobs').all() as { id: string; status: string }[],
      files: db.prepare('SELECT state FROM hot_folder_files').all() as { state: string }[],
      calls: sim.prepare('SELECT idempotency_key FROM sim_faxes').all() as { idempotency_key: string }[],
    };
  } finally {
    db.close();
    sim.close();
  }
}

describe('crash safety of a printed file', () => {
  for (const point of ['hotfolder-renamed', 'hotfolder-staged', 'job-created']) {
    it(`faxes it exactly once and files it in sent/ after a crash at ${point}`, async () => {
      const outcome = await crashThenResume(point);
      expect(outcome.sent).toEqual(['fax to 202 555 0143 - letter.pdf']);
      expect(outcome.failed).toEqual([]);
      expect(outcome.processing).toEqual([]);
      expect(outcome.jobs.map((j) => j.status)).toEqual(['delivered']);
      expect(outcome.calls).toHaveLength(1);
      expect(outcome.files.map((f) => f.state)).toEqual(['sent']);
    }, 60_000);
  }
});
