// The schema form in real Chromium: messages when a field is left, secrets typed in a
// password box that only shows what is being typed now and is gone from the page after
// Save, Clear, locked fields that cannot be edited, and the engine's field messages.
import { resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { build } from 'vite';
import react from '@vitejs/plugin-react';
import { HAVE_CHROMIUM, NO_CHROMIUM_REASON, launchChromium } from '../support/chromium';

if (!HAVE_CHROMIUM) console.warn(NO_CHROMIUM_REASON);

const SETUP = {
  schema: {
    type: 'object',
    properties: {
      accountId: { type: 'string', title: 'Account ID', description: 'From the console.', pattern: '^AC[0-9]+$' },
      baseUrl: { type: 'string', title: 'API address', format: 'uri', default: 'https://api.phaxio.com/v2.1', 'x-env': 'PHAXIO_BASE_URL' },
      pollSeconds: { type: 'integer', title: 'Poll every (seconds)', minimum: 5, maximum: 600, default: 60 },
      verify: { type: 'boolean', title: 'Verify callbacks', default: true },
      region: { title: 'Region', enum: ['us', 'eu'] },
      apiSecret: { type: 'string', title: 'API secret', 'x-secret': true },
      callbackToken: { type: 'string', title: 'Callback token', 'x-secret': true, 'x-env': 'PHAXIO_CALLBACK_TOKEN' },
      spare: { type: 'string', title: 'Spare key', 'x-secret': true },
    },
    required: ['accountId', 'apiSecret', 'region'],
  },
  settings: { baseUrl: 'http://127.0.0.1:4010/v2.1', region: 'us' },
  secrets: { apiSecret: { set: false, from: 'none' }, callbackToken: { set: true, from: 'env' }, spare: { set: true, from: 'keychain' } },
  locked: { baseUrl: 'PHAXIO_BASE_URL', callbackToken: 'PHAXIO_CALLBACK_TOKEN' },
};

const TYPED_SECRET = 'sk_live_TYPED_3b9f0c';

describe.skipIf(!HAVE_CHROMIUM)('the schema form in Chromium', { timeout: 60_000 }, () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let script: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    // Vitest runs with NODE_ENV=test, which makes the React plugin emit dev-only JSX calls that
    // the production React bundled here lacks: build the page as the app is built.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    const built = await build({
      configFile: false,
      logLevel: 'warn',
      plugins: [react()],
      define: { 'process.env.NODE_ENV': '"production"' },
      build: {
        write: false,
        minify: false,
        lib: { entry: resolve('test/renderer/schemaFormHarness.tsx'), formats: ['es'], fileName: 'harness' },
      },
    }).finally(() => {
      process.env.NODE_ENV = nodeEnv;
    });
    const output = (Array.isArray(built) ? built[0] : built) as { output: { type: string; code?: string }[] };
    script = output.output.find((chunk) => chunk.type === 'chunk')!.code!;
    browser = await launchChromium();
  });
  afterAll(async () => browser?.close());
  afterEach(async () => context?.close());

  beforeEach(async () => {
    context = await browser.newContext({ locale: 'en-US' });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.setContent('<!doctype html><html><body><div id="root"></div></body></html>');
    await page.evaluate((setup) => Object.assign(window, { harnessSetup: setup, savedChanges: [] }), SETUP);
    await page.addScriptTag({ content: script, type: 'module' });
    await page
      .getByRole('form', { name: 'Plugin settings' })
      .waitFor()
      .catch((error: Error) => {
        throw new Error(`The harness did not render: ${pageErrors.join('; ') || error.message}`);
      });
  });

  const saved = () => page.evaluate(() => (window as unknown as { savedChanges: unknown[] }).savedChanges);
  const hintOf = (id: string) => page.locator(`#h-${id}-hint`);

  it('says what is wrong when a field is left, and stops saying it once the field is edited', async () => {
    const account = page.getByLabel('Account ID');
    await account.focus();
    await account.blur();
    await expect.poll(() => hintOf('accountId').textContent()).toBe('Account ID is required.');
    expect(await account.getAttribute('aria-invalid')).toBe('true');
    await account.fill('XY12');
    expect(await hintOf('accountId').textContent()).toBe('From the console.');
    await account.blur();
    await expect.poll(() => hintOf('accountId').textContent()).toBe('Account ID is not in the expected form.');

    const poll = page.getByLabel('Poll every (seconds)');
    await poll.fill('3');
    await poll.blur();
    await expect.poll(() => hintOf('pollSeconds').textContent()).toBe('Poll every (seconds) must be between 5 and 600.');
    await poll.fill('12.5');
    await poll.blur();
    await expect.poll(() => hintOf('pollSeconds').textContent()).toBe('Poll every (seconds) must be a whole number.');

    const secret = page.getByLabel(/^API secret/);
    await secret.focus();
    await secret.blur();
    await expect.poll(() => hintOf('apiSecret').textContent()).toBe('API secret is required.');
    expect(pageErrors).toEqual([]);
  });

  it('sends typed values in their schema types, switches and choices included', async () => {
    await page.getByLabel('Account ID').fill('AC1234');
    await page.getByLabel('Poll every (seconds)').fill('120');
    await page.getByRole('switch', { name: 'Verify callbacks' }).uncheck();
    await page.getByLabel('Region').selectOption('eu');
    await page.getByRole('button', { name: 'Save' }).click();
    expect(await saved()).toEqual([{ settings: { accountId: 'AC1234', pollSeconds: 120, verify: false, region: 'eu' }, secrets: {} }]);
  });

  it('shows only what is being typed now, and after Save the secret is nowhere on the page', async () => {
    const secret = page.getByLabel(/^API secret/);
    expect(await secret.getAttribute('type')).toBe('password');
    await secret.fill(TYPED_SECRET);
    await page.getByRole('button', { name: 'Show API secret' }).click();
    expect(await secret.getAttribute('type')).toBe('text');
    expect(await secret.inputValue()).toBe(TYPED_SECRET);
    await page.getByRole('button', { name: 'Hide API secret' }).click();
    expect(await secret.getAttribute('type')).toBe('password');

    await page.getByRole('button', { name: 'Save' }).click();
    expect(await saved()).toEqual([expect.objectContaining({ secrets: { apiSecret: TYPED_SECRET } })]);
    await page.getByText('Set · kept in the keychain').first().waitFor();
    expect(await page.getByRole('button', { name: 'Replace API secret' }).isVisible()).toBe(true);
    const everything = await page.evaluate(
      () => document.documentElement.outerHTML + [...document.querySelectorAll('input')].map((i) => i.value).join('|'),
    );
    expect(everything).not.toContain(TYPED_SECRET);

    // Replace opens an empty box; Cancel goes back to the saved one without sending anything.
    await page.getByRole('button', { name: 'Replace API secret' }).click();
    expect(await page.getByLabel(/^API secret/).inputValue()).toBe('');
    await page.getByRole('button', { name: 'Keep the saved API secret' }).click();
    await page.getByRole('button', { name: 'Replace API secret' }).waitFor();
  });

  it('clears a stored secret only on Save, and Keep takes the clear back', async () => {
    await page.getByRole('button', { name: 'Clear Spare key' }).click();
    await page.getByText('Will be cleared when you save').waitFor();
    await page.getByRole('button', { name: 'Keep Spare key' }).click();
    await page.getByRole('button', { name: 'Clear Spare key' }).click();
    await page.getByLabel('Account ID').fill('AC1');
    await page.getByLabel(/^API secret/).fill('x');
    await page.getByRole('button', { name: 'Save' }).click();
    expect(await saved()).toEqual([expect.objectContaining({ secrets: { apiSecret: 'x', spare: null } })]);
    await page.getByLabel(/^Spare key/).waitFor(); // now an empty box: not set
    expect(await page.getByLabel(/^Spare key/).inputValue()).toBe('');
  });

  it('shows environment-fixed fields read-only with the variable, and never sends them', async () => {
    const url = page.getByLabel('API address');
    expect(await url.isEditable()).toBe(false);
    expect(await url.inputValue()).toBe('http://127.0.0.1:4010/v2.1');
    await page.getByText('Set by PHAXIO_BASE_URL', { exact: false }).waitFor();
    const token = page.getByLabel('Callback token');
    expect(await token.isEditable()).toBe(false);
    expect(await token.inputValue()).toBe('Set');
    await page.getByText('Set by PHAXIO_CALLBACK_TOKEN', { exact: false }).waitFor();
    expect(await page.getByRole('button', { name: /Callback token/ }).count()).toBe(0);
    await page.getByRole('button', { name: 'Save' }).click();
    const [change] = (await saved()) as { settings: Record<string, unknown>; secrets: Record<string, unknown> }[];
    expect(change.settings).not.toHaveProperty('baseUrl');
    expect(change.secrets).not.toHaveProperty('callbackToken');
  });

  it("puts the engine's message under its field until the field is edited", async () => {
    await page.getByRole('button', { name: 'Refuse' }).click();
    await expect.poll(() => hintOf('accountId').textContent()).toBe('Phaxio does not know this account: check the key.');
    expect(await page.getByLabel('Account ID').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Account ID').fill('AC9');
    await expect.poll(() => hintOf('accountId').textContent()).toBe('From the console.');
  });
});
