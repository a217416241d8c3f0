// The one copy of what every browser test asks of the desk page: open it the way staff see it
// (1024×700, en-US), wait for a state, read text, count the ink on a canvas, drop a file.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium';
import { startDesk, type RunningDesk } from './deskServer';

export const SCREENSHOTS = 'test-results/screenshots';

/** The browser tests load the built renderer; without it every page would be a 404. */
export function requireBuiltRenderer(): void {
  if (!existsSync('out/renderer/index.html'))
    throw new Error('out/renderer is missing: run "npx electron-vite build" (or npm run build) first.');
}

export interface OpenDeskOptions {
  /** Script errors in the page are pushed here; the tests assert it stays empty. */
  errors?: string[];
  /** Also count console errors (other than failed loads, which refused calls log) as page errors. */
  consoleErrors?: boolean;
  acceptDownloads?: boolean;
  permissions?: string[];
  /** The browser's time zone (default: the system's). */
  timezoneId?: string;
  /** Runs before the desk loads: init scripts, a fake clock. */
  beforeLoad?: (page: Page) => Promise<void>;
}

/**
 * Opens the desk at `url` in its own context, at the smallest window the desk must work in
 * (UX: 1024×700). The default wait is shorter than a test's own limit, so a stuck wait fails
 * naming the locator it waited for.
 */
export async function openDeskPage(
  browser: Browser,
  url: string,
  options: OpenDeskOptions = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: 1024, height: 700 },
    locale: 'en-US',
    ...(options.acceptDownloads ? { acceptDownloads: true } : {}),
    ...(options.permissions ? { permissions: options.permissions } : {}),
    ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}),
  });
  const page = await context.newPage();
  await options.beforeLoad?.(page);
  page.setDefaultTimeout(45_000);
  const errors = options.errors;
  if (errors) {
    page.on('pageerror', (error) => errors.push(error.message));
    // Refused calls (422) and a missing favicon are logged by Chromium as failed loads;
    // those are expected. Anything else logged as an error is a bug in the page.
    if (options.consoleErrors) {
      page.on('console', (message) => {
        if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) errors.push(message.text());
      });
    }
  }
  await page.goto(url);
  return { context, page };
}

export interface DeskInChromium {
  desk: RunningDesk;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Closes the browser, then stops Faxbot and removes its data folder. */
  close(): Promise<void>;
}

/**
 * The usual start of a browser test: `faxbot serve` on a fresh data folder (with `env`, and
 * `prepare` to write into the folder first), the
 * system's Chromium, and the desk open in it. Whatever started is stopped again if a later
 * step fails, so a broken start leaves no server behind.
 */
export async function openDeskInChromium(
  options: OpenDeskOptions & { env?: Record<string, string>; prepare?: (dataDir: string) => Promise<unknown> } = {},
): Promise<DeskInChromium> {
  requireBuiltRenderer();
  await mkdir(SCREENSHOTS, { recursive: true });
  const desk = await startDesk(options.env, options.prepare);
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    const { context, page } = await openDeskPage(browser, desk.uiUrl, options);
    const opened = browser;
    return {
      desk,
      browser: opened,
      context,
      page,
      close: async () => {
        await opened.close();
        await desk.stop();
      },
    };
  } catch (error) {
    await browser?.close();
    await desk.stop();
    throw error;
  }
}

/** Waits until `check` holds, re-reading the page each time; fails with `what` after `timeoutMs`. */
export async function until(what: string, check: () => Promise<boolean>, timeoutMs = 45_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function textOf(locator: Locator): Promise<string> {
  return (await locator.textContent()) ?? '';
}

/** Counts pixels on a canvas that are not (near) white: a drawn page has ink on it. */
export async function inkedPixels(canvas: Locator): Promise<number> {
  return canvas.evaluate((element) => {
    const c = element as HTMLCanvasElement;
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let inked = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 0 && data[i] + data[i + 1] + data[i + 2] < 600) inked++;
    return inked;
  });
}

/** A real drop: a DataTransfer holding a File, dispatched as dragover then drop on `selector`. */
export async function dropFile(page: Page, selector: string, file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    ({ base64, name, type }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], name, { type }));
      return transfer;
    },
    { base64: file.buffer.toString('base64'), name: file.name, type: file.mimeType },
  );
  await page.dispatchEvent(selector, 'dragover', { dataTransfer });
  await page.dispatchEvent(selector, 'drop', { dataTransfer });
}
