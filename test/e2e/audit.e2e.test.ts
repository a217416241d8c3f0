// Settings → Audit as an office manager uses it: the built renderer in real Chromium against
// the real headless Faxbot, on a data folder whose audit log already holds ten days of work.
// Paging, filtering by what and by day, verifying (intact, then after an entry is removed
// behind Faxbot's back) and exporting the filtered entries as CSV.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { HAVE_CHROMIUM, NO_CHROMIUM_REASON } from '../support/chromium';
import { openDatabase } from '../../main/engine/database';
import { createLogger } from '../../main/engine';
import { AuditLog } from '../../main/engine/audit';
import { SCREENSHOTS, openDeskInChromium, textOf, until, type DeskInChromium } from './pageChecks';

if (!HAVE_CHROMIUM) console.warn(NO_CHROMIUM_REASON);

const DAY = 24 * 60 * 60 * 1000;
/** Noon UTC: the same calendar day in any time zone a test machine is likely to use. */
const FIRST_DAY = Date.parse('2026-03-01T12:00:00Z');
const HOSTILE_FILE = '=HYPERLINK("http://attacker.example","open")';

/** Ten days of a front desk's audit log, written by the engine's own AuditLog before Faxbot starts. */
async function tenDaysOfWork(dataDir: string): Promise<void> {
  const db = openDatabase({ dataDir });
  const clock = { now: FIRST_DAY };
  const log = new AuditLog({ db, dataDir, logger: createLogger({ level: 'error' }), now: () => clock.now });
  for (let day = 0; day < 10; day++) {
    for (let i = 0; i < 20; i++) {
      clock.now = FIRST_DAY + day * DAY + i * 60_000;
      log.record({
        actor: 'window',
        action: 'fax_sent',
        target: `job-${day}-${i}`,
        details: { to: '+12025550143', pages: 2, file: 'chart.pdf' },
      });
    }
    for (let i = 0; i < 3; i++) {
      clock.now = FIRST_DAY + day * DAY + (30 + i) * 60_000;
      log.record({ actor: 'phaxio', action: 'webhook_rejected', target: 'status', details: { route: 'status', reason: 'bad_signature' } });
    }
  }
  clock.now = FIRST_DAY + 9 * DAY + 3_600_000;
  log.record({ actor: 'window', action: 'fax_sent', target: HOSTILE_FILE, details: { to: '+12025550199', pages: 1, file: HOSTILE_FILE } });
  await log.flush();
  db.close();
}

const TOTAL = 10 * 23 + 1;

describe.skipIf(!HAVE_CHROMIUM)('Settings → Audit in Chromium against faxbot serve', { timeout: 120_000 }, () => {
  let session: DeskInChromium | undefined;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    session = await openDeskInChromium({ errors: pageErrors, consoleErrors: true, acceptDownloads: true, prepare: tenDaysOfWork });
    page = session.page;
  });

  afterAll(async () => {
    await session?.close();
  });

  const panel = () => page.getByRole('tabpanel', { name: 'Audit' });
  const pager = () =>
    panel()
      .getByRole('status')
      .filter({ hasText: /^Entries / });
  const whatCells = () => panel().getByRole('table', { name: 'Audit log' }).locator('tbody tr td:nth-child(3)');

  it('shows the newest entries first, in words, a page at a time', async () => {
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByRole('tablist', { name: 'Settings' }).getByRole('tab', { name: 'Audit' }).click();
    await until('the first page is shown', async () => (await textOf(pager())) === `Entries 1–100 of ${TOTAL}`);
    const table = panel().getByRole('table', { name: 'Audit log' });
    const first = table.locator('tbody tr').first();
    expect(await first.locator('td').allTextContents()).toEqual([
      expect.stringMatching(/Mar 10, 2026/),
      'Faxbot window',
      'Fax sent',
      HOSTILE_FILE,
      `to ***0199 · 1 page · file ${HOSTILE_FILE}`,
    ]);
    expect(await table.textContent()).not.toMatch(/5550143|5550199|fax_sent|webhook_rejected/);
    expect(await table.locator('tbody tr').count()).toBe(100);

    await panel().getByRole('button', { name: 'Older' }).click();
    await until('the second page is shown', async () => (await textOf(pager())) === `Entries 101–200 of ${TOTAL}`);
    await panel().getByRole('button', { name: 'Older' }).click();
    await until('the last page is shown', async () => (await textOf(pager())) === `Entries 201–${TOTAL} of ${TOTAL}`);
    expect(await panel().getByRole('button', { name: 'Older' }).isDisabled()).toBe(true);
    await panel().getByRole('button', { name: 'Newer' }).click();
    await until('back on the second page', async () => (await textOf(pager())) === `Entries 101–200 of ${TOTAL}`);
  });

  it('filters by what happened and by day', async () => {
    await panel().getByLabel('What').selectOption({ label: 'Provider callback refused' });
    await until('only refused callbacks are listed', async () => (await textOf(pager())) === 'Entries 1–30 of 30');
    expect(new Set(await whatCells().allTextContents())).toEqual(new Set(['Provider callback refused']));
    expect(await panel().locator('tbody tr').first().locator('td').nth(1).textContent()).toBe('Phaxio webhook');
    expect(await panel().locator('tbody tr').first().locator('td').nth(4).textContent()).toBe('route status · signature did not match');

    await panel().getByLabel('From').fill('2026-03-03');
    await panel().getByLabel('To').fill('2026-03-04');
    await until('two days of refused callbacks are listed', async () => (await textOf(pager())) === 'Entries 1–6 of 6');

    await panel().getByLabel('From').fill('2026-03-05');
    await panel().getByRole('alert').filter({ hasText: 'ends before it starts' }).waitFor();
    await panel().getByLabel('From').fill('2026-03-03');
    await until('the range is good again', async () => (await textOf(pager())) === 'Entries 1–6 of 6');
  });

  it('exports what the filter shows as CSV: quoted, formula-safe, numbers masked', async () => {
    const downloaded = page.waitForEvent('download');
    await panel().getByRole('button', { name: 'Export CSV' }).click();
    const download = await downloaded;
    expect(download.suggestedFilename()).toMatch(/^faxbot-audit-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = (await readFile((await download.path())!, 'utf8')).replace(/^\uFEFF/, '');
    const lines = csv.split('\r\n').filter(Boolean);
    expect(lines[0]).toBe('Entry,When (UTC),Who,What,Target,Details,Action,Actor');
    expect(lines).toHaveLength(7);
    expect(
      lines
        .slice(1)
        .every((line) => line.includes(',Provider callback refused,status,route status · signature did not match,webhook_rejected,phaxio')),
    ).toBe(true);
    await panel().getByRole('status').filter({ hasText: 'Exported 6 entries' }).waitFor();

    // Everything, with the hostile file name: defused, and no number in full.
    await panel().getByLabel('What').selectOption({ label: 'Everything' });
    await panel().getByLabel('From').fill('');
    await panel().getByLabel('To').fill('');
    await until('everything is listed again', async () => (await textOf(pager())) === `Entries 1–100 of ${TOTAL}`);
    const again = page.waitForEvent('download');
    await panel().getByRole('button', { name: 'Export CSV' }).click();
    const all = await readFile((await (await again).path())!, 'utf8');
    expect(all.split('\r\n').filter(Boolean)).toHaveLength(TOTAL + 1);
    expect(all).toContain(`"to ***0199 · 1 page · file =HYPERLINK(""http://attacker.example"",""open"")"`);
    expect(all).toContain(`,"'=HYPERLINK(""http://attacker.example"",""open"")",`);
    expect(all).not.toMatch(/(^|,)"?[=+@-]/m);
    expect(all).not.toMatch(/5550143|5550199/);
  });

  it('verifies the log, and finds an entry removed behind Faxbot’s back', async () => {
    await panel().getByRole('button', { name: 'Verify log' }).click();
    await panel()
      .getByRole('status')
      .filter({ hasText: `The audit log is intact: ${TOTAL} entries` })
      .waitFor();

    const db = new Database(join(session!.desk.dataDir, 'faxbot.sqlite'));
    db.exec('DROP TRIGGER audit_log_no_delete;');
    db.prepare('DELETE FROM audit_log WHERE seq = (SELECT MAX(seq) FROM audit_log)').run();
    db.close();

    await panel().getByRole('button', { name: 'Verify log' }).click();
    const alert = panel().getByRole('alert').filter({ hasText: 'changed outside Faxbot' });
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(new RegExp(`entries after #${TOTAL - 1} were removed`));
    await page.screenshot({ path: `${SCREENSHOTS}/settings-audit.png` });
    expect(pageErrors).toEqual([]);
  });
});
