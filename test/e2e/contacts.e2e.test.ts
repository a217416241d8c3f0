// Contacts as front-desk staff use them, in real Chromium against `faxbot serve`: import a
// CSV (the column mapping changed, the preview, a bad row reported), add, edit and delete
// with Undo, then find a contact on Send by name and fax it; save a typed number as a
// contact in one step. Nothing is mocked; the test waits on what the page shows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { HAVE_CHROMIUM, NO_CHROMIUM_REASON } from '../support/chromium';
import { letterPdf } from './deskDocuments';
import { SCREENSHOTS, openDeskInChromium, until, type DeskInChromium } from './pageChecks';

if (!HAVE_CHROMIUM) console.warn(NO_CHROMIUM_REASON);

const PRACTICES = [
  'Practice,Main line,Fax line',
  'Capitol Cardiology,202-555-0100,202-555-0143',
  'Northside Pharmacy,202-555-0101,202-555-0150',
  'Nowhere Clinic,202-555-0102,555-01',
].join('\n');

describe.skipIf(!HAVE_CHROMIUM)('Contacts in Chromium against faxbot serve', { timeout: 120_000 }, () => {
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

  const contactList = () => page.getByRole('listbox', { name: 'Contacts' });
  const names = () => contactList().locator('.row-name').allTextContents();

  it('imports a CSV: the mapping changed by the person, the preview, the bad row with its reason', async () => {
    await page.getByRole('button', { name: 'Contacts', exact: true }).click();
    await page.getByText('No contacts yet.').waitFor();
    await page.getByRole('button', { name: 'Import…' }).click();
    await page
      .getByLabel('CSV or vCard file')
      .setInputFiles({ name: 'practices.csv', mimeType: 'text/csv', buffer: Buffer.from(PRACTICES) });
    const preview = page.getByRole('table', { name: 'First rows' });
    await preview.getByText('Capitol Cardiology').waitFor();
    // The header names no "name" column: the practice went to Organization. The person maps it to Name instead.
    expect(await page.getByLabel('Organization', { exact: true }).inputValue()).toBe('0');
    await page.getByLabel('Organization', { exact: true }).selectOption({ label: '(none)' });
    await page.getByLabel('Name', { exact: true }).selectOption({ label: 'Practice' });
    await until('the preview follows the mapping', async () => (await page.getByLabel('Name', { exact: true }).inputValue()) === '0');
    const problems = page.getByRole('list', { name: 'Rows that cannot be imported' });
    await problems.getByText(/^Row 4: 555-01 is too short/).waitFor();
    expect(await preview.getByRole('row').count()).toBe(4);
    await page.getByRole('button', { name: 'Import 2, skip 1' }).click();
    await page.getByText('Imported 2 contacts, skipped 1.').waitFor();
    await page.getByRole('button', { name: 'Done' }).click();
    await until('the list shows the imported contacts', async () => (await names()).length === 2);
    expect(await names()).toEqual(['Capitol Cardiology', 'Northside Pharmacy']);
    await page.screenshot({ path: `${SCREENSHOTS}/contacts-imported.png` });
  });

  it('adds a contact (the bad number refused beside its field), edits it, and deletes it with Undo', async () => {
    await page.getByRole('button', { name: 'Add contact' }).click();
    const form = page.getByRole('form', { name: 'New contact' });
    await form.getByLabel('Name', { exact: true }).fill('Dr. Amy Lee');
    await form.getByLabel('Fax number').fill('202 555');
    await form.getByRole('button', { name: 'Add contact' }).click();
    await form.getByText(/202 555 is too short/).waitFor();
    expect(await form.getByLabel('Fax number').getAttribute('aria-invalid')).toBe('true');
    await form.getByLabel('Fax number').fill('(202) 555-0177');
    await form.getByRole('button', { name: 'Add contact' }).click();
    await until('the new contact is listed', async () => (await names()).includes('Dr. Amy Lee'));

    await contactList()
      .getByRole('option', { name: /Dr\. Amy Lee/ })
      .click();
    const edit = page.getByRole('form', { name: 'Edit contact' });
    expect(await edit.getByLabel('Fax number').inputValue()).toBe('(202) 555-0177');
    await edit.getByLabel('Name', { exact: true }).fill('Dr. Amy Lee-Park');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await until('the changed name is listed', async () => (await names()).includes('Dr. Amy Lee-Park'));

    await contactList()
      .getByRole('option', { name: /Dr\. Amy Lee-Park/ })
      .click();
    await page.getByRole('form', { name: 'Edit contact' }).getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('status').filter({ hasText: 'Dr. Amy Lee-Park deleted' }).waitFor();
    await until('the deleted contact leaves the list', async () => !(await names()).includes('Dr. Amy Lee-Park'));
    await page.getByRole('button', { name: 'Undo delete of Dr. Amy Lee-Park' }).click();
    await until('Undo brings it back', async () => (await names()).includes('Dr. Amy Lee-Park'));

    // Search as you type: by name and by digits.
    await page.getByLabel('Search contacts').fill('north');
    await until('the search narrows the list', async () => (await names()).join() === 'Northside Pharmacy');
    await page.getByLabel('Search contacts').fill('0177');
    await until('digits find the number', async () => (await names()).join() === 'Dr. Amy Lee-Park');
    await page.getByLabel('Search contacts').fill('');
    await until('everyone is back', async () => (await names()).length === 3);
  });

  it('finds a contact on Send by name, fills the number and the name, and sends to it', async () => {
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.locator('input[type=file]').setInputFiles({
      name: 'referral.pdf',
      mimeType: 'application/pdf',
      buffer: await letterPdf(['Referral for Jane Roe'], 1),
    });
    await page.getByRole('list', { name: 'Documents to send' }).getByText('referral.pdf').waitFor();
    const to = page.getByRole('combobox', { name: 'To' });
    await to.fill('capitol');
    const option = page.getByRole('listbox', { name: 'Contacts and recent numbers' }).getByRole('option', { name: /Capitol Cardiology/ });
    await option.waitFor();
    await page.keyboard.press('ArrowDown');
    expect(await option.getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('Enter');
    await until('the number is filled in', async () => (await to.inputValue()) === '(202) 555-0143');
    expect(await page.getByLabel('Recipient name').inputValue()).toBe('Capitol Cardiology');
    await until('Send fax is enabled', () => page.getByRole('button', { name: /Send fax/ }).isEnabled());
    await page.keyboard.press('Control+Enter');
    await page
      .getByRole('list', { name: 'Sent faxes' })
      .getByRole('button', { name: /Capitol Cardiology/ })
      .getByText('Delivered', { exact: true })
      .waitFor();
  });

  it('saves a typed number as a contact in one step', async () => {
    await page.keyboard.press('Control+n');
    const to = page.getByRole('combobox', { name: 'To' });
    await to.fill('(202) 555-0188');
    await page.getByLabel('Recipient name').fill('St. Mary Records');
    await page.getByRole('button', { name: 'Save as contact' }).click();
    const form = page.getByRole('group', { name: 'Save as contact' });
    expect(await form.getByLabel('Name').inputValue()).toBe('St. Mary Records');
    await form.getByLabel('Organization').fill('St. Mary Hospital');
    await form.getByRole('button', { name: 'Save contact' }).click();
    await page.getByText('Saved to Contacts.').waitFor();
    await page.getByRole('button', { name: 'Contacts', exact: true }).click();
    await until('the saved contact is listed', async () => (await names()).includes('St. Mary Records'));
    expect(pageErrors).toEqual([]);
  });
});
