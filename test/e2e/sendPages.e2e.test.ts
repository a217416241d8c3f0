// Send's page view in real Chromium against `faxbot serve`: a thumbnail (or the "+N" tile, or
// the cover page) opens the pages at readable size; a page turned and another deleted there is
// what the job sends, read back from the job's PDF.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { HAVE_CHROMIUM, NO_CHROMIUM_REASON } from '../support/chromium';
import { letterPdf } from './deskDocuments';
import { SCREENSHOTS, inkedPixels, openDeskInChromium, until, type DeskInChromium } from './pageChecks';
import { deskRpc } from './inboxPage';
import { allText, probePdf } from '../imaging/pdfProbe';

if (!HAVE_CHROMIUM) console.warn(NO_CHROMIUM_REASON);

async function browse(page: Page, name: string, pages: number): Promise<void> {
  await page.locator('input[type=file]').setInputFiles({ name, mimeType: 'application/pdf', buffer: await letterPdf([name], pages) });
  await page.getByRole('list', { name: 'Documents to send' }).getByText(name).waitFor();
}

const focusedLabel = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');

describe.skipIf(!HAVE_CHROMIUM)('Send’s page view in Chromium', { timeout: 120_000 }, () => {
  let session: DeskInChromium | undefined;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    session = await openDeskInChromium({ errors: pageErrors });
    ({ page } = session);
  });
  afterAll(async () => {
    await session?.close();
  });

  const dialog = () => page.getByRole('dialog');
  const shownPage = () => dialog().locator('canvas.page-canvas');
  const drawnSize = async () => {
    await until('the page is drawn', async () => (await shownPage().getAttribute('data-state')) === 'drawn');
    return shownPage().evaluate((c) => ({ width: (c as HTMLCanvasElement).clientWidth, height: (c as HTMLCanvasElement).clientHeight }));
  };

  it('opens a page at readable size from its thumbnail, turns one page and deletes another', async () => {
    await browse(page, 'referral.pdf', 4);
    const documents = page.getByRole('list', { name: 'Documents to send' });
    const thumb = documents.getByRole('button', { name: 'Open referral.pdf, page 2 of 4' });
    await thumb.click();
    await dialog().getByRole('heading', { name: 'referral.pdf' }).waitFor();
    await dialog().getByText('Page 2 of 4').waitFor();
    const upright = await drawnSize();
    expect(upright.width).toBeGreaterThan(500);
    expect(upright.height).toBeGreaterThan(upright.width);
    expect(await inkedPixels(shownPage())).toBeGreaterThan(200);

    // R turns the page on screen a quarter; the engine rewrites the document, and the view shows it.
    await page.keyboard.press('r');
    await until('the page is shown across', async () => {
      const size = await drawnSize();
      return size.width > size.height;
    });
    await dialog().getByText('4 pages, as they will be sent').waitFor();
    expect(await dialog().getByText('Page 2 of 4').count()).toBe(1);

    await dialog().getByRole('button', { name: 'Next page' }).click();
    await dialog().getByText('Page 3 of 4').waitFor();
    await dialog().getByRole('button', { name: 'Delete page' }).click();
    await dialog().getByText('3 pages, as they will be sent').waitFor();
    await dialog().getByText('Page 3 of 3').waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}/send-page-view.png` });

    // Esc closes the view (and only the view) and puts focus back on the thumbnail.
    await page.keyboard.press('Escape');
    await dialog().waitFor({ state: 'detached' });
    await until('focus is back on the thumbnail', async () => (await focusedLabel(page)) === 'Open referral.pdf, page 2 of 3');
    await documents.getByText('3 pages', { exact: true }).waitFor();
    expect(await documents.locator('.document-name').allTextContents()).toEqual(['referral.pdf']);
  });

  it('opens the pages past the thumbnails from the "+N" tile, with Enter', async () => {
    await browse(page, 'chart.pdf', 10);
    const more = page.getByRole('button', { name: 'Open chart.pdf at page 9: 2 more pages' });
    await more.focus();
    await page.keyboard.press('Enter');
    await dialog().getByText('Page 9 of 10').waitFor();
    await page.getByRole('button', { name: /^Close/ }).click();
    await dialog().waitFor({ state: 'detached' });
    await until('focus is back on the tile', async () => (await focusedLabel(page)) === 'Open chart.pdf at page 9: 2 more pages');
    await page.getByRole('button', { name: 'Remove chart.pdf' }).click();
  });

  it('opens the cover page the same way, to read only', async () => {
    await page.getByLabel('Cover page').check();
    await page.getByLabel('Subject').fill('Referral');
    const cover = page.getByRole('button', { name: 'Open the cover page' });
    await cover.click();
    await dialog().getByRole('heading', { name: 'Cover page' }).waitFor();
    await drawnSize();
    expect(await inkedPixels(shownPage())).toBeGreaterThan(200);
    expect(
      await dialog()
        .getByRole('button', { name: /Rotate|Delete/ })
        .count(),
    ).toBe(0);
    await page.keyboard.press('Escape');
    await dialog().waitFor({ state: 'detached' });
    await until('focus is back on the cover', async () => (await focusedLabel(page)) === 'Open the cover page');
    // Esc in the view did not clear the fax.
    expect(await page.getByLabel('Subject').inputValue()).toBe('Referral');
  });

  it('sends exactly the pages the view showed', async () => {
    await page.getByText('4 pages incl. cover').waitFor();
    await page.getByLabel('To', { exact: true }).fill('(202) 555-0143');
    await until('Send fax is enabled', () => page.getByRole('button', { name: /Send fax/ }).isEnabled());
    await page.getByRole('button', { name: /Send fax/ }).click();
    await page.getByRole('list', { name: 'Sent faxes' }).waitFor();
    const rpc = deskRpc(session!.desk.uiUrl);
    const jobs = await rpc('listJobs', { limit: 5 });
    expect(jobs.items).toHaveLength(1);
    expect(jobs.items[0].pages).toBe(4);
    const sent = await probePdf(new Uint8Array(Buffer.from((await rpc('getJobDocument', { id: jobs.items[0].id })).pdfBase64, 'base64')));
    expect(sent.map((p) => p.rotate)).toEqual([0, 0, 90, 0]);
    expect(
      allText(sent.slice(1))
        .split('\n')
        .map((line) => line.replace(/ referral\.pdf$/, '')),
    ).toEqual(['Page 1 of 4', 'Page 2 of 4', 'Page 4 of 4']);
  });

  it('raised no script errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
