// The desk's words and fit (issue 15), in real Chromium against `faxbot serve`: the status line
// says practice mode plainly, and names a sender that failed its check, its detail behind
// Details; Settings → Plugins never calls such a plugin "Configured"; the viewer's toolbar fits
// at 1366×768 with nothing clipped. Nothing is mocked.
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { HAVE_CHROMIUM, NO_CHROMIUM_REASON } from '../support/chromium';
import { letterPdf } from './deskDocuments';
import { deskRpc, receiveLoopbackFax, type DeskRpc } from './inboxPage';
import { SCREENSHOTS, openDeskInChromium, openDeskPage, textOf, until, type DeskInChromium } from './pageChecks';

if (!HAVE_CHROMIUM) console.warn(NO_CHROMIUM_REASON);

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Every control of a toolbar inside its box and the window, on one row. */
async function clippedControls(toolbar: Locator): Promise<string[]> {
  return toolbar.evaluate((bar) => {
    const box = bar.getBoundingClientRect();
    const problems: string[] = [];
    const controls = [...bar.querySelectorAll('button, select, a')] as HTMLElement[];
    const top = controls[0]?.getBoundingClientRect().top ?? 0;
    for (const control of controls) {
      const r = control.getBoundingClientRect();
      const name = control.getAttribute('aria-label') || control.textContent || control.tagName;
      if (r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.right > window.innerWidth) problems.push(`${name} is cut off`);
      if (Math.abs(r.top - top) > r.height / 2) problems.push(`${name} is on another row`);
    }
    if (bar.scrollWidth > bar.clientWidth + 1) problems.push('the toolbar scrolls sideways');
    return problems;
  });
}

describe.skipIf(!HAVE_CHROMIUM)('the desk’s words and fit in Chromium against faxbot serve', { timeout: 120_000 }, () => {
  let session: DeskInChromium | undefined;
  let page: Page;
  let rpc: DeskRpc;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    session = await openDeskInChromium({ errors: pageErrors });
    ({ page } = session);
    rpc = deskRpc(session.desk.uiUrl);
    await rpc('updateSettings', { stationSetup: 'skipped' });
  });
  afterAll(async () => {
    await session?.close();
  });

  it('says plainly that the simulator sends nothing, never "ready"', async () => {
    const line = page.getByRole('contentinfo');
    await line.getByText('Practice mode — faxes are not really sent').waitFor();
    expect(await textOf(line)).not.toMatch(/ready/);
  });

  it('never calls a plugin that failed its test "Configured", and the status line names it', async () => {
    const port = await closedPort();
    await rpc('savePluginConfig', {
      id: 'phaxio',
      settings: { baseUrl: `http://127.0.0.1:${port}/v2.1` },
      secrets: { apiKey: 'key_live_1', apiSecret: 'secret_live_1', callbackToken: 'token-1' },
    });
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByRole('tablist', { name: 'Settings' }).getByRole('tab', { name: 'Plugins' }).click();
    const card = page.getByRole('tabpanel', { name: 'Plugins' }).getByRole('article', { name: 'Phaxio' });
    await card.getByText('Configured', { exact: true }).waitFor();
    const toggle = card.getByRole('button', { name: /^(Show|Hide) settings for / });
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    await card.getByRole('form').getByRole('button', { name: 'Test', exact: true }).click();
    await card
      .getByRole('status')
      .filter({ hasText: /^✗ Test failed/ })
      .waitFor();
    await card.getByText('Test failed', { exact: true }).waitFor();
    expect(await card.getByText('Configured', { exact: true }).count()).toBe(0);

    const line = page.getByRole('contentinfo');
    await until('the status line names the failed check', async () =>
      /^● Practice mode — faxes are not really sent · Phaxio failed its check/.test(await textOf(line)),
    );
    // The plain words show; the variable's name waits behind Details.
    const details = line.getByRole('group');
    expect(await line.locator('summary').textContent()).toBe('Details');
    expect(await details.count()).toBeLessThanOrEqual(1);
    expect(await line.locator('details').getAttribute('open')).toBeNull();
    expect(await line.getByText('PHAXIO_BASE_URL', { exact: false }).isVisible()).toBe(false);
    expect(await textOf(line)).not.toMatch(/ready/);
    await page.screenshot({ path: `${SCREENSHOTS}/status-line-failed-check.png` });
  });

  it('fits the viewer’s toolbar at 1366×768 in the Inbox and the Outbox, nothing clipped', async () => {
    await receiveLoopbackFax(rpc, 'referral.pdf', await letterPdf(['Referral'], 2));
    const { context, page: wide } = await openDeskPage(session!.browser, session!.desk.uiUrl, { errors: pageErrors });
    try {
      await wide.setViewportSize({ width: 1366, height: 768 });
      await wide.getByRole('button', { name: /^Inbox/ }).click();
      const fax = wide.getByRole('listbox', { name: 'Received faxes' }).getByRole('option').first();
      await fax.waitFor();
      await fax.click();
      const toolbar = wide.getByRole('toolbar', { name: 'Document' });
      await toolbar.waitFor();
      await wide.locator('canvas.page-canvas[data-state="drawn"]').first().waitFor();
      expect(await clippedControls(toolbar)).toEqual([]);
      await wide.screenshot({ path: `${SCREENSHOTS}/inbox-1366.png` });

      await wide.getByRole('button', { name: /^Outbox/ }).click();
      const row = wide.getByRole('list', { name: 'Sent faxes' }).getByRole('button').first();
      await row.locator('.chip').getByText('Delivered', { exact: true }).waitFor();
      await row.click();
      await wide.getByRole('button', { name: 'Open document' }).click();
      const outboxToolbar = wide.getByRole('toolbar', { name: 'Document' });
      await outboxToolbar.waitFor();
      await until('the toolbar is laid out', async () => (await outboxToolbar.boundingBox()) !== null);
      expect(await clippedControls(outboxToolbar)).toEqual([]);
    } finally {
      await context.close();
    }
    expect(pageErrors).toEqual([]);
  });
});
