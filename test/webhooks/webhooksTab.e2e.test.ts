// Settings → Webhooks as an admin uses it: the built renderer in real Chromium against the
// real headless Faxbot. No public URL first (the self-test says so), then the listener's own
// loopback address as the public URL, and the self-test comes back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { HAVE_CHROMIUM, NO_CHROMIUM_REASON } from '../support/chromium';
import type { RunningDesk } from '../e2e/deskServer';
import { openDeskInChromium, type DeskInChromium } from '../e2e/pageChecks';

if (!HAVE_CHROMIUM) console.warn(NO_CHROMIUM_REASON);

describe.skipIf(!HAVE_CHROMIUM)('Settings → Webhooks in Chromium against faxbot serve', { timeout: 120_000 }, () => {
  let session: DeskInChromium | undefined;
  let desk: RunningDesk;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    session = await openDeskInChromium({ errors: pageErrors });
    ({ desk, page } = session);
  });

  afterAll(async () => {
    await session?.close();
  });

  it('prints where the webhook listener is at start, and that no public URL is set', () => {
    expect(desk.output()).toMatch(/Webhooks: listening on http:\/\/127\.0\.0\.1:\d+; no public URL/);
  });

  it('shows the listener, and the self-test says no public URL is set', async () => {
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByRole('tablist', { name: 'Settings' }).getByRole('tab', { name: 'Webhooks' }).click();
    const panel = page.getByRole('tabpanel', { name: 'Webhooks' });
    await panel.getByText(/Listening on http:\/\/127\.0\.0\.1:\d+/).waitFor();
    await panel
      .getByRole('row', { name: /simulator/ })
      .getByText('Nothing yet')
      .waitFor();
    await panel.getByRole('button', { name: 'Send a test event' }).click();
    await panel.getByRole('status').filter({ hasText: 'No public URL is set' }).waitFor();
  });

  it('refuses a public URL that is not one, under the field', async () => {
    const panel = page.getByRole('tabpanel', { name: 'Webhooks' });
    const field = panel.getByRole('textbox', { name: 'Public URL' });
    await field.fill('https://example.org/?x=1');
    await panel.getByRole('button', { name: 'Save' }).click();
    await panel
      .locator('.hint-error')
      .filter({ hasText: /no \? or # part/ })
      .waitFor();
    expect(await field.getAttribute('aria-invalid')).toBe('true');
  });

  it('takes the listener’s own address as the public URL, and the test event comes back', async () => {
    const panel = page.getByRole('tabpanel', { name: 'Webhooks' });
    const listening = (await panel.getByText(/Listening on/).textContent()) ?? '';
    const address = /http:\/\/127\.0\.0\.1:\d+/.exec(listening)![0];
    await panel.getByRole('textbox', { name: 'Public URL' }).fill(address);
    await panel.getByRole('button', { name: 'Save' }).click();
    await panel.getByRole('button', { name: 'Send a test event' }).click();
    await panel
      .getByRole('status')
      .filter({ hasText: /came back in \d+ ms/ })
      .waitFor();
    expect(pageErrors).toEqual([]);
  });
});
