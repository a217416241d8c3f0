// Settings → Plugins as an admin meets it: the built renderer in real Chromium against
// `faxbot serve` (simulator at first) and the fake Phaxio on 127.0.0.1. Phaxio is set up
// through the form: a wrong secret fails Test and says why, the right one passes, Apply
// (after the patient-data warning) swaps the provider at runtime, and a fax from Send goes
// through the fake and shows Delivered. PHAXIO_BASE_URL and PHAXIO_CALLBACK_TOKEN come from
// the environment, so those fields are locked; a backup of the config file is restored.
import { readFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { HAVE_CHROMIUM, NO_CHROMIUM_REASON } from '../support/chromium';
import { startFakePhaxio, type FakePhaxio } from '../fakes/phaxio';
import { letterPdf } from './deskDocuments';
import { SCREENSHOTS, dropFile, openDeskInChromium, textOf, until, type DeskInChromium } from './pageChecks';

const CREDENTIALS = { apiKey: 'key_plugins_e2e', apiSecret: 'secret_plugins_e2e', callbackToken: 'plugins-e2e-webhook-token' };
const WRONG_SECRET = 'secret_typed_wrong_0451';
if (!HAVE_CHROMIUM) console.warn(NO_CHROMIUM_REASON);

/** A port nobody listens on right now, for the webhook listener whose address must be known before it starts. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe.skipIf(!HAVE_CHROMIUM)('Settings → Plugins in Chromium against faxbot serve and the fake Phaxio', { timeout: 180_000 }, () => {
  let fake: FakePhaxio;
  let session: DeskInChromium | undefined;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    fake = await startFakePhaxio({ ...CREDENTIALS });
    const webhookPort = await freePort();
    const env = {
      // Not FAX_BACKEND: the desk starts on the simulator and Phaxio is chosen in the UI.
      PHAXIO_BASE_URL: fake.url,
      PHAXIO_CALLBACK_TOKEN: CREDENTIALS.callbackToken,
      FAXBOT_WEBHOOK_PORT: String(webhookPort),
      PUBLIC_API_URL: `http://127.0.0.1:${webhookPort}`,
      FAXBOT_RETRY_BASE_MS: '100',
    };
    session = await openDeskInChromium({ env, errors: pageErrors, consoleErrors: true });
    page = session.page;
  });

  afterAll(async () => {
    await session?.close();
    await fake?.close();
  });

  const panel = () => page.getByRole('tabpanel', { name: 'Plugins' });
  const card = (name: string) => panel().getByRole('article', { name });
  const slot = (words: string) => panel().locator('.plugin-slot').filter({ hasText: words });

  async function openPlugins(): Promise<void> {
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByRole('tablist', { name: 'Settings' }).getByRole('tab', { name: 'Plugins' }).click();
    await panel().getByText('Sending through').waitFor();
  }

  async function openSettingsOf(plugin: Locator): Promise<Locator> {
    const toggle = plugin.getByRole('button', { name: /^(Show|Hide) settings for / });
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    const form = plugin.getByRole('form');
    await form.waitFor();
    return form;
  }

  it('shows what fills each slot, and a card per plugin with its status, what it can do and a help link', async () => {
    await openPlugins();
    expect(await textOf(slot('Sending through'))).toContain('Simulator');
    expect(await textOf(slot('Receiving on'))).toContain('Simulator');
    expect(await textOf(slot('Documents kept in'))).toContain('This computer');
    for (const name of ['Simulator', 'Phaxio', 'Sinch Fax', 'Asterisk (SIP)', 'This computer', 'Amazon S3']) await card(name).waitFor();
    expect(await textOf(card('Simulator'))).toMatch(/Active · sending, receiving/);

    const phaxio = card('Phaxio');
    expect(await phaxio.getByRole('list', { name: 'What Phaxio can do' }).getByRole('listitem').allTextContents()).toEqual(
      expect.arrayContaining(['Sends', 'Receives', 'Webhooks']),
    );
    const help = phaxio.getByRole('link', { name: /Help/ });
    expect(await help.getAttribute('href')).toMatch(/^https:\/\/www\.phaxio\.com\//);
    expect(await help.getAttribute('target')).toBe('_blank');
    expect(await help.getAttribute('rel')).toContain('noopener');
    expect(await panel().getByRole('alert').filter({ hasText: 'Using the built-in list' }).count()).toBe(0);
    await page.screenshot({ path: `${SCREENSHOTS}/plugins-overview.png` });
  });

  it('shows settings the environment fixes read-only, naming the variable', async () => {
    const form = await openSettingsOf(card('Phaxio'));
    const address = form.getByLabel('API address');
    expect(await address.isEditable()).toBe(false);
    expect(await address.inputValue()).toBe(fake.url);
    await form.getByText(/Set by PHAXIO_BASE_URL/).waitFor();
    const token = form.getByLabel('Callback token');
    expect(await token.isEditable()).toBe(false);
    expect(await token.inputValue()).toBe('Set');
    await form.getByText(/Set by PHAXIO_CALLBACK_TOKEN/).waitFor();
    expect(await form.getByRole('button', { name: /Callback token/ }).count()).toBe(0);
    expect(await textOf(form)).not.toContain(CREDENTIALS.callbackToken);
  });

  it('fails Test with a wrong secret and says why, without sending anything', async () => {
    const form = await openSettingsOf(card('Phaxio'));
    await form.getByLabel(/^API key/).fill(CREDENTIALS.apiKey);
    await form.getByLabel(/^API secret/).fill(WRONG_SECRET);
    await form.getByRole('button', { name: 'Test', exact: true }).click();
    const result = form.getByRole('status').filter({ hasText: /^✗ Test failed/ });
    await result.waitFor();
    expect(await textOf(result)).toMatch(/key|secret|credential|authenticat|sign/i);
    expect(await textOf(result)).toMatch(/checked at \d{1,2}:\d{2}/);
    expect(fake.faxes).toHaveLength(0);
    expect(fake.requests.some((r) => !r.startsWith('POST /faxes'))).toBe(true);
  });

  it('passes Test once the secret is fixed, and Save keeps the secret without ever showing it again', async () => {
    const form = await openSettingsOf(card('Phaxio'));
    await form.getByLabel(/^API secret/).fill(CREDENTIALS.apiSecret);
    await form.getByRole('button', { name: 'Test', exact: true }).click();
    await form
      .getByRole('status')
      .filter({ hasText: /^✓ Test passed/ })
      .waitFor();

    await form.getByRole('button', { name: 'Save' }).click();
    await card('Phaxio').getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await form.getByRole('button', { name: 'Replace API secret' }).waitFor();
    await form.getByRole('button', { name: 'Replace API key' }).waitFor();
    const everything = await page.evaluate(
      () => document.documentElement.outerHTML + [...document.querySelectorAll('input')].map((i) => i.value).join('|'),
    );
    expect(everything).not.toContain(CREDENTIALS.apiSecret);
    expect(everything).not.toContain(WRONG_SECRET);
    expect(await textOf(card('Phaxio'))).toMatch(/Configured/);
  });

  it('applies Phaxio after the patient-data warning; a fax from Send then goes through the fake Phaxio and shows Delivered', async () => {
    const phaxio = card('Phaxio');
    const apply = phaxio.getByRole('group', { name: /Use Phaxio for/ });
    expect(await apply.getByRole('checkbox', { name: 'Sending' }).isChecked()).toBe(true);
    expect(await apply.getByRole('checkbox', { name: 'Receiving' }).isChecked()).toBe(true);
    await apply.getByRole('button', { name: 'Apply' }).click();

    const dialog = page.getByRole('dialog', { name: 'Apply Phaxio?' });
    await dialog.waitFor();
    expect(await textOf(dialog)).toMatch(/leave this computer|Phaxio's servers/);
    expect(await textOf(slot('Sending through'))).toContain('Simulator'); // nothing changed yet
    await page.screenshot({ path: `${SCREENSHOTS}/plugins-apply-warning.png` });
    await dialog.getByRole('button', { name: 'Apply anyway' }).click();

    await until('Phaxio fills the sending slot', async () => (await textOf(slot('Sending through'))).includes('Phaxio'));
    expect(await textOf(slot('Receiving on'))).toContain('Phaxio');
    await until('the Phaxio card says it is active', async () => /Active · sending, receiving/.test(await textOf(phaxio)));
    await page
      .getByRole('contentinfo')
      .getByText(/Phaxio/)
      .waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}/plugins-tab.png` });

    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await dropFile(page, 'main', {
      name: 'plugins-referral.pdf',
      mimeType: 'application/pdf',
      buffer: await letterPdf(['Sent through the plugin Phaxio just applied'], 1),
    });
    await page.getByRole('list', { name: 'Documents to send' }).getByText('plugins-referral.pdf').waitFor();
    await page.getByLabel('To', { exact: true }).fill('(202) 555-0143');
    await page.getByLabel('Recipient name').fill('Dr. Amy Lee');
    await until('Send fax is enabled', () => page.getByRole('button', { name: /Send fax/ }).isEnabled());
    await page.getByRole('button', { name: /Send fax/ }).click();
    const row = page.getByRole('list', { name: 'Sent faxes' }).getByRole('button', { name: /Dr\. Amy Lee/ });
    await row.getByText('Delivered', { exact: true }).waitFor();
    const sent = fake.faxes.filter((f) => f.direction === 'sent' && f.to === '+12025550143');
    expect(sent).toHaveLength(1);
  });

  it('restores an earlier version of the plugin settings from a backup', async () => {
    await openPlugins();
    const sinch = card('Sinch Fax');
    const form = await openSettingsOf(sinch);
    await form.getByLabel(/^Project id/).fill('proj-first');
    await form.getByLabel(/^Access key id/).fill('sinch-key');
    await form.getByLabel(/^Access key secret/).fill('sinch-secret');
    await form.getByRole('button', { name: 'Save' }).click();
    await sinch.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await form.getByLabel(/^Project id/).fill('proj-second');
    await form.getByRole('button', { name: 'Save' }).click();
    await until(
      'the second save went through',
      async () =>
        (await form.getByRole('button', { name: 'Save' }).isDisabled()) &&
        (await form.getByLabel(/^Project id/).inputValue()) === 'proj-second',
    );

    await panel().getByRole('button', { name: 'Restore backup…' }).click();
    const list = panel().getByRole('list', { name: 'Earlier plugin settings' });
    await list.waitFor();
    // Newest first: the version just before the last save.
    await list
      .getByRole('button', { name: /^Restore the settings from / })
      .first()
      .click();
    const dialog = page.getByRole('dialog', { name: 'Restore these plugin settings?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Restore' }).click();
    await panel().getByText('Restored the earlier settings.').waitFor();
    await until('the earlier project id is back', async () => (await form.getByLabel(/^Project id/).inputValue()) === 'proj-first');
    expect(pageErrors).toEqual([]);
  });
});

describe.skipIf(!HAVE_CHROMIUM)('a slot fixed by the environment (FAX_BACKEND) in Chromium', { timeout: 120_000 }, () => {
  let session: DeskInChromium | undefined;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    session = await openDeskInChromium({ env: { FAX_BACKEND: 'simulator' }, errors: pageErrors, consoleErrors: true });
    page = session.page;
  });
  afterAll(async () => session?.close());

  it('shows the sending slot locked with the variable, and offers no Apply for it', async () => {
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByRole('tablist', { name: 'Settings' }).getByRole('tab', { name: 'Plugins' }).click();
    const panel = page.getByRole('tabpanel', { name: 'Plugins' });
    const sending = panel.locator('.plugin-slot').filter({ hasText: 'Sending through' });
    await sending.waitFor();
    expect(await textOf(sending)).toMatch(/Simulator.*Set by FAX_BACKEND/);
    const apply = panel.getByRole('article', { name: 'Sinch Fax' }).getByRole('group', { name: /Use Sinch Fax for/ });
    // Receiving may still be chosen here (FAX_INBOUND_BACKEND is not set), sending may not.
    expect(await apply.getByRole('checkbox', { name: 'Sending' }).count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});

describe.skipIf(!HAVE_CHROMIUM)('importing an HTTP provider manifest (FEATURE_PLUGIN_INSTALL) in Chromium', { timeout: 120_000 }, () => {
  let session: DeskInChromium | undefined;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    session = await openDeskInChromium({ env: { FEATURE_PLUGIN_INSTALL: '1' }, errors: pageErrors, consoleErrors: true });
    page = session.page;
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByRole('tablist', { name: 'Settings' }).getByRole('tab', { name: 'Plugins' }).click();
  });
  afterAll(async () => session?.close());

  const panel = () => page.getByRole('tabpanel', { name: 'Plugins' });
  const pick = (name: string, text: string) =>
    panel()
      .getByLabel('Import manifest')
      .setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });

  it('says in words why a file is refused', async () => {
    await pick('notes.json', 'this is not json');
    await panel().getByRole('alert').filter({ hasText: 'That file is not JSON' }).waitFor();

    const manifest = JSON.parse(await readFile('test/fixtures/httpfax.manifest.json', 'utf8')) as Record<string, unknown>;
    await pick('evil.json', JSON.stringify({ ...manifest, id: 'evil-fax', allowed_domains: [] }));
    const refused = panel().getByRole('alert').filter({ hasText: /\S/ }).filter({ hasNotText: 'not JSON' });
    await refused.waitFor();
    expect(await textOf(refused)).toMatch(/domain|allowed/i);
    expect(await panel().getByRole('article', { name: 'HTTPFax Cloud' }).count()).toBe(0);
  });

  it('adds a valid manifest as a new card, ready to set up, and removes it again', async () => {
    await pick('httpfax.manifest.json', await readFile('test/fixtures/httpfax.manifest.json', 'utf8'));
    await panel().getByRole('status').filter({ hasText: 'Added HTTPFax Cloud' }).waitFor();
    const added = panel().getByRole('article', { name: 'HTTPFax Cloud' });
    await added.waitFor();
    await added.getByRole('button', { name: 'Remove HTTPFax Cloud' }).click();
    await until('the card is gone', async () => (await added.count()) === 0);
    expect(pageErrors).toEqual([]);
  });
});
