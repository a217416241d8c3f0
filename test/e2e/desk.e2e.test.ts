// The desk as front-desk staff use it: the built renderer in real Chromium, against the real
// headless Faxbot with the simulator provider. Nothing is mocked; the test waits on what the
// page shows, never on a clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { HAVE_CHROMIUM, NO_CHROMIUM_REASON } from '../support/chromium';
import { cardPng, letterPdf } from './deskDocuments';
import { SCREENSHOTS, dropFile, inkedPixels, openDeskInChromium, textOf, until, type DeskInChromium } from './pageChecks';

if (!HAVE_CHROMIUM) console.warn(NO_CHROMIUM_REASON);

// Generous per-test time: two cores may be shared with other test files and their servers.
describe.skipIf(!HAVE_CHROMIUM)('the desk in Chromium against faxbot serve', { timeout: 120_000 }, () => {
  let session: DeskInChromium | undefined;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    session = await openDeskInChromium({ errors: pageErrors, consoleErrors: true });
    ({ page } = session);
  });

  afterAll(async () => {
    await session?.close();
  });

  it('shows the frame: nav, the Send screen and the provider in words on the status line', async () => {
    await page.getByRole('contentinfo').getByText('Practice mode — faxes are not really sent').waitFor();
    const nav = page.getByRole('navigation', { name: 'Faxbot' });
    for (const name of ['Send', 'Outbox', 'Inbox', 'Settings']) await nav.getByRole('button', { name, exact: true }).waitFor();
    expect(await nav.getByRole('button', { name: 'Send' }).getAttribute('aria-current')).toBe('page');
    // The token left the address bar and stays with the tab.
    expect(page.url()).not.toContain('token=');
    expect(await page.evaluate(() => sessionStorage.getItem('faxbot.token'))).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    // Nothing overflows the window sideways at 1024×700.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1024);
  });

  it('refuses a bad station number in Settings with the reason, then saves a good one', async () => {
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const station = page.getByLabel('Station fax number');
    await station.fill('12');
    await page.getByRole('button', { name: 'Save' }).click();
    await until('the station number field shows its error', async () => (await station.getAttribute('aria-invalid')) === 'true');
    expect(await textOf(page.locator('[id$="-stationNumber-note"]'))).toMatch(/short|digits|not a/i);

    await station.fill('(202) 555-0177');
    await page.getByLabel('Station name').fill('Front desk');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved.').waitFor();
    // The engine keeps it in E.164; the form shows what it saved.
    await until('the saved number comes back normalized', async () => (await station.inputValue()) === '+12025550177');
  });

  it('stages a PDF by Browse… and a PNG by a real drop, reorders them, adds a cover page and sends to Delivered', async () => {
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByText('Drop files here, or').waitFor();

    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'referral.pdf', mimeType: 'application/pdf', buffer: await letterPdf(['Referral for Jane Roe'], 2) });
    const documents = page.getByRole('list', { name: 'Documents to send' });
    await documents.getByText('2 pages').waitFor();

    // A real drop, with a DataTransfer holding a File, on the form side of the screen:
    // the whole Send screen takes a drop, not only the box.
    await dropFile(page, 'form[aria-label="Fax details"]', { name: 'insurance-card.png', mimeType: 'image/png', buffer: cardPng() });
    await documents.getByText('insurance-card.png').waitFor();
    await documents.getByText('1 page', { exact: true }).waitFor();

    // Thumbnails are the normalized pages drawn by pdf.js.
    await until('every thumbnail is drawn', async () => {
      const states = await documents.locator('canvas.thumb').evaluateAll((els) => els.map((e) => e.getAttribute('data-state')));
      return states.length === 3 && states.every((s) => s === 'drawn');
    });
    expect(await inkedPixels(documents.locator('canvas.thumb').first())).toBeGreaterThan(20);

    await page.getByRole('button', { name: 'Move insurance-card.png up' }).click();
    expect(await documents.locator('.document-name').allTextContents()).toEqual(['insurance-card.png', 'referral.pdf']);

    await page.getByLabel('Cover page').check();
    await page.getByLabel('Subject').fill('Referral');
    await page.getByLabel('Notes').fill('Please call to book.');
    await page.getByText('4 pages incl. cover').waitFor();

    const sendButton = page.getByRole('button', { name: /Send fax/ });
    expect(await sendButton.isDisabled()).toBe(true);
    await page.getByLabel('To', { exact: true }).fill('(202) 555-0143');
    await page.getByLabel('Recipient name').fill('Dr. Amy Lee');
    await page.getByText('✓ US').waitFor();
    await until('Send fax is enabled', () => sendButton.isEnabled());
    await page.screenshot({ path: `${SCREENSHOTS}/send.png` });

    await page.keyboard.press('Control+Enter');
    await page.getByRole('heading', { name: 'Outbox' }).waitFor();
    const row = page.getByRole('list', { name: 'Sent faxes' }).getByRole('button', { name: /Dr\. Amy Lee/ });
    await row.getByText('(202) 555-0143').waitFor();
    await row.getByText('4 pages').waitFor();
    await row.getByText('Delivered', { exact: true }).waitFor();
    // Times are in the person's locale, never ISO.
    expect(await textOf(row)).not.toMatch(/\d{4}-\d{2}-\d{2}T/);

    // The job opened on arrival: its details name the documents in the order sent.
    const details = page.getByRole('article', { name: 'Fax to Dr. Amy Lee' });
    await details.getByText('insurance-card.png, referral.pdf', { exact: false }).waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}/outbox.png` });

    await details.getByRole('button', { name: 'Open document' }).click();
    const sentPage = details.locator('canvas.page-canvas[data-state="drawn"]');
    await sentPage.waitFor();
    expect(await inkedPixels(sentPage)).toBeGreaterThan(100);
  });

  it('delivers a fax sent to the station’s own number to the Inbox, and shows it', async () => {
    // Dropped while the Outbox is showing: the desk switches to Send with the file added.
    await dropFile(page, 'main', {
      name: 'lab-results.pdf',
      mimeType: 'application/pdf',
      buffer: await letterPdf(['Lab results', 'Potassium 4.1'], 1),
    });
    await page.getByRole('heading', { name: 'Send a fax' }).waitFor({ state: 'attached' });
    await page.getByRole('list', { name: 'Documents to send' }).getByText('1 page', { exact: true }).waitFor();
    await page.getByLabel('To', { exact: true }).fill('(202) 555-0177');
    await page.getByLabel('Recipient name').fill('Ourselves');
    await until('Send fax is enabled', () => page.getByRole('button', { name: /Send fax/ }).isEnabled());
    await page.getByRole('button', { name: /Send fax/ }).click();
    await page
      .getByRole('list', { name: 'Sent faxes' })
      .getByRole('button', { name: /Ourselves/ })
      .getByText('Delivered', { exact: true })
      .waitFor();

    const inboxNav = page.getByRole('button', { name: 'Inbox, 1 unread' });
    await inboxNav.waitFor();
    await inboxNav.click();
    const fax = page.getByRole('listbox', { name: 'Received faxes' }).getByRole('option', { name: /^Unread, from/ });
    await fax.waitFor();
    await fax.click();
    const canvas = page.locator('canvas.page-canvas[data-state="drawn"]');
    await canvas.waitFor();
    expect(await inkedPixels(canvas)).toBeGreaterThan(100);
    // Opening it marked it read, in the list and in the nav count.
    await page.getByRole('button', { name: 'Inbox', exact: true }).waitFor();
    await page.getByRole('listbox', { name: 'Received faxes' }).getByRole('option', { name: /^from/ }).waitFor();
    await page.getByRole('button', { name: 'Zoom in' }).click();
    await page.screenshot({ path: `${SCREENSHOTS}/inbox.png` });
  });

  it('says what is wrong with a bad number once the person pauses, and keeps Send disabled', async () => {
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByLabel('To', { exact: true }).fill('555-01');
    await page.getByText(/too short/).waitFor();
    expect(await page.getByLabel('To', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('button', { name: /Send fax/ }).isDisabled()).toBe(true);
  });

  it('shows why a broken PDF was refused, next to the drop zone, and loses nothing else', async () => {
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'letter.pdf', mimeType: 'application/pdf', buffer: await letterPdf(['Letter'], 1) });
    await page.getByRole('list', { name: 'Documents to send' }).getByText('letter.pdf').waitFor();
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'broken.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7 garbage') });
    const problem = page.locator('.file-problems').getByText('broken.pdf');
    await problem.waitFor();
    expect((await textOf(page.locator('.file-problems'))).length).toBeGreaterThan('broken.pdf: '.length + 10);
    expect(await page.getByRole('list', { name: 'Documents to send' }).locator('.document-name').allTextContents()).toEqual(['letter.pdf']);
    expect(await page.getByLabel('To', { exact: true }).inputValue()).toBe('555-01');
  });

  it('reaches the screens from the keyboard, with a visible focus ring', async () => {
    await page.getByRole('button', { name: 'Send', exact: true }).focus();
    await page.keyboard.press('Tab');
    const focused = () => page.evaluate(() => document.activeElement?.textContent ?? '');
    expect(await focused()).toMatch(/Outbox/);
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).toBe('solid');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Outbox' }).waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Inbox' }).waitFor();
  });

  it('follows the system’s dark theme', async () => {
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const light = await background();
    await page.emulateMedia({ colorScheme: 'dark' });
    await until('the dark background applies', async () => (await background()) !== light);
    await page.screenshot({ path: `${SCREENSHOTS}/send-dark.png` });
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('raised no script errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
