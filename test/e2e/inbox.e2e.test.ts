// The Inbox as front-desk staff use it, in real Chromium against `faxbot serve` with the
// simulator: faxes arrive by the simulator's loopback line, are read in the pdf.js viewer,
// saved, printed, deleted and brought back, forwarded, searched. The test waits on what
// the page shows, never on a clock.
import { mkdir, readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { HAVE_CHROMIUM, NO_CHROMIUM_REASON, launchChromium } from '../support/chromium';
import { startDesk, type RunningDesk } from './deskServer';
import { letterPdf } from './deskDocuments';
import { deskRpc, receiveLoopbackFax, type DeskRpc } from './inboxPage';
import { SCREENSHOTS, inkedPixels, openDeskPage, requireBuiltRenderer, until } from './pageChecks';

if (!HAVE_CHROMIUM) console.warn(NO_CHROMIUM_REASON);

describe.skipIf(!HAVE_CHROMIUM)('the Inbox in Chromium against faxbot serve', { timeout: 120_000 }, () => {
  let desk: RunningDesk;
  let rpc: DeskRpc;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  const list = () => page.getByRole('listbox', { name: 'Received faxes' });
  const options = () => list().getByRole('option');
  const pageCanvas = () => page.locator('canvas.page-canvas[data-state="drawn"]');
  const canvasSize = () =>
    pageCanvas().evaluate((c) => ({ width: c.getBoundingClientRect().width, height: c.getBoundingClientRect().height }));

  beforeAll(async () => {
    requireBuiltRenderer();
    await mkdir(SCREENSHOTS, { recursive: true });
    desk = await startDesk();
    rpc = deskRpc(desk.uiUrl);
    // Two faxes from two numbers: the simulator's loopback fax comes "from" the station number,
    // or from its own line while the station has none.
    await receiveLoopbackFax(rpc, 'lab-results.pdf', await letterPdf(['Lab results', 'Potassium 4.1'], 3));
    await until('the first fax is received', async () => (await rpc('listInbox', { limit: 10 })).total === 1);
    await rpc('updateSettings', { stationNumber: '+12025550177' });
    await receiveLoopbackFax(rpc, 'referral.pdf', await letterPdf(['Referral', 'Jane Roe'], 2));
    await until('the second fax is received', async () => (await rpc('listInbox', { limit: 10 })).total === 2);

    browser = await launchChromium();
    ({ page } = await openDeskPage(browser, desk.uiUrl, { errors: pageErrors, consoleErrors: true, acceptDownloads: true }));
  });

  afterAll(async () => {
    await browser?.close();
    await desk?.stop();
  });

  it('counts the unread faxes in the window title and the nav, and lists them newest first', async () => {
    await until('the title counts 2 unread', async () => (await page.title()) === '(2) Faxbot');
    await page.getByRole('button', { name: 'Inbox, 2 unread' }).click();
    await until('both faxes are listed', async () => (await options().count()) === 2);
    const labels = await options().evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    // No practice name is set: the sender is its number, never the provider's name.
    expect(labels[0]).toMatch(/^Unread, from \(202\) 555-0177 .+, 2 pages$/);
    expect(labels[1]).toMatch(/^Unread, from \(202\) 555-0100 .+, 3 pages$/);
  });

  it('opens a fax in the viewer: the page has ink, fits the width, thumbnails down the side; it is marked read', async () => {
    await options().first().click();
    await pageCanvas().waitFor();
    expect(await inkedPixels(pageCanvas())).toBeGreaterThan(100);
    expect(await pageCanvas().getAttribute('aria-label')).toBe('Page 1 of 2');
    const thumbs = page.getByRole('navigation', { name: 'Pages' }).getByRole('button');
    expect(await thumbs.count()).toBe(2);
    await until(
      'the thumbnails are drawn',
      async () => (await page.locator('canvas.viewer-thumb-canvas[data-state="drawn"]').count()) === 2,
    );
    // Fit width is the default: the page fills the viewer's width (within its margin and border).
    await until('the page fits the viewer width', async () => {
      const area = await page.locator('.viewer-page').evaluate((e) => e.clientWidth);
      return Math.abs((await canvasSize()).width - area) <= 14;
    });
    expect(await page.getByRole('button', { name: 'Fit width' }).getAttribute('aria-pressed')).toBe('true');
    await until('the title counts 1 unread', async () => (await page.title()) === '(1) Faxbot');
    await page.getByRole('button', { name: 'Inbox, 1 unread' }).waitFor();

    await thumbs.nth(1).click();
    await until('page 2 is drawn', async () => (await pageCanvas().getAttribute('aria-label')) === 'Page 2 of 2');
    await page.getByRole('button', { name: 'Previous page' }).click();
    await until('page 1 is back', async () => (await pageCanvas().getAttribute('aria-label')) === 'Page 1 of 2');
    await page.getByRole('button', { name: 'Zoom in' }).click();
    expect(await page.getByRole('button', { name: 'Fit width' }).getAttribute('aria-pressed')).toBe('false');
    await page.getByRole('button', { name: 'Fit width' }).click();
  });

  it('rotates the view a quarter turn with R', async () => {
    const before = await canvasSize();
    expect(before.height).toBeGreaterThan(before.width);
    await list().focus();
    await page.keyboard.press('r');
    await until('the page turns landscape', async () => {
      const after = await canvasSize();
      return after.width > after.height;
    });
    await page.screenshot({ path: `${SCREENSHOTS}/inbox-viewer.png` });
    await page.keyboard.press('r');
    await page.keyboard.press('r');
    await page.keyboard.press('r');
    await until('the page is upright again', async () => {
      const after = await canvasSize();
      return after.height > after.width;
    });
  });

  it('moves between faxes with ↓ and ↑ and marks each read', async () => {
    await list().focus();
    await page.keyboard.press('ArrowDown');
    await until('the second fax is selected', async () => (await options().nth(1).getAttribute('aria-selected')) === 'true');
    expect(await list().getAttribute('aria-activedescendant')).toBe(await options().nth(1).getAttribute('id'));
    await until('no fax is unread', async () => (await page.title()) === 'Faxbot');
    await page.keyboard.press('ArrowUp');
    await until('the first fax is selected again', async () => (await options().first().getAttribute('aria-selected')) === 'true');
  });

  it('saves the fax as a PDF download named for the sender', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save as PDF' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^fax from \(202\) 555-0177 \d{4}-\d{2}-\d{2} \d{2}\.\d{2}\.pdf$/);
    const bytes = await readFile((await download.path())!);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('prints every page through a print-only sheet, hiding the desk on paper', async () => {
    // The system print dialog cannot be driven in a headless browser: stand in for it, and
    // record what was on the sheet when printing began.
    await page.evaluate(() => {
      window.print = () => {
        document.body.dataset.printedPages = String(document.querySelectorAll('.print-pages img').length);
      };
    });
    await page.getByRole('button', { name: 'Print' }).click();
    await until('print was called with 2 pages', async () => (await page.evaluate(() => document.body.dataset.printedPages)) === '2');
    await page.emulateMedia({ media: 'print' });
    expect(await page.evaluate(() => getComputedStyle(document.getElementById('root')!).display)).toBe('none');
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('.print-pages')!).display)).toBe('block');
    await page.emulateMedia({ media: 'screen' });
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('.print-pages')!).display)).toBe('none');
  });

  it('deletes at once, with no question first, and Undo brings the fax back', async () => {
    await list().focus();
    await page.keyboard.press('Delete');
    await until('one fax is left', async () => (await options().count()) === 1);
    expect(await page.getByRole('alertdialog').count()).toBe(0);
    const toast = page.getByRole('status').filter({ hasText: 'deleted' });
    await toast.getByRole('button', { name: 'Undo' }).click();
    await until('both faxes are back', async () => (await options().count()) === 2);
    await toast.getByText('deleted').waitFor({ state: 'detached' });

    await page.getByRole('toolbar', { name: 'Document' }).getByRole('button', { name: 'Delete' }).click();
    await until('one fax is left after the Delete button', async () => (await options().count()) === 1);
    expect(await page.getByRole('alertdialog').count()).toBe(0);
    await toast.getByRole('button', { name: 'Undo' }).click();
    await until('both faxes are back again', async () => (await options().count()) === 2);
  });

  it('follows deletions and restores made elsewhere (inboxChanged events)', async () => {
    const { items } = await rpc('listInbox', { limit: 10 });
    const oldest = items[1];
    await rpc('deleteInboundFax', { id: oldest.id });
    await until('the fax deleted elsewhere leaves the list', async () => (await options().count()) === 1);
    await rpc('restoreInboundFax', { id: oldest.id });
    await until('the fax restored elsewhere is back', async () => (await options().count()) === 2);
  });

  it('searches by number and by date, and says when nothing matches', async () => {
    const search = page.getByRole('searchbox', { name: 'Search by number or name' });
    await search.fill('555-0177');
    await until('only the fax from 0177 is listed', async () => (await options().count()) === 1);
    expect(await options().first().getAttribute('aria-label')).toMatch(/555-0177/);
    await search.fill('');
    await until('both are listed again', async () => (await options().count()) === 2);

    const tomorrow = new Date(Date.now() + 86_400_000);
    const day = `${tomorrow.getFullYear()}-${String(tomorrow.getMonth() + 1).padStart(2, '0')}-${String(tomorrow.getDate()).padStart(2, '0')}`;
    await page.getByLabel('Received from').fill(day);
    await page.getByText(/^No faxes match received on or after/).waitFor();
    expect(await options().count()).toBe(0);
    // A range that ends before it starts is explained, not sent.
    await page.getByLabel('Received to').fill('2020-01-01');
    await page
      .getByRole('alert')
      .getByText(/From day is after the To day/)
      .waitFor();
    await page.getByRole('button', { name: 'Clear' }).click();
    await until('both are listed after Clear', async () => (await options().count()) === 2);
  });

  it('forwards the open fax with F: Send opens with it attached and its thumbnails drawn', async () => {
    await options().first().click();
    await pageCanvas().waitFor();
    await list().focus();
    await page.keyboard.press('f');
    await page.getByRole('heading', { name: 'Send a fax' }).waitFor({ state: 'attached' });
    const documents = page.getByRole('list', { name: 'Documents to send' });
    await documents.getByText(/^fax from /).waitFor();
    await documents.getByText('2 pages').waitFor();
    await until('the forwarded pages are drawn', async () => {
      const states = await documents.locator('canvas').evaluateAll((els) => els.map((e) => e.getAttribute('data-state')));
      return states.length >= 2 && states.every((s) => s === 'drawn');
    });
  });

  it('counts a new fax in the title as it arrives', async () => {
    await receiveLoopbackFax(rpc, 'late.pdf', await letterPdf(['Late arrival'], 1));
    await until('the title counts the new fax', async () => (await page.title()) === '(1) Faxbot');
    await page.getByRole('button', { name: /^Inbox, 1 unread/ }).click();
    await until('three faxes are listed', async () => (await options().count()) === 3);
    expect(await options().first().getAttribute('aria-label')).toMatch(/^Unread, /);
  });

  it('reaches every viewer button with Tab, each with a name', async () => {
    await options().first().click();
    await pageCanvas().waitFor();
    const names = await page
      .getByRole('toolbar', { name: 'Document' })
      .getByRole('button')
      .evaluateAll((els) =>
        els.map((e) => ({
          name: e.getAttribute('aria-label') ?? e.textContent?.trim() ?? '',
          tabbable: (e as HTMLButtonElement).tabIndex >= 0,
        })),
      );
    for (const wanted of [
      'Previous page',
      'Next page',
      'Zoom out',
      'Zoom in',
      'Fit width',
      'Rotate page',
      'Rotate all pages',
      'Save as PDF',
      'Mark unread',
      'Print',
      'Forward',
      'Delete',
    ]) {
      expect(
        names.find((n) => n.name === wanted),
        wanted,
      ).toMatchObject({ tabbable: true });
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1024);
  });

  it('applies the dark theme chosen in Settings, whatever the system says', async () => {
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await page.emulateMedia({ colorScheme: 'light' });
    const light = await background();
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByLabel('Watched folder').waitFor();
    expect(await page.getByLabel('Watched folder').inputValue()).not.toBe('');
    await page.getByLabel('Theme').selectOption('dark');
    await page.getByRole('button', { name: 'Save' }).click();
    await until('the page turns dark', async () => (await page.evaluate(() => document.documentElement.dataset.theme)) === 'dark');
    expect(await background()).not.toBe(light);
    await page.screenshot({ path: `${SCREENSHOTS}/settings-dark.png` });
    await page.getByLabel('Theme').selectOption('system');
    await page.getByRole('button', { name: 'Save' }).click();
    await until(
      'the page follows the (light) system again',
      async () => (await page.evaluate(() => document.documentElement.dataset.theme)) === 'light',
    );
  });

  it('raised no script errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
