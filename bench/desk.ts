// The desk in real Chromium against `faxbot serve` (issue 4): how long a person waits for the
// first thumbnail of a dropped 20-page PDF, for a 20-page received fax to paint, and for an
// Inbox of 100,000 faxes to scroll to its end and to answer a search.
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { HAVE_CHROMIUM, NO_CHROMIUM_REASON, launchChromium } from '../test/support/chromium';
import { seedInbox } from '../test/support/inboxSeed';
import { startDesk, type RunningDesk } from '../test/e2e/deskServer';
import { deskRpc, receiveLoopbackFax } from '../test/e2e/inboxPage';
import { until } from '../test/e2e/pageChecks';
import { realPdfOfPages } from './fixtures';
import { result, type BenchResult } from './stats';

const BIG_INBOX = 100_000;

/**
 * Timers that run inside the page, as plain JavaScript: functions handed to page.evaluate from
 * TypeScript run through tsx, which adds helper calls the page does not have.
 */
const IN_PAGE = `
window.benchDesk = {
  whenDrawn(test, start) {
    return new Promise(function (done) {
      (function look() { if (test()) done(performance.now() - start); else requestAnimationFrame(look); })();
    });
  },
  inked(canvas) {
    var data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    for (var p = 0; p < data.length; p += 16) if (data[p + 3] > 0 && data[p] + data[p + 1] + data[p + 2] < 600) return true;
    return false;
  },
  drop(base64) {
    var bytes = Uint8Array.from(atob(base64), function (c) { return c.charCodeAt(0); });
    var transfer = new DataTransfer();
    transfer.items.add(new File([bytes], 'twenty-pages.pdf', { type: 'application/pdf' }));
    var start = performance.now();
    document.querySelector('main').dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    return this.whenDrawn(function () { return document.querySelector('[aria-label="Documents to send"] canvas[data-state="drawn"]'); }, start);
  },
  open() {
    var self = this;
    var start = performance.now();
    document.querySelector('[role="option"][data-fax-id]').click();
    return this.whenDrawn(function () {
      var canvas = document.querySelector('canvas.page-canvas[data-state="drawn"]');
      return canvas && self.inked(canvas);
    }, start);
  },
  scrollToEnd(count) {
    var list = document.querySelector('[role="listbox"][aria-label="Received faxes"]');
    var start = performance.now();
    return this.whenDrawn(function () {
      list.scrollTop = list.scrollHeight;
      var last = list.querySelector('[role="option"][aria-posinset="' + count + '"]');
      return last && !last.classList.contains('inbox-row-loading') && !list.querySelector('.inbox-row-loading');
    }, start);
  },
};
`;

async function openDesk(browser: Browser, desk: RunningDesk): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  page.setDefaultTimeout(120_000);
  await page.addInitScript(IN_PAGE);
  page.on('crash', () => process.stderr.write('bench desk: the page crashed\n'));
  page.on('pageerror', (error) => process.stderr.write(`bench desk: page error: ${error.message}\n`));
  await page.goto(desk.uiUrl);
  await page.getByRole('contentinfo').getByText('ready').waitFor();
  return page;
}

/** A fresh window (the token stays with the tab): nothing staged, nothing selected, nothing cached. */
async function reopen(page: Page): Promise<void> {
  await page.reload();
  await page.getByRole('contentinfo').getByText('ready').waitFor();
}

async function dropToFirstThumbnail(page: Page, runs: number): Promise<number[]> {
  const pdf = Buffer.from(await realPdfOfPages(20)).toString('base64');
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    await reopen(page);
    // Timed inside the page: from the drop event to the first thumbnail drawn.
    times.push(
      await page.evaluate(
        (base64) => (window as unknown as { benchDesk: { drop(b: string): Promise<number> } }).benchDesk.drop(base64),
        pdf,
      ),
    );
  }
  return times;
}

async function openToFirstPage(page: Page, runs: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    await reopen(page);
    await page.getByRole('button', { name: /^Inbox/ }).click();
    await page.getByRole('option').first().waitFor();
    times.push((await page.evaluate('window.benchDesk.open()')) as number);
  }
  return times;
}

async function scrollToEnd(page: Page, runs: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    await reopen(page);
    await page.getByRole('button', { name: /^Inbox/ }).click();
    await page.getByRole('option').first().waitFor();
    times.push((await page.evaluate(`window.benchDesk.scrollToEnd(${BIG_INBOX})`)) as number);
  }
  return times;
}

async function searchByNumber(page: Page, runs: number): Promise<number[]> {
  await reopen(page);
  await page.getByRole('button', { name: /^Inbox/ }).click();
  await page.getByRole('option').first().waitFor();
  const box = page.getByRole('searchbox', { name: 'Search by number or name' });
  const firstSetSize = () => page.getByRole('option').first().getAttribute('aria-setsize');
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const number = `555-${String(1000 + i * 7).padStart(4, '0')}`;
    const start = performance.now();
    await box.fill(number);
    // Senders repeat every 10,000 faxes: ten faxes match each number.
    await until(
      `the search for ${number} is shown`,
      async () =>
        (await firstSetSize()) === '10' && ((await page.getByRole('option').first().getAttribute('aria-label')) ?? '').includes(number),
      120_000,
    );
    times.push(performance.now() - start);
    await box.fill('');
    await until('the whole inbox is back', async () => (await firstSetSize()) === String(BIG_INBOX), 120_000);
  }
  return times;
}

export async function benchDesk(runs: number): Promise<BenchResult[]> {
  if (!HAVE_CHROMIUM) {
    process.stderr.write(`bench desk: ${NO_CHROMIUM_REASON}\n`);
    return [];
  }
  if (!existsSync('out/renderer/index.html')) throw new Error('bench desk: out/renderer is missing: run "npx electron-vite build" first.');
  const browser = await launchChromium();
  const out: BenchResult[] = [];
  try {
    const fresh = await startDesk({ FAXBOT_LOG_LEVEL: 'error' });
    try {
      const rpc = deskRpc(fresh.uiUrl);
      await receiveLoopbackFax(rpc, 'twenty-pages.pdf', await realPdfOfPages(20));
      await until('the 20-page fax is received', async () => (await rpc('listInbox', { limit: 1 })).total === 1, 120_000);
      const page = await openDesk(browser, fresh);
      out.push(
        result(
          'drop to first thumbnail, 20-page PDF',
          'ms',
          await dropToFirstThumbnail(page, runs),
          'in the page: drop event → first thumbnail drawn',
        ),
      );
      out.push(
        result(
          'open a 20-page received fax to first page painted',
          'ms',
          await openToFirstPage(page, runs),
          'click → canvas drawn with ink',
        ),
      );
      await page.close();
    } finally {
      await fresh.stop();
    }

    const big = await startDesk({ FAXBOT_LOG_LEVEL: 'error' }, (dataDir) => seedInbox(dataDir, BIG_INBOX));
    try {
      const page = await openDesk(browser, big);
      out.push(
        result(
          'Inbox of 100,000: scroll top to the last row, all painted',
          'ms',
          await scrollToEnd(page, runs),
          'pages of 200, then 500 when far behind',
        ),
      );
      out.push(
        result(
          'Inbox of 100,000: search by number to the list shown',
          'ms',
          await searchByNumber(page, runs),
          'includes the 150 ms typing pause',
        ),
      );
      await page.close();
    } finally {
      await big.stop();
    }
  } finally {
    await browser.close();
  }
  return out;
}
