// The desk's key flows over the desktop transport, in real Chromium, without an Electron
// binary. How (test/support/emulatedElectron/pagePreload.ts):
// - the page is the real built renderer, served from 127.0.0.1 by the headless server (only
//   for its files: no token is given, so nothing goes over its RPC);
// - before the page loads, an init script runs the REAL built preload (out/preload/index.cjs)
//   in it, with an emulated contextBridge that copies values the way Electron's does (an Error
//   keeps only its message; plain objects cross whole) and an ipcRenderer whose invoke
//   structured-clones its arguments and crosses to Node over a Playwright binding;
// - in Node the shell's REAL registerFaxbotIpc and isTrustedSender (the sender frame is the
//   page's real frame) run against a real engine in this process, and forwardEngineEvents
//   pushes events back into the page, cloned.
// So the page reaches the engine only through window.faxbot from the preload, as in the app.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createEngine, createLogger, loadConfig, type Engine } from '../../main/engine';
import { startHeadlessServer, type HeadlessServer } from '../../main/headless';
import { HAVE_CHROMIUM, NO_CHROMIUM_REASON, launchChromium } from '../support/chromium';
import { emulatePreloadInPage } from '../support/emulatedElectron';
import { startFakePhaxio, type FakePhaxio } from '../fakes/phaxio';
import { letterPdf } from './deskDocuments';
import { SCREENSHOTS, openDeskPage, requireBuiltRenderer, textOf, until } from './pageChecks';

const CREDENTIALS = { apiKey: 'key_desktop_e2e', apiSecret: 'secret_desktop_e2e', callbackToken: 'desktop-e2e-token' };
if (!HAVE_CHROMIUM) console.warn(NO_CHROMIUM_REASON);

describe.skipIf(!HAVE_CHROMIUM)('the desk over the emulated desktop preload in Chromium', { timeout: 120_000 }, () => {
  let fake: FakePhaxio;
  let dataDir: string;
  let engine: Engine;
  let server: HeadlessServer;
  let browser: Browser;
  let page: Page;
  const logLines: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    requireBuiltRenderer();
    fake = await startFakePhaxio({ ...CREDENTIALS });
    dataDir = await mkdtemp(join(tmpdir(), 'faxbot-desktop-e2e-'));
    engine = await createEngine({
      config: loadConfig(
        { dataDir, simulatorTimeScale: 0.05, retryBaseMs: 100, webhookPort: 0 },
        { PHAXIO_BASE_URL: fake.url, PHAXIO_CALLBACK_TOKEN: CREDENTIALS.callbackToken },
      ),
      logger: createLogger({ level: 'warn', write: (line) => logLines.push(line) }),
      headless: true,
    });
    server = await startHeadlessServer({ engine, port: 0, rendererDir: resolve('out/renderer') });
    browser = await launchChromium();
    // Opened on a blank page first, so the preload is in place before the desk loads.
    ({ page } = await openDeskPage(browser, 'about:blank', { errors: pageErrors, consoleErrors: true }));
    await emulatePreloadInPage(page, { engine, logger: engine.logger, appOrigin: server.url });
    await page.goto(`${server.url}/`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await engine?.close();
    await fake?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('gets window.faxbot from the built preload and shows the provider on the status line', async () => {
    await page.getByRole('contentinfo').getByText('Practice mode — faxes are not really sent').waitFor();
    const exposed = await page.evaluate(() => ({
      frozen: Object.isFrozen(window.faxbot),
      functions: Object.values(window.faxbot ?? {}).every((value) => typeof value === 'function'),
      hasInvoke: 'invoke' in (window.faxbot ?? {}),
      token: sessionStorage.getItem('faxbot.token'),
    }));
    expect(exposed).toEqual({ frozen: true, functions: true, hasInvoke: false, token: null });
  });

  it('sends a fax from Send and follows it to Delivered through the engine’s events', async () => {
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'referral.pdf', mimeType: 'application/pdf', buffer: await letterPdf(['Referral for Jane Roe'], 2) });
    await page.getByRole('list', { name: 'Documents to send' }).getByText('2 pages').waitFor();
    await page.getByLabel('To', { exact: true }).fill('(202) 555-0143');
    await page.getByLabel('Recipient name').fill('Dr. Amy Lee');
    const sendButton = page.getByRole('button', { name: /Send fax/ });
    await until('Send fax is enabled', () => sendButton.isEnabled());
    await sendButton.click();
    const row = page.getByRole('list', { name: 'Sent faxes' }).getByRole('button', { name: /Dr\. Amy Lee/ });
    await row.getByText('Delivered', { exact: true }).waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}/desktop-preload-outbox.png` });
    expect((await engine.call('listJobs', { limit: 50 })).items.map((job) => job.status)).toEqual(['delivered']);
  });

  it('refuses a bad station number with the engine’s reason under the field, not [object Object]', async () => {
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const station = page.getByLabel('Station fax number');
    await station.fill('12');
    await page.getByRole('button', { name: 'Save' }).click();
    await until('the station number field shows its error', async () => (await station.getAttribute('aria-invalid')) === 'true');
    const note = await textOf(page.locator('[id$="-stationNumber-note"]'));
    expect(note).toMatch(/too short: a United States number has 10 digits/);
    expect(await textOf(page.locator('main'))).not.toMatch(/object Object|could not do that/);
    expect((await engine.call('getSettings', {})).stationNumber).toBe('');
  });

  it('fails the Phaxio Test with a wrong secret and says why', async () => {
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByRole('tablist', { name: 'Settings' }).getByRole('tab', { name: 'Plugins' }).click();
    const panel = page.getByRole('tabpanel', { name: 'Plugins' });
    const phaxio = panel.getByRole('article', { name: 'Phaxio' });
    // A provider that needs attention opens its settings by itself.
    const toggle = phaxio.getByRole('button', { name: /^(Show|Hide) settings for / });
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    const form = phaxio.getByRole('form');
    await form.getByLabel(/^API key/).fill(CREDENTIALS.apiKey);
    await form.getByLabel(/^API secret/).fill('secret_typed_wrong_0451');
    await form.getByRole('button', { name: 'Test', exact: true }).click();
    const result = form.getByRole('status').filter({ hasText: /^✗ Test failed/ });
    await result.waitFor();
    expect(await textOf(result)).toMatch(/key|secret|credential|authenticat|sign/i);
    expect(fake.faxes).toHaveLength(0);
  });

  it('refuses and logs a call from a frame inside the page, and runs none of it', async () => {
    await page.evaluate(() => {
      const frame = document.createElement('iframe');
      frame.name = 'inner';
      frame.srcdoc = '<p>inner</p>';
      document.body.append(frame);
    });
    await until('the inner frame has the preload', async () => {
      const inner = page.frame({ name: 'inner' });
      return Boolean(inner && (await inner.evaluate(() => typeof window.faxbot?.updateSettings === 'function')));
    });
    const refusal = await page.frame({ name: 'inner' })!.evaluate(() =>
      window.faxbot!.updateSettings({ stationName: 'From a frame' }).then(
        () => null,
        (error: unknown) => error,
      ),
    );
    expect(refusal).toMatchObject({ code: 'no_permission', message: expect.stringMatching(/did not come from its own window/) });
    expect((await engine.call('getSettings', {})).stationName).not.toBe('From a frame');
    expect(logLines.some((line) => /WARN .*not Faxbot's own page.*"operation":"updateSettings"/.test(line))).toBe(true);
  });

  it('raised no script errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
