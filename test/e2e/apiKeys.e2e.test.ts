// Settings → API keys as an admin uses it: the built renderer in real Chromium against the
// real headless Faxbot. The key made in the window is then used by "another program" (this
// test, over HTTP) to send a fax that the Outbox shows; revoking it in the window shuts it out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { HAVE_CHROMIUM, NO_CHROMIUM_REASON, launchChromium } from '../support/chromium';
import { startDesk, type RunningDesk } from './deskServer';
import { letterPdf } from './deskDocuments';
import { SCREENSHOTS, openDeskInChromium, openDeskPage, until, type DeskInChromium } from './pageChecks';

if (!HAVE_CHROMIUM) console.warn(NO_CHROMIUM_REASON);

/** Another program sending a fax through the REST API with `secret`. */
async function postFax(origin: string, secret: string, to: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const form = new FormData();
  form.append('to', to);
  form.append(
    'file',
    new Blob([new Uint8Array(await letterPdf(['Sent by the clinic EHR'], 1))], { type: 'application/pdf' }),
    'ehr-referral.pdf',
  );
  const response = await fetch(`${origin}/fax`, { method: 'POST', headers: { 'X-API-Key': secret }, body: form });
  const text = await response.text();
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    body = { text };
  }
  return { status: response.status, body };
}

/** The clipboard is allowed, so a copied key can be read back. */
const CLIPBOARD = ['clipboard-read', 'clipboard-write'];
const openPage = (browser: Browser, url: string, errors: string[]) =>
  openDeskPage(browser, url, { errors, consoleErrors: true, permissions: CLIPBOARD });

describe.skipIf(!HAVE_CHROMIUM)('Settings → API keys in Chromium against faxbot serve', { timeout: 120_000 }, () => {
  let session: DeskInChromium | undefined;
  let desk: RunningDesk;
  let page: Page;
  let origin: string;
  let secret = '';
  const pageErrors: string[] = [];

  beforeAll(async () => {
    session = await openDeskInChromium({ errors: pageErrors, consoleErrors: true, permissions: CLIPBOARD });
    ({ desk, page } = session);
    origin = new URL(desk.uiUrl).origin;
  });

  afterAll(async () => {
    await session?.close();
  });

  it('opens Settings on General, and reaches API keys with the arrow keys', async () => {
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const tabs = page.getByRole('tablist', { name: 'Settings' });
    expect(await tabs.getByRole('tab').allTextContents()).toEqual([
      'General',
      'Cover pages',
      'Plugins',
      'Webhooks',
      'Storage & retention',
      'API keys',
      'Audit',
    ]);
    const general = tabs.getByRole('tab', { name: 'General' });
    expect(await general.getAttribute('aria-selected')).toBe('true');
    await page.getByRole('tabpanel', { name: 'General' }).getByLabel('Station name').waitFor();

    await general.focus();
    await page.keyboard.press('ArrowRight');
    const coversTab = tabs.getByRole('tab', { name: 'Cover pages' });
    await until('the Cover pages tab is selected', async () => (await coversTab.getAttribute('aria-selected')) === 'true');
    await page.keyboard.press('ArrowRight');
    const pluginsTab = tabs.getByRole('tab', { name: 'Plugins' });
    await until('the Plugins tab is selected', async () => (await pluginsTab.getAttribute('aria-selected')) === 'true');
    await page.keyboard.press('ArrowRight');
    const webhooksTab = tabs.getByRole('tab', { name: 'Webhooks' });
    await until('the Webhooks tab is selected', async () => (await webhooksTab.getAttribute('aria-selected')) === 'true');
    await page.keyboard.press('ArrowRight');
    const storageTab = tabs.getByRole('tab', { name: 'Storage & retention' });
    await until('the Storage & retention tab is selected', async () => (await storageTab.getAttribute('aria-selected')) === 'true');
    await page.keyboard.press('ArrowRight');
    const apiTab = tabs.getByRole('tab', { name: 'API keys' });
    await until(
      'the API keys tab is selected and focused',
      async () => (await apiTab.getAttribute('aria-selected')) === 'true' && (await apiTab.evaluate((el) => el === document.activeElement)),
    );
    expect(await general.getAttribute('tabindex')).toBe('-1');
    await page
      .getByRole('tabpanel', { name: 'API keys' })
      .getByText(/EHR or an AI assistant/)
      .waitFor();
    // Arrows wrap around, Home and End jump.
    const auditTab = tabs.getByRole('tab', { name: 'Audit' });
    await page.keyboard.press('End');
    await until('Audit, the last tab, is selected', async () => (await auditTab.getAttribute('aria-selected')) === 'true');
    await page.keyboard.press('ArrowRight');
    await until('General is selected again', async () => (await general.getAttribute('aria-selected')) === 'true');
    await page.keyboard.press('ArrowLeft');
    await until('Audit is selected again', async () => (await auditTab.getAttribute('aria-selected')) === 'true');
    await page.keyboard.press('Home');
    await until('General is selected by Home', async () => (await general.getAttribute('aria-selected')) === 'true');
    // Cover pages, Plugins, Webhooks, Storage & retention, API keys.
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
    await until('API keys is selected again', async () => (await apiTab.getAttribute('aria-selected')) === 'true');
  });

  it('turns the REST API on with the switch and says where it answers', async () => {
    const panel = page.getByRole('tabpanel', { name: 'API keys' });
    const toggle = panel.getByRole('switch', { name: 'REST API' });
    expect(await toggle.getAttribute('aria-checked')).toBe('false');
    expect((await postFax(origin, 'fbk_live_000000000000_nothing', '+12025550143')).status).not.toBe(202);
    await toggle.click();
    await until('the switch shows on', async () => (await toggle.getAttribute('aria-checked')) === 'true');
    await panel.getByText(origin).waitFor();
  });

  it('refuses a key without a name, under the Name field', async () => {
    const panel = page.getByRole('tabpanel', { name: 'API keys' });
    await panel.getByRole('button', { name: 'New key' }).click();
    const form = panel.getByRole('form', { name: 'New API key' });
    // Send faxes and Read sent faxes are ticked for a new key.
    expect(await form.getByLabel('Send faxes').isChecked()).toBe(true);
    expect(await form.getByLabel('Read sent faxes and their status').isChecked()).toBe(true);
    expect(await form.getByLabel('List received faxes').isChecked()).toBe(false);
    await form.getByRole('button', { name: 'Create key' }).click();
    const name = form.getByLabel('Name');
    await until('the name field shows its error', async () => (await name.getAttribute('aria-invalid')) === 'true');
    expect(await form.locator('.hint-error').first().textContent()).toMatch(/name/i);
  });

  it('creates a key with Send faxes and shows its secret once, ready to copy', async () => {
    const panel = page.getByRole('tabpanel', { name: 'API keys' });
    const form = panel.getByRole('form', { name: 'New API key' });
    await form.getByLabel('Name').fill('Clinic EHR');
    await form.getByLabel('Read sent faxes and their status').uncheck();
    await form.getByRole('button', { name: 'Create key' }).click();

    await panel.getByText('Copy it now: Faxbot cannot show it again.').waitFor();
    const field = panel.getByLabel('Secret for Clinic EHR');
    expect(await field.getAttribute('readonly')).not.toBeNull();
    await panel.getByRole('button', { name: 'Copy' }).click();
    await panel.getByText('Copied.').waitFor();
    secret = await page.evaluate(() => navigator.clipboard.readText());
    expect(secret).toBe(await field.inputValue());
    expect(secret).toMatch(/^fbk_live_[0-9a-f]{12}_/);

    const row = panel.getByRole('listitem', { name: 'Key Clinic EHR' });
    expect(await row.getByRole('list', { name: 'Permissions' }).getByRole('listitem').allTextContents()).toEqual(['Send faxes']);
    await row.getByText(/last used never/).waitFor();
    expect(await row.textContent()).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    await page.screenshot({ path: `${SCREENSHOTS}/settings-api-keys.png`, fullPage: true });

    // The secret is never kept by the page.
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
    expect(stored).not.toContain(secret.slice(-20));
    await panel.getByRole('button', { name: 'Done' }).click();
    await until('the secret is gone from the page', async () => !(await page.content()).includes(secret.slice(-20)));
  });

  it('lets another program send with the key; the fax shows in the Outbox and is delivered', async () => {
    const sent = await postFax(origin, secret, '+12025550143');
    expect(sent.status, JSON.stringify(sent.body)).toBe(202);
    await page.getByRole('button', { name: /^Outbox/ }).click();
    const row = page.getByRole('list', { name: 'Sent faxes' }).getByRole('button', { name: /\(202\) 555-0143/ });
    await row.first().getByText('Delivered', { exact: true }).waitFor();
  });

  it('rotates the key after a warning in words: the old secret stops working, the new one works', async () => {
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const panel = page.getByRole('tabpanel', { name: 'API keys' });
    const row = panel.getByRole('listitem', { name: 'Key Clinic EHR' });
    // The tab reads the list afresh: the key has been used now.
    await until('the key shows it was used', async () => !/last used never/.test((await row.textContent()) ?? ''));

    await row.getByRole('button', { name: 'Rotate' }).click();
    const confirm = row.getByRole('group', { name: 'Confirm rotate' });
    await confirm.getByText(/Programs using this key stop working at once/).waitFor();
    // Keep it backs out without changing anything.
    await confirm.getByRole('button', { name: 'Keep it' }).click();
    await row.getByRole('button', { name: 'Rotate' }).click();
    await confirm.getByRole('button', { name: 'Rotate key' }).click();

    await panel.getByRole('heading', { name: 'New secret for “Clinic EHR”' }).waitFor();
    const rotated = await panel.getByLabel('Secret for Clinic EHR').inputValue();
    expect(rotated).not.toBe(secret);
    expect(rotated.split('_')[2]).toBe(secret.split('_')[2]);
    expect((await postFax(origin, secret, '+12025550143')).status).toBe(401);
    expect((await postFax(origin, rotated, '+12025550143')).status).toBe(202);
    secret = rotated;
    // Leaving the tab ends the one chance to see it.
    await page.getByRole('tab', { name: 'General' }).click();
    await page.getByRole('tab', { name: 'API keys' }).click();
    await panel.getByRole('button', { name: 'New key' }).waitFor();
    expect(await page.content()).not.toContain(rotated.slice(-20));
  });

  it('revokes the key after a warning in words, and the same request is then refused', async () => {
    const panel = page.getByRole('tabpanel', { name: 'API keys' });
    const row = panel.getByRole('listitem', { name: 'Key Clinic EHR' });
    await row.getByRole('button', { name: 'Revoke' }).click();
    const confirm = row.getByRole('group', { name: 'Confirm revoke' });
    await confirm.getByText(/Programs using this key stop working at once/).waitFor();
    await confirm.getByRole('button', { name: 'Revoke key' }).click();
    await row.getByText(/^Revoked/).waitFor();
    expect(await row.getByRole('button', { name: 'Rotate' }).count()).toBe(0);

    expect((await postFax(origin, secret, '+12025550143')).status).toBe(401);
  });

  it('raised no script errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});

describe.skipIf(!HAVE_CHROMIUM)('the REST API switch when the environment decides', { timeout: 120_000 }, () => {
  let desk: RunningDesk;
  let browser: Browser;

  beforeAll(async () => {
    desk = await startDesk({ FAXBOT_API_ENABLED: 'true' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await desk?.stop();
  });

  it('shows a lock and the variable’s name instead of a switch', async () => {
    const errors: string[] = [];
    const { page } = await openPage(browser, desk.uiUrl, errors);
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByRole('tab', { name: 'API keys' }).click();
    const panel = page.getByRole('tabpanel', { name: 'API keys' });
    await panel.getByText('Set by FAXBOT_API_ENABLED').waitFor();
    await panel.locator('svg.lock-icon').waitFor();
    expect(await panel.getByRole('switch').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
