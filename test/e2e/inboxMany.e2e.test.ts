// A long Inbox in real Chromium: 2,500 received faxes seeded into the data folder before
// Faxbot starts. The list must draw only the rows on screen, page in more as it scrolls,
// reach the oldest fax at the end, keep ↓ working past the first page, and jump with End and Home.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { HAVE_CHROMIUM, NO_CHROMIUM_REASON } from '../support/chromium';
import { seedInbox } from '../support/inboxSeed';
import { openDeskInChromium, until, type DeskInChromium } from './pageChecks';

const FAXES = 2_500;
/** Far fewer than one page of 200: only what fits on screen, plus a few. */
const MAX_ROWS_IN_DOM = 100;
if (!HAVE_CHROMIUM) console.warn(NO_CHROMIUM_REASON);

describe.skipIf(!HAVE_CHROMIUM)('an Inbox of 2,500 faxes in Chromium', { timeout: 120_000 }, () => {
  let session: DeskInChromium | undefined;
  let page: Page;
  const list = () => page.getByRole('listbox', { name: 'Received faxes' });
  const rowsInDom = () => list().getByRole('option').count();

  beforeAll(async () => {
    session = await openDeskInChromium({ prepare: (dataDir) => seedInbox(dataDir, FAXES) });
    ({ page } = session);
    await page.getByRole('button', { name: 'Inbox, 5 unread' }).click();
    await list().getByRole('option').first().waitFor();
  });

  afterAll(async () => {
    await session?.close();
  });

  it('draws only the rows on screen, while the list knows all 2,500', async () => {
    expect(await list().getByRole('option').first().getAttribute('aria-setsize')).toBe(String(FAXES));
    const rows = await rowsInDom();
    expect(rows).toBeGreaterThan(3);
    expect(rows).toBeLessThan(MAX_ROWS_IN_DOM);
    expect(await page.title()).toBe('(5) Faxbot');
  });

  it('scrolls to the end, loading pages on the way, and reaches the oldest fax', async () => {
    let mostRows = 0;
    await until(
      'the oldest fax is drawn',
      async () => {
        await list().evaluate((el) => (el.scrollTop = el.scrollHeight));
        mostRows = Math.max(mostRows, await rowsInDom());
        const last = list().locator(`[role="option"][aria-posinset="${FAXES}"]`);
        return (await last.count()) === 1 && /555-0000/.test((await last.getAttribute('aria-label')) ?? '');
      },
      90_000,
    );
    expect(mostRows).toBeLessThan(MAX_ROWS_IN_DOM);
    expect(await list().locator('.inbox-row-loading').count()).toBe(0);
  });

  it('keeps ↓ going past the first page of 200', async () => {
    await list().evaluate((el) => (el.scrollTop = 0));
    await list().getByRole('option').first().click();
    await list().focus();
    // Page Down moves ten faxes at a time: 25 presses cross the first page boundary.
    for (let i = 0; i < 25; i++) await page.keyboard.press('PageDown');
    await page.keyboard.press('ArrowDown');
    await until('fax 252 is selected and shown', async () => {
      const selected = list().locator('[role="option"][aria-selected="true"]');
      return (await selected.count()) === 1 && (await selected.getAttribute('aria-posinset')) === '252';
    });
    const active = await list().getAttribute('aria-activedescendant');
    expect(await page.locator(`#${active}`).getAttribute('aria-posinset')).toBe('252');
    expect(await rowsInDom()).toBeLessThan(MAX_ROWS_IN_DOM);
  });

  it('jumps to the oldest fax with End and back to the newest with Home', async () => {
    await list().focus();
    await page.keyboard.press('End');
    const selected = list().locator('[role="option"][aria-selected="true"]');
    await until(
      'the oldest fax is selected',
      async () => (await selected.count()) === 1 && (await selected.getAttribute('aria-posinset')) === String(FAXES),
      60_000,
    );
    expect(await selected.getAttribute('aria-label')).toMatch(/555-0000/);
    expect(await rowsInDom()).toBeLessThan(MAX_ROWS_IN_DOM);
    await page.keyboard.press('Home');
    await until(
      'the newest fax is selected',
      async () => (await selected.count()) === 1 && (await selected.getAttribute('aria-posinset')) === '1',
    );
  });
});
