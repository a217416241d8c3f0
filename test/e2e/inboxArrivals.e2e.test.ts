// Issue 15 on the Inbox, in real Chromium against `faxbot serve` with the simulator: a fax that
// arrives shows a notice in the page and a system notification (the notifications permission
// granted through the browser context), either of which opens it; the tab title counts the
// unread; Mark unread, rotate one page or all, the sender named by the address book or the
// station id, "No faxes match" instead of the last fax, and the date on a row once its day is over.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { HAVE_CHROMIUM, NO_CHROMIUM_REASON, launchChromium } from '../support/chromium';
import { startDesk, type RunningDesk } from './deskServer';
import { letterPdf } from './deskDocuments';
import { deskRpc, receiveLoopbackFax, type DeskRpc } from './inboxPage';
import { inkedPixels, openDeskPage, requireBuiltRenderer, until } from './pageChecks';

if (!HAVE_CHROMIUM) console.warn(NO_CHROMIUM_REASON);

/** Records each system notification the page makes (the real API still makes it). */
const RECORD_NOTIFICATIONS = `(() => {
  const Real = window.Notification;
  const shown = (window.__shownNotifications = []);
  class Recorded extends Real {
    constructor(title, options) {
      super(title, options);
      shown.push({ title, body: options && options.body, notification: this });
    }
  }
  Object.defineProperty(Recorded, 'permission', { get: () => Real.permission });
  Recorded.requestPermission = (...args) => Real.requestPermission(...args);
  window.Notification = Recorded;
})();`;

type ShownWindow = { __shownNotifications: { title: string; body: string; notification: Notification }[] };

/** Today at 23:58 UTC: the page's clock starts there, so a fax received today can see midnight pass. */
function lateToday(): number {
  const now = new Date();
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 23, 58, 0);
}

describe.skipIf(!HAVE_CHROMIUM)('arrivals and the Inbox viewer in Chromium', { timeout: 180_000 }, () => {
  let desk: RunningDesk;
  let rpc: DeskRpc;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const list = () => page.getByRole('listbox', { name: 'Received faxes' });
  const options = () => list().getByRole('option');
  const pageCanvas = () => page.locator('canvas.page-canvas[data-state="drawn"]');
  const shown = () =>
    page.evaluate(() => (window as unknown as ShownWindow).__shownNotifications.map(({ title, body }) => ({ title, body })));

  beforeAll(async () => {
    requireBuiltRenderer();
    desk = await startDesk();
    rpc = deskRpc(desk.uiUrl);
    // A contact for the simulator's own line: faxes from it are named by the address book.
    browser = await launchChromium();
    ({ page } = await openDeskPage(browser, desk.uiUrl, {
      errors: pageErrors,
      consoleErrors: true,
      permissions: ['notifications'],
      timezoneId: 'UTC',
      beforeLoad: async (p) => {
        await p.addInitScript(RECORD_NOTIFICATIONS);
        await p.clock.install({ time: lateToday() });
      },
    }));
    await page.getByRole('heading', { name: 'Send a fax' }).waitFor({ state: 'attached' });
  });

  afterAll(async () => {
    await browser?.close();
    await desk?.stop();
  });

  it('shows a notice and a system notification for a received fax, counts it in the title, and opens it from either', async () => {
    expect(await page.title()).toBe('Faxbot');
    await rpc('updateSettings', { stationName: 'FRONT DESK 2' });
    await receiveLoopbackFax(rpc, 'lab.pdf', await letterPdf(['Lab results', 'Potassium 4.1'], 3));
    const notice = page.getByRole('region', { name: 'Faxes received' });
    // On the Send screen still: the notice shows wherever the person is.
    await notice.getByText('Fax received From FRONT DESK 2, 3 pages.').waitFor();
    await until('the title counts it', async () => (await page.title()) === '(1) Faxbot');
    await until('a system notification was made', async () => (await shown()).length === 1);
    expect(await shown()).toEqual([{ title: 'Fax received', body: 'From FRONT DESK 2, 3 pages.' }]);
    // The permission was granted already, so there is nothing to ask.
    expect(await page.getByRole('button', { name: 'Turn on notifications' }).count()).toBe(0);

    // Clicking the system notification opens the fax in the Inbox, which marks it read.
    await page.evaluate(() => {
      const n = (window as unknown as ShownWindow).__shownNotifications[0].notification;
      n.onclick?.(new Event('click'));
    });
    await page.getByRole('heading', { name: 'Inbox' }).waitFor();
    await pageCanvas().waitFor();
    expect(await options().first().getAttribute('aria-selected')).toBe('true');
    await until('the title has no count once it is read', async () => (await page.title()) === 'Faxbot');
    await notice.getByText('Fax received').waitFor({ state: 'detached' });

    // A second fax: its page notice's Open button opens it too.
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await receiveLoopbackFax(rpc, 'referral.pdf', await letterPdf(['Referral', 'Jane Roe'], 2));
    await until('the title counts the new one', async () => (await page.title()) === '(1) Faxbot');
    await notice.getByRole('button', { name: 'Open' }).click();
    await until('the new fax is open', async () => (await pageCanvas().getAttribute('aria-label')) === 'Page 1 of 2');
    expect(await shown()).toHaveLength(2);
  });

  it('marks the open fax unread: the dot, the title count and the nav come back', async () => {
    await page.getByRole('button', { name: 'Mark unread' }).click();
    await until('the title counts it again', async () => (await page.title()) === '(1) Faxbot');
    await page.getByRole('button', { name: 'Inbox, 1 unread' }).waitFor();
    expect(await options().first().getAttribute('aria-label')).toMatch(/^Unread, /);
    // It stays open and unread; the engine agrees.
    expect(await options().first().getAttribute('aria-selected')).toBe('true');
    expect((await rpc('listInbox', { unreadOnly: true, limit: 5 })).total).toBe(1);
    await list().focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    await until('reading it again clears the count', async () => (await page.title()) === 'Faxbot');
    await page.keyboard.press('u');
    await until('U marks it unread too', async () => (await page.title()) === '(1) Faxbot');
  });

  it('rotates one page with R and every page with Shift+R', async () => {
    await options().nth(1).click(); // the 3-page fax
    await until('page 1 of 3 is drawn', async () => (await pageCanvas().getAttribute('aria-label')) === 'Page 1 of 3');
    const landscape = async () => pageCanvas().evaluate((c) => c.getBoundingClientRect().width > c.getBoundingClientRect().height);
    const thumbsLandscape = () =>
      page
        .locator('canvas.viewer-thumb-canvas[data-state="drawn"]')
        .evaluateAll((els) => els.map((c) => c.getBoundingClientRect().width > c.getBoundingClientRect().height));
    await until('the three thumbnails are drawn', async () => (await thumbsLandscape()).length === 3);
    await list().focus();
    await page.keyboard.press('r');
    await until('page 1 turns, pages 2 and 3 stay upright', async () => {
      const thumbs = await thumbsLandscape();
      return (await landscape()) && thumbs.join() === 'true,false,false';
    });
    await page.getByRole('button', { name: 'Next page' }).click();
    await until('page 2 is upright', async () => (await pageCanvas().getAttribute('aria-label')) === 'Page 2 of 3' && !(await landscape()));
    await list().focus();
    await page.keyboard.press('Shift+R');
    await until('every page turns a quarter more: 1 upside down (portrait), 2 and 3 landscape', async () => {
      const thumbs = await thumbsLandscape();
      return (await landscape()) && thumbs.join() === 'false,true,true';
    });
    expect(await inkedPixels(pageCanvas())).toBeGreaterThan(100);
    await page.getByRole('button', { name: 'Rotate all pages' }).click();
    await page.getByRole('button', { name: 'Rotate all pages' }).click();
    await page.getByRole('button', { name: 'Rotate all pages' }).click();
    await until('back to: page 1 turned, the others upright', async () => (await thumbsLandscape()).join() === 'true,false,false');
  });

  it("names the sender by the address book when the number is a contact's, else by the station id", async () => {
    expect(await options().first().getAttribute('aria-label')).toMatch(/^(Unread, )?from FRONT DESK 2 \(202\) 555-0100, .+, 2 pages$/);
    const contact = await rpc('saveContact', { name: 'Dr. Amy Lee', organization: 'Lee Clinic', fax: '+1 202 555 0100' } as never);
    await receiveLoopbackFax(rpc, 'third.pdf', await letterPdf(['Third'], 1));
    await until('three faxes are listed', async () => (await options().count()) === 3);
    expect(await options().first().getAttribute('aria-label')).toMatch(/^Unread, from Dr\. Amy Lee \(202\) 555-0100, .+, 1 page$/);
    await page.getByRole('region', { name: 'Faxes received' }).getByText('From Dr. Amy Lee, 1 page.').waitFor();
    expect((await shown()).at(-1)).toEqual({ title: 'Fax received', body: 'From Dr. Amy Lee, 1 page.' });
    // The contact's name finds it in a search.
    const search = page.getByRole('searchbox', { name: 'Search by number or name' });
    await search.fill('Amy');
    await until('the search by contact name lists all three', async () => (await options().count()) === 3);
    await search.fill('');
    expect(contact).toBeTruthy();
    expect(JSON.stringify(await page.content())).not.toContain('simulator');
  });

  it('says "No faxes match" for a search with no match, and does not keep showing the last fax', async () => {
    await options().first().click();
    await pageCanvas().waitFor();
    const search = page.getByRole('searchbox', { name: 'Search by number or name' });
    await search.fill('Nobody at all');
    await page.getByText('No faxes match “Nobody at all”.').waitFor();
    expect(await options().count()).toBe(0);
    await until('the viewer is gone', async () => (await page.locator('canvas.page-canvas').count()) === 0);
    await page.getByRole('button', { name: 'Clear' }).click();
    await until('all three are back', async () => (await options().count()) === 3);
  });

  it('shows the date on a row once its day is over, without a reload', async () => {
    const time = async () => (await options().last().locator('.row-time').textContent()) ?? '';
    expect(await time()).toMatch(/^\d{2}:\d{2}( [AP]M)?$/);
    // The page's clock passes midnight (it started at 23:58 today).
    await page.clock.fastForward('03:00');
    await until('the row shows its date', async () => /^[A-Z][a-z]{2} \d{1,2}, \d{2}:\d{2}( [AP]M)?$/.test(await time()));
  });

  it('asks for notifications only from a click, where the permission has not been given', async () => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 700 }, locale: 'en-US' });
    try {
      const other = await context.newPage();
      await other.goto(desk.uiUrl);
      await other.getByRole('button', { name: /^Inbox/ }).click();
      // Nothing asked on load: the offer is a button the person may press.
      expect(await other.evaluate(() => Notification.permission)).toBe('default');
      await other.getByRole('button', { name: 'Turn on notifications' }).waitFor();
    } finally {
      await context.close();
    }
  });

  it('raised no script errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
