// Settings → Storage & retention, and expired faxes, as staff and admins meet them: the built
// renderer in real Chromium against `faxbot serve`. The data folder is prepared by a real
// engine (a fax sent to the simulator's own line, so one sent and one received), aged in its
// SQLite file, with 30-day retention saved; the server's start-up sweep then deletes both.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { HAVE_CHROMIUM, NO_CHROMIUM_REASON } from '../support/chromium';
import { SCREENSHOTS, openDeskInChromium, until, type DeskInChromium } from './pageChecks';
import { DAY_MS, openDesk, sendAndReceive } from '../retention/retentionHarness';

if (!HAVE_CHROMIUM) console.warn(NO_CHROMIUM_REASON);

const REASON = /This fax's document was deleted on .+ under the retention setting \(30 days\)/;

/** One sent and one received fax that finished 40 days ago, and 30-day retention saved in Settings. */
async function agedFaxes(dataDir: string): Promise<void> {
  const desk = await openDesk(dataDir);
  const { job, fax } = await sendAndReceive(desk.engine);
  await desk.engine.call('updateRetention', { inboundDays: 30, outboundDays: 30 });
  await desk.close();
  const db = new Database(join(dataDir, 'faxbot.sqlite'));
  try {
    const long_ago = new Date(Date.now() - 40 * DAY_MS).toISOString();
    db.prepare('UPDATE fax_jobs SET completed_at = ?, created_at = ? WHERE id = ?').run(long_ago, long_ago, job.id);
    db.prepare('UPDATE inbound_faxes SET received_at = ? WHERE id = ?').run(long_ago, fax.id);
  } finally {
    db.close();
  }
}

describe.skipIf(!HAVE_CHROMIUM)('retention in Chromium against faxbot serve', { timeout: 120_000 }, () => {
  let session: DeskInChromium | undefined;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    // The engine from source: the retention sweep runs as this change has it.
    session = await openDeskInChromium({ errors: pageErrors, consoleErrors: true, env: { FAXBOT_CLI_SOURCE: '1' }, prepare: agedFaxes });
    page = session.page;
  });

  afterAll(async () => {
    await session?.close();
  });

  it('shows where documents are kept, what protects the key, and the sweep that ran at start', async () => {
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByRole('tab', { name: 'Storage & retention' }).click();
    const panel = page.getByRole('tabpanel', { name: 'Storage & retention' });
    await panel.getByText('This computer, encrypted').waitFor();
    expect(await panel.getByRole('definition').nth(1).textContent()).toContain(join(session!.desk.dataDir, 'documents'));
    expect(await panel.getByText(/protected by the key file .*master\.key/).count()).toBe(1);
    // Headless with a key file: no keychain warning.
    expect(await panel.getByRole('alert').count()).toBe(0);
    expect(await panel.getByLabel('Last retention sweep').textContent()).toMatch(/2 documents deleted/);
    expect(await panel.getByLabel('Keep received faxes for (days)').inputValue()).toBe('30');
    await page.screenshot({ path: `${SCREENSHOTS}/storage-retention.png`, fullPage: true });
  });

  it('refuses a retention that is not a whole number of days from 0 to 3650, under the field', async () => {
    const panel = page.getByRole('tabpanel', { name: 'Storage & retention' });
    const received = panel.getByLabel('Keep received faxes for (days)');
    for (const bad of ['thirty', '5000', '-3', '1.5']) {
      await received.fill(bad);
      await panel.getByRole('button', { name: 'Save' }).click();
      await until(`"${bad}" is refused`, async () => (await received.getAttribute('aria-invalid')) === 'true');
      expect(await panel.locator(`#${await received.getAttribute('aria-describedby')}`).textContent()).toMatch(
        /whole number of days from 0 to 3650 \(0 keeps documents forever\)/,
      );
    }
    await received.fill('90');
    await panel.getByRole('button', { name: 'Save' }).click();
    await panel.getByText('Saved.').waitFor();
    expect(await received.getAttribute('aria-invalid')).toBe('false');
    // Saved in the engine, not only on the page.
    await page.reload();
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByRole('tab', { name: 'Storage & retention' }).click();
    await until(
      'the saved value shows',
      async () =>
        (await page.getByRole('tabpanel', { name: 'Storage & retention' }).getByLabel('Keep received faxes for (days)').inputValue()) ===
        '90',
    );
  });

  it('marks the expired received fax in the Inbox and gives the reason instead of its pages', async () => {
    await page.getByRole('button', { name: /^Inbox/ }).click();
    const row = page.getByRole('listbox', { name: 'Received faxes' }).getByRole('option').first();
    await row.getByText('Document expired').waitFor();
    await row.click();
    const reason = page.getByRole('note');
    await reason.waitFor();
    expect(await reason.textContent()).toMatch(REASON);
    const forward = page.locator('.document-expired-pane').getByRole('button', { name: 'Forward' });
    expect(await forward.isDisabled()).toBe(true);
    expect(await forward.getAttribute('title')).toMatch(REASON);
    await page.screenshot({ path: `${SCREENSHOTS}/inbox-document-expired.png` });
  });

  it('marks the expired sent fax in the Outbox; its document and Resend are disabled with the reason', async () => {
    await page.getByRole('button', { name: /^Outbox/ }).click();
    const row = page.getByRole('list', { name: 'Sent faxes' }).getByRole('button').first();
    await row.getByText('Document expired').waitFor();
    await row.click();
    const reason = page.getByRole('note');
    await reason.waitFor();
    expect(await reason.textContent()).toMatch(REASON);
    for (const name of ['Open document', 'Resend']) {
      const button = page.getByRole('button', { name, exact: true });
      expect(await button.isDisabled(), name).toBe(true);
      expect(await button.getAttribute('title')).toMatch(REASON);
    }
    expect(pageErrors).toEqual([]);
  });
});
