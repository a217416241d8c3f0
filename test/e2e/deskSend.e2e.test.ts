// Send and Outbox as front-desk staff use them, in real Chromium against `faxbot serve`:
// recent numbers picked by keyboard, the cover page drawn as the first page, Esc with Undo,
// the confirmation page saved and printed, and a server killed mid-send that finishes the
// fax exactly once. Nothing is mocked; the test waits on what the page shows.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { HAVE_CHROMIUM, NO_CHROMIUM_REASON, launchChromium } from '../support/chromium';
import { letterPdf } from './deskDocuments';
import { SCREENSHOTS, inkedPixels, openDeskInChromium, openDeskPage, until, type DeskInChromium } from './pageChecks';
import { startServe, type ServeProcess } from './restartableDesk';

if (!HAVE_CHROMIUM) console.warn(NO_CHROMIUM_REASON);

async function browse(page: Page, name: string, lines: string[], pages: number): Promise<void> {
  await page.locator('input[type=file]').setInputFiles({ name, mimeType: 'application/pdf', buffer: await letterPdf(lines, pages) });
  await page.getByRole('list', { name: 'Documents to send' }).getByText(name).waitFor();
}

const documentNames = (page: Page) => page.getByRole('list', { name: 'Documents to send' }).locator('.document-name').allTextContents();

describe.skipIf(!HAVE_CHROMIUM)('Send and Outbox in Chromium against faxbot serve', { timeout: 120_000 }, () => {
  let session: DeskInChromium | undefined;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    session = await openDeskInChromium({ errors: pageErrors, acceptDownloads: true });
    ({ page } = session);
  });

  afterAll(async () => {
    await session?.close();
  });

  it('offers the number of the first fax on the next one, picked with ↓ and Enter', async () => {
    await browse(page, 'referral.pdf', ['Referral for Jane Roe'], 1);
    await page.getByLabel('To', { exact: true }).fill('(202) 555-0143');
    await page.getByLabel('Recipient name').fill('Dr. Amy Lee');
    await until('Send fax is enabled', () => page.getByRole('button', { name: /Send fax/ }).isEnabled());
    await page.keyboard.press('Control+Enter');
    await page
      .getByRole('list', { name: 'Sent faxes' })
      .getByRole('button', { name: /Dr\. Amy Lee/ })
      .getByText('Delivered', { exact: true })
      .waitFor();

    // Ctrl+N: a new fax, from the Outbox.
    await page.keyboard.press('Control+n');
    await page.getByRole('heading', { name: 'Send a fax' }).waitFor({ state: 'attached' });
    const to = page.getByRole('combobox', { name: 'To' });
    expect(await to.inputValue()).toBe('');
    await to.focus();
    await page.keyboard.press('ArrowDown');
    const option = page.getByRole('listbox', { name: 'Recent numbers' }).getByRole('option', { name: /Dr\. Amy Lee/ });
    await option.waitFor();
    expect(await to.getAttribute('aria-expanded')).toBe('true');
    expect(await option.getAttribute('aria-selected')).toBe('true');
    expect(await to.getAttribute('aria-activedescendant')).toBe(await option.getAttribute('id'));
    await page.keyboard.press('Enter');
    await until('the number is filled in', async () => (await to.inputValue()) === '(202) 555-0143');
    expect(await page.getByLabel('Recipient name').inputValue()).toBe('Dr. Amy Lee');
    expect(await to.getAttribute('aria-expanded')).toBe('false');
    // Enter picked; it did not send (there is no document yet).
    await page.getByRole('heading', { name: 'Send a fax' }).waitFor({ state: 'attached' });

    // Esc closes an open list and leaves the fax alone.
    await page.keyboard.press('ArrowDown');
    await option.waitFor();
    await page.keyboard.press('Escape');
    await option.waitFor({ state: 'detached' });
    expect(await to.inputValue()).toBe('(202) 555-0143');
  });

  it('draws the cover page as the first page and counts it', async () => {
    await browse(page, 'lab-results.pdf', ['Lab results', 'Potassium 4.1'], 2);
    await page.getByLabel('Cover page').check();
    await page.getByLabel('Subject').fill('Referral');
    await page.getByLabel('Notes').fill('Please call to book.');
    await page.getByText('3 pages incl. cover').waitFor();
    const documents = page.getByRole('list', { name: 'Documents to send' });
    expect(await documentNames(page)).toEqual(['Cover page', 'lab-results.pdf']);
    const cover = documents.getByRole('img', { name: 'Cover page' });
    await until('the cover page is drawn', async () => (await cover.getAttribute('data-state')) === 'drawn');
    expect(await inkedPixels(cover)).toBeGreaterThan(50);
    await until('every thumbnail is drawn', async () => {
      const states = await documents.locator('canvas.thumb').evaluateAll((els) => els.map((e) => e.getAttribute('data-state')));
      return states.length === 3 && states.every((s) => s === 'drawn');
    });
    // The whole number fits its field, and nothing overflows the window sideways at 1024×700.
    const to = page.getByRole('combobox', { name: 'To' });
    expect(await to.evaluate((el) => (el as HTMLInputElement).scrollWidth <= (el as HTMLInputElement).clientWidth)).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1024);
    await page.screenshot({ path: `${SCREENSHOTS}/send-cover.png` });
  });

  it('leaves a text field on Esc, clears the fax on the next, and Undo brings back every document and field', async () => {
    // Esc in a text field (here Notes) only leaves the field: the fax stays as it was.
    const notes = page.getByLabel('Notes');
    await notes.focus();
    await page.keyboard.press('Escape');
    await until('Notes is left', async () => !(await notes.evaluate((el) => el === document.activeElement)));
    expect(await notes.inputValue()).toBe('Please call to book.');
    expect(await documentNames(page)).toEqual(['Cover page', 'lab-results.pdf']);
    // Esc outside a field: the fax is cleared.
    await page.keyboard.press('Escape');
    await page.getByRole('list', { name: 'Documents to send' }).waitFor({ state: 'detached' });
    expect(await page.getByRole('combobox', { name: 'To' }).inputValue()).toBe('');
    const undo = page.getByRole('button', { name: 'Undo clear' });
    await undo.waitFor();
    await page.getByRole('status').filter({ hasText: 'Cleared' }).waitFor();
    await undo.click();
    await undo.waitFor({ state: 'detached' });
    expect(await documentNames(page)).toEqual(['Cover page', 'lab-results.pdf']);
    expect(await page.getByRole('combobox', { name: 'To' }).inputValue()).toBe('(202) 555-0143');
    expect(await page.getByLabel('Recipient name').inputValue()).toBe('Dr. Amy Lee');
    expect(await page.getByLabel('Subject').inputValue()).toBe('Referral');
    await page.getByText('3 pages incl. cover').waitFor();
    // The documents came back from the engine, not from a stale copy: their pages draw.
    await until('the restored thumbnails are drawn', async () => {
      const states = await page.locator('canvas.thumb').evaluateAll((els) => els.map((e) => e.getAttribute('data-state')));
      return states.length === 3 && states.every((s) => s === 'drawn');
    });

    // Removing a document has its Undo too: it comes back where it was, its pages still there.
    await page.getByRole('button', { name: 'Remove lab-results.pdf' }).click();
    await until('the document is off the fax', async () => (await documentNames(page)).length === 1);
    await page.getByRole('status').filter({ hasText: 'Removed lab-results.pdf' }).waitFor();
    await page.getByRole('button', { name: 'Undo removing lab-results.pdf' }).click();
    await until('the document is back', async () => (await documentNames(page)).join() === 'Cover page,lab-results.pdf');
    await page.getByText('3 pages incl. cover').waitFor();
  });

  it('opens the confirmation page of the delivered fax, saves it as a PDF and prepares it for print', async () => {
    await until('Send fax is enabled', () => page.getByRole('button', { name: /Send fax/ }).isEnabled());
    await page.getByRole('button', { name: /Send fax/ }).click();
    const details = page.getByRole('article', { name: 'Fax to Dr. Amy Lee' });
    await details.locator('.chip').getByText('Delivered', { exact: true }).waitFor();
    await details.getByText('lab-results.pdf').waitFor();
    await details.getByRole('button', { name: 'Confirmation page' }).click();
    const report = details.getByRole('region', { name: /Confirmation page for the fax to Dr\. Amy Lee/ });
    const drawn = report.locator('canvas.page-canvas[data-state="drawn"]');
    await drawn.waitFor();
    expect(await inkedPixels(drawn)).toBeGreaterThan(100);
    await page.screenshot({ path: `${SCREENSHOTS}/outbox-report.png` });

    const downloading = page.waitForEvent('download');
    await report.getByRole('button', { name: 'Save the confirmation page as PDF' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const saved = readFileSync(await download.path());
    expect(saved.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // Print draws the pages into a print-only container, then asks the browser to print.
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => {
        (window as unknown as { printed: number }).printed++;
      };
    });
    await report.getByRole('button', { name: 'Print the confirmation page' }).click();
    await until(
      'the page was sent to print',
      async () => (await page.evaluate(() => (window as unknown as { printed: number }).printed)) === 1,
    );
    expect(await page.locator('.print-pages img').count()).toBeGreaterThanOrEqual(1);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('#root').isVisible()).toBe(false);
    expect(await page.locator('.print-pages img').first().isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
  });

  it('raised no script errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});

describe.skipIf(!HAVE_CHROMIUM)('a server killed while a fax is sending', { timeout: 180_000 }, () => {
  let dataDir: string;
  let serve: ServeProcess | null = null;
  let browser: Browser;
  // Slow enough that the fax is still sending when the server is killed; a fixed access
  // token, as an always-on office machine would use, so the open page carries on by itself.
  const env = {
    FAXBOT_SIMULATOR_TIME_SCALE: '1',
    FAXBOT_RETRY_BASE_MS: '100',
    FAXBOT_ACCESS_TOKEN: 'restart-test-token-0123456789abcdefghijklmnop',
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'faxbot-restart-'));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.kill('SIGTERM');
    await rm(dataDir, { recursive: true, force: true });
  });

  it('finishes the fax once after a restart on the same data folder and port', async () => {
    serve = await startServe(dataDir, 0, env);
    const errors: string[] = [];
    const { page } = await openDeskPage(browser, serve.uiUrl, { errors, acceptDownloads: true });
    await browse(page, 'chart.pdf', ['Patient chart'], 6);
    await page.getByLabel('To', { exact: true }).fill('(202) 555-0143');
    await page.getByLabel('Recipient name').fill('Dr. Amy Lee');
    await until('Send fax is enabled', () => page.getByRole('button', { name: /Send fax/ }).isEnabled());
    await page.keyboard.press('Control+Enter');
    const rows = page.getByRole('list', { name: 'Sent faxes' }).getByRole('button', { name: /Dr\. Amy Lee/ });
    await rows.locator('[data-status="sending"]').waitFor();
    const jobId = await rows.getAttribute('data-job-id');
    expect(jobId).toBeTruthy();

    const firstToken = serve.token;
    await serve.kill('SIGKILL');
    serve = await startServe(dataDir, serve.port, env);
    expect(serve.token).toBe(firstToken);
    // No reload: the page's event stream reconnects and catches up by itself.

    await rows.getByText('Delivered', { exact: true }).waitFor({ timeout: 90_000 });
    expect(await rows.count()).toBe(1);
    expect(await rows.getAttribute('data-job-id')).toBe(jobId);
    expect(await rows.locator('.row-attempts').textContent()).toContain('1 attempt');

    // The fax machine at the other end got it once: one call for this job in the simulator.
    const simulator = new Database(join(dataDir, 'simulator.sqlite'), { readonly: true, fileMustExist: true });
    try {
      const calls = simulator.prepare("SELECT COUNT(*) AS n FROM sim_faxes WHERE idempotency_key LIKE ? || '.%'").get(jobId) as {
        n: number;
      };
      expect(calls.n).toBe(1);
    } finally {
      simulator.close();
    }
    expect(errors).toEqual([]);
  });
});
