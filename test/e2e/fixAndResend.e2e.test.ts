// Fix and resend as front-desk staff meet it (issue 15), in real Chromium against `faxbot
// serve` with the simulator: a fax refused by a voice line offers Edit and resend, which puts
// it back on Send to correct; a busy fax shows its attempts after a reload; the document and
// the confirmation page replace each other; a chip stays one line. Nothing is mocked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { HAVE_CHROMIUM, NO_CHROMIUM_REASON } from '../support/chromium';
import { letterPdf } from './deskDocuments';
import { deskRpc, type DeskRpc } from './inboxPage';
import { SCREENSHOTS, openDeskInChromium, textOf, until, type DeskInChromium } from './pageChecks';

if (!HAVE_CHROMIUM) console.warn(NO_CHROMIUM_REASON);

const NOT_A_FAX = '+12025550133';
const BUSY_ONCE = '+12025550111';

describe.skipIf(!HAVE_CHROMIUM)('fix and resend in Chromium against faxbot serve', { timeout: 120_000 }, () => {
  let session: DeskInChromium | undefined;
  let page: Page;
  let rpc: DeskRpc;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    session = await openDeskInChromium({ errors: pageErrors });
    ({ page } = session);
    rpc = deskRpc(session.desk.uiUrl);
  });
  afterAll(async () => {
    await session?.close();
  });

  const outboxRow = (name: RegExp) => page.getByRole('list', { name: 'Sent faxes' }).getByRole('button', { name });
  async function sendByRpc(to: string, recipientName: string, cover: { subject: string; notes: string } | null) {
    const staged = await rpc('stageDocument', {
      fileName: 'referral.pdf',
      contentBase64: Buffer.from(await letterPdf(['Referral for Jane Roe'], 2)).toString('base64'),
    });
    return rpc('sendFax', { to, recipientName, documentIds: [staged.documentId], cover });
  }

  it('says a wrong number once, under a one-line chip, and offers Edit and resend first', async () => {
    await sendByRpc(NOT_A_FAX, 'Voice Line Clinic', { subject: 'Referral', notes: 'Please call back' });
    await page.getByRole('button', { name: /^Outbox/ }).click();
    const row = outboxRow(/Voice Line Clinic/);
    const chip = row.locator('.chip');
    await chip.getByText('Failed', { exact: true }).waitFor();
    const reason = 'A person or a voice line answered, not a fax machine. Check the number.';
    const rowText = await textOf(row);
    expect(rowText.split(reason)).toHaveLength(2);
    expect(await textOf(chip)).toBe('Failed');
    // One line: the chip is no taller than its own line height.
    const [height, line] = await chip.evaluate((el) => [el.getBoundingClientRect().height, parseFloat(getComputedStyle(el).lineHeight)]);
    expect(height).toBeLessThan(line * 1.8);

    await row.click();
    const details = page.getByRole('article', { name: 'Fax to Voice Line Clinic' });
    await details.getByRole('button', { name: 'Edit and resend' }).waitFor();
    await details.getByRole('button', { name: 'Resend to the same number' }).waitFor();
    expect(await details.getByRole('button', { name: 'Resend', exact: true }).count()).toBe(0);
    const attempts = details.getByRole('region', { name: 'Attempts' });
    await attempts.getByText('Not a fax machine').waitFor();
    expect(await textOf(attempts)).toContain('Simulator');
    expect(await textOf(details)).not.toMatch(/attempt 1 of/);
    await page.screenshot({ path: `${SCREENSHOTS}/outbox-wrong-number.png` });
  });

  it('Edit and resend opens Send with the pages, number, name and cover, to be corrected and sent', async () => {
    const details = page.getByRole('article', { name: 'Fax to Voice Line Clinic' });
    await details.getByRole('button', { name: 'Edit and resend' }).click();
    await page.getByRole('heading', { name: 'Send a fax' }).waitFor({ state: 'attached' });
    const documents = page.getByRole('list', { name: 'Documents to send' });
    await documents.getByText('referral.pdf').waitFor();
    await documents.getByText('2 pages').waitFor();
    const to = page.getByLabel('To', { exact: true });
    expect(await to.inputValue()).toBe('(202) 555-0133');
    expect(await page.getByLabel('Recipient name').inputValue()).toBe('Voice Line Clinic');
    expect(await page.getByRole('checkbox', { name: 'Cover page' }).isChecked()).toBe(true);
    expect(await page.getByLabel('Subject').inputValue()).toBe('Referral');
    expect(await page.getByLabel('Notes').inputValue()).toBe('Please call back');
    await page.getByText('3 pages incl. cover').waitFor();

    await to.fill('(202) 555-0143');
    const sendButton = page.getByRole('button', { name: /Send fax/ });
    await until('Send fax is enabled', () => sendButton.isEnabled());
    await sendButton.click();
    await page.getByRole('heading', { name: 'Outbox' }).waitFor();
    const fixed = page.getByRole('article', { name: 'Fax to Voice Line Clinic' });
    await fixed.getByText('(202) 555-0143').waitFor();
    await fixed.locator('.chip').getByText('Delivered', { exact: true }).waitFor();
    // Delivered: no "attempt 1 of 3", and plain Resend in one step.
    expect(await textOf(fixed.locator('.details-head'))).not.toMatch(/attempt/);
    await fixed.getByRole('button', { name: 'Resend', exact: true }).waitFor();
  });

  it('shows each attempt of a busy-then-delivered fax after a reload, from the engine', async () => {
    const sent = await sendByRpc(BUSY_ONCE, 'Busy Clinic', null);
    const row = outboxRow(/Busy Clinic/);
    await row.locator('.chip').getByText('Delivered', { exact: true }).waitFor();
    await page.reload();
    await page.getByRole('button', { name: /^Outbox/ }).click();
    await row.click();
    const details = page.getByRole('article', { name: 'Fax to Busy Clinic' });
    const items = details.getByRole('region', { name: 'Attempts' }).getByRole('listitem');
    await until('both attempts are listed', async () => (await items.count()) === 2);
    expect(await textOf(items.nth(0))).toMatch(/Simulator.*Line busy — tried again/);
    expect(await textOf(items.nth(1))).toMatch(/Simulator.*Delivered/);
    expect(await textOf(details.locator('.details-head'))).not.toMatch(/attempt \d of/);
    expect(sent.to).toBe(BUSY_ONCE);
  });

  it('opening the document replaces the confirmation page, and the other way round', async () => {
    const details = page.getByRole('article', { name: 'Fax to Busy Clinic' });
    await details.getByRole('button', { name: 'Confirmation page' }).click();
    const report = details.getByRole('region', { name: /Confirmation page for the fax to Busy Clinic/ });
    await report.waitFor();
    await details.getByRole('button', { name: 'Open document' }).click();
    await details.locator('canvas.page-canvas[data-state="drawn"]').first().waitFor();
    expect(await report.count()).toBe(0);
    expect(await details.getByRole('button', { name: 'Hide document' }).count()).toBe(1);
    expect(await details.getByRole('button', { name: 'Confirmation page' }).getAttribute('aria-expanded')).toBe('false');
    await details.getByRole('button', { name: 'Confirmation page' }).click();
    await report.waitFor();
    expect(await details.getByRole('button', { name: 'Open document' }).getAttribute('aria-expanded')).toBe('false');
    expect(await details.locator('section.viewer').count()).toBe(1);
    expect(pageErrors).toEqual([]);
  });
});
