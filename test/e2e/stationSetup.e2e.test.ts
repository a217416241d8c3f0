// The station set up once (issue 15), in real Chromium against `faxbot serve`: a fresh desk
// offers the short setup above Send, prefilled from the browser; bad values get sentences;
// once saved or skipped it stays gone across reloads; Settings → General picks the country
// from a list. Nothing is mocked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { HAVE_CHROMIUM, NO_CHROMIUM_REASON } from '../support/chromium';
import { deskRpc, type DeskRpc } from './inboxPage';
import { allText, probePdf } from '../imaging/pdfProbe';
import { SCREENSHOTS, openDeskInChromium, textOf, until, type DeskInChromium } from './pageChecks';

if (!HAVE_CHROMIUM) console.warn(NO_CHROMIUM_REASON);

describe.skipIf(!HAVE_CHROMIUM)('the station setup in Chromium against faxbot serve', { timeout: 120_000 }, () => {
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

  const setup = () => page.getByRole('form', { name: 'Station setup' });
  /** After a reload: the page has read the settings (General shows them), and is back on Send. */
  async function settingsRead() {
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const name = page.getByRole('tabpanel', { name: 'General' }).getByLabel('Station name');
    await until('the settings are read', async () => (await name.inputValue()) === 'Northside Clinic');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByRole('heading', { name: 'Send a fax' }).waitFor({ state: 'attached' });
  }

  it('offers the setup above Send on first start, prefilled from what is known', async () => {
    await setup().waitFor();
    await page.getByRole('heading', { name: 'Set up this station' }).waitFor();
    const country = setup().getByLabel('Country');
    expect(await country.inputValue()).toBe('US');
    expect(await country.locator('option:checked').textContent()).toBe('United States');
    expect(await country.locator('option').count()).toBeGreaterThan(200);
    expect(await setup().getByLabel('Paper size').inputValue()).toBe('letter');
    expect(await setup().getByLabel('Practice name').inputValue()).toBe('');
    // Send itself still works underneath.
    await page.getByRole('heading', { name: 'Send a fax' }).waitFor({ state: 'attached' });
    await page.screenshot({ path: `${SCREENSHOTS}/station-setup.png` });
  });

  it('says what is wrong: a missing name, a phone number too short', async () => {
    await setup().getByRole('button', { name: 'Save station details' }).click();
    const name = setup().getByLabel('Practice name');
    await until('the name is marked', async () => (await name.getAttribute('aria-invalid')) === 'true');
    expect(await textOf(page.locator('[id$="-stationName-note"]'))).toMatch(/Enter the practice’s name .*or choose Skip for now/);

    await name.fill('Northside Clinic');
    await setup().getByLabel('Practice fax number').fill('(202) 555-0177');
    const phone = setup().getByLabel('Practice phone number');
    await phone.fill('555');
    await setup().getByRole('button', { name: 'Save station details' }).click();
    await until('the phone number is marked', async () => (await phone.getAttribute('aria-invalid')) === 'true');
    const note = await textOf(page.locator('[id$="-stationPhone-note"]'));
    expect(note).toMatch(/short|digits|area code/i);
    expect(note).not.toMatch(/stationPhone|invalid_number/);
    expect((await rpc('getSettings', {})).stationSetup).toBeNull();
  });

  it('saves the station, and stays gone after a reload; the cover page uses it', async () => {
    await setup().getByLabel('Practice phone number').fill('(202) 555-0199');
    await setup().getByLabel('Paper size').selectOption('a4');
    await setup().getByRole('button', { name: 'Save station details' }).click();
    await setup().waitFor({ state: 'detached' });
    expect(await rpc('getSettings', {})).toMatchObject({
      stationName: 'Northside Clinic',
      stationNumber: '+12025550177',
      stationPhone: '+12025550199',
      paperSize: 'a4',
      stationSetup: 'done',
    });
    const cover = await rpc('previewCoverPage', { to: '(202) 555-0143', recipientName: '', pages: 1, cover: { subject: '', notes: '' } });
    const text = allText(await probePdf(new Uint8Array(Buffer.from(cover.pdfBase64, 'base64'))));
    expect(text).toMatch(/FROM\s+Northside Clinic/);
    expect(text).toMatch(/PHONE\s+\(202\) 555-0199/);
    await page.reload();
    await settingsRead();
    expect(await setup().count()).toBe(0);
  });

  it('Settings → General shows the phone number and picks the country from a list', async () => {
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const general = page.getByRole('tabpanel', { name: 'General' });
    expect(await general.getByLabel('Station phone number').inputValue()).toBe('+12025550199');
    const country = general.getByLabel('Default country');
    expect(await country.evaluate((el) => el.tagName)).toBe('SELECT');
    await country.selectOption({ label: 'Canada' });
    await general.getByRole('button', { name: 'Save' }).click();
    await general.getByText('Saved.').waitFor();
    expect((await rpc('getSettings', {})).defaultCountry).toBe('CA');
    expect(await setup().count()).toBe(0);
  });

  it('Skip for now puts it away for good, across a reload', async () => {
    await rpc('updateSettings', { stationSetup: null, defaultCountry: 'US' });
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await setup().waitFor();
    // What was saved before is prefilled.
    expect(await setup().getByLabel('Practice name').inputValue()).toBe('Northside Clinic');
    await setup().getByRole('button', { name: 'Skip for now' }).click();
    await setup().waitFor({ state: 'detached' });
    expect((await rpc('getSettings', {})).stationSetup).toBe('skipped');
    await page.reload();
    await settingsRead();
    expect(await setup().count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
