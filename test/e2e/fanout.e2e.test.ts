// Several recipients and Send later as front-desk staff use them, in real Chromium against
// `faxbot serve`: a fax to a group of three with one busy line becomes one Outbox row with its
// counts, opens to its recipients, and "Resend to the failed ones" finishes it; a fax scheduled
// for tomorrow 8 am waits as "Scheduled for …" and goes when the engine's clock (moved by the
// test through FAXBOT_TEST_CLOCK_FILE) reaches it. Nothing is mocked.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { HAVE_CHROMIUM, NO_CHROMIUM_REASON } from '../support/chromium';
import { letterPdf } from './deskDocuments';
import { deskRpc, type DeskRpc } from './inboxPage';
import { SCREENSHOTS, openDeskInChromium, until, type DeskInChromium } from './pageChecks';

if (!HAVE_CHROMIUM) console.warn(NO_CHROMIUM_REASON);

/** The simulator's line that is busy on the first call and answers the next. */
const BUSY_ONCE = '+12025550111';

describe.skipIf(!HAVE_CHROMIUM)('several recipients and Send later in Chromium against faxbot serve', { timeout: 180_000 }, () => {
  let session: DeskInChromium | undefined;
  let page: Page;
  let rpc: DeskRpc;
  const pageErrors: string[] = [];
  const clockFile = join(mkdtempSync(join(tmpdir(), 'faxbot-clock-')), 'offset-ms');

  beforeAll(async () => {
    writeFileSync(clockFile, '0');
    session = await openDeskInChromium({
      errors: pageErrors,
      env: { FAXBOT_TEST_CLOCK_FILE: clockFile, FAXBOT_QUEUE_RECHECK_MS: '200' },
    });
    ({ page } = session);
    rpc = deskRpc(session.desk.uiUrl);
    // One attempt per fax, so the busy line fails (and answers the resend).
    await rpc('updateSettings', { maxAttempts: 1 });
    const group = await rpc('saveContactGroup', { name: 'Cardiology referrals' });
    const members = [
      await rpc('saveContact', { name: 'Dr. Amy Lee', fax: '(202) 555-0143' }),
      await rpc('saveContact', { name: 'Busy Clinic', fax: BUSY_ONCE }),
      await rpc('saveContact', { name: 'Eastside Clinic', fax: '(202) 555-0151' }),
    ];
    await rpc('changeContactGroupMembers', { id: group.id, add: members.map((m) => m.id) });
  });
  afterAll(async () => {
    await session?.close();
  });

  const attach = async (name: string) => {
    await page.locator('input[type=file]').setInputFiles({ name, mimeType: 'application/pdf', buffer: await letterPdf([name], 1) });
    await page.getByRole('list', { name: 'Documents to send' }).getByText(name).waitFor();
  };
  const outboxRow = (name: RegExp) => page.getByRole('list', { name: 'Sent faxes' }).getByRole('button', { name });

  it('sends to a group of three with one busy line: one row with its counts, then resend to the failed ones', async () => {
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await attach('referral.pdf');
    const to = page.getByRole('combobox', { name: 'To' });
    await to.fill('cardio');
    const option = page
      .getByRole('listbox', { name: 'Contacts and recent numbers' })
      .getByRole('option', { name: /Cardiology referrals.*group/ });
    await option.click();
    const chips = page.getByRole('list', { name: 'Recipients' });
    await chips.getByText('Cardiology referrals').waitFor();
    await chips.getByText('3 members').waitFor();
    expect(await to.inputValue()).toBe('');
    await page.getByLabel('Cover page').check();
    await page.getByLabel('Subject').fill('Referral');
    const send = page.getByRole('button', { name: /Send to 3 recipients/ });
    await until('Send to 3 recipients is enabled', () => send.isEnabled());
    await page.screenshot({ path: `${SCREENSHOTS}/fanout-send-group.png` });
    await send.click();

    const row = outboxRow(/3 recipients/);
    await row.waitFor();
    await row.getByText('2 of 3 delivered · 1 failed').waitFor();
    // One row for the send, none for its three jobs.
    expect(await page.getByRole('list', { name: 'Sent faxes' }).getByRole('listitem').count()).toBe(1);
    const details = page.getByRole('article', { name: /Send to 3 recipients/ });
    const recipients = details.getByRole('region', { name: 'Recipients of this send' });
    await recipients.getByText('Busy Clinic').waitFor();
    expect(await recipients.locator('[data-status="failed"]').count()).toBe(1);
    expect(await recipients.locator('[data-status="delivered"]').count()).toBe(2);
    await page.screenshot({ path: `${SCREENSHOTS}/fanout-one-failed.png` });

    await details.getByRole('button', { name: 'Resend to the failed ones (1)' }).click();
    await row.getByText('3 of 3 delivered').waitFor();
    await until('every recipient shows Delivered', async () => (await recipients.locator('[data-status="delivered"]').count()) === 3);
    expect(await details.getByRole('button', { name: /Resend to the failed ones/ }).count()).toBe(0);
    await page.screenshot({ path: `${SCREENSHOTS}/fanout-all-delivered.png` });
  });

  it('schedules a fax for tomorrow 8 am: refuses a past time in words, waits as "Scheduled for …", and goes at its time', async () => {
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await attach('results.pdf');
    await page.getByRole('combobox', { name: 'To' }).fill('(202) 555-0177');
    await page.getByLabel('Recipient name').fill('St. Mary Records');
    await page.getByLabel('Send later').check();
    const when = page.getByLabel('Send on');
    await when.fill('2020-01-01T08:00');
    await page
      .getByText(/has already passed: choose a time in the future, or send now\./)
      .first()
      .waitFor();
    expect(await page.getByRole('button', { name: /Schedule fax/ }).isDisabled()).toBe(true);

    await page.getByRole('button', { name: 'Tomorrow, 8 am' }).click();
    const local = await when.inputValue();
    expect(local).toMatch(/T08:00$/);
    await page.getByText(/^Goes .* at 8:00/).waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}/send-later-form.png` });
    await page.getByRole('button', { name: /Schedule fax/ }).click();

    const row = outboxRow(/St\. Mary Records/);
    await row.getByText(/^Scheduled for /).waitFor();
    await page
      .getByRole('article', { name: /St\. Mary Records/ })
      .getByText(/^Scheduled for .* at 8:00/)
      .waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}/send-later-scheduled.png` });
    // Time passes on the engine's clock only: the fax is still waiting.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await row.getByText(/^Scheduled for /).count()).toBe(1);

    // While nothing has started, a recipient can be added (and taken off again).
    const details = page.getByRole('article', { name: /St\. Mary Records/ });
    await details.getByLabel('Add a fax number').fill('(202) 555-0178');
    await details.getByRole('button', { name: 'Add', exact: true }).click();
    const both = outboxRow(/2 recipients/);
    await both.getByText(/^Scheduled for /).waitFor();
    const edited = page.getByRole('article', { name: /Send to 2 recipients/ });
    await edited.getByText('(202) 555-0178').waitFor();

    // The engine's clock reaches tomorrow 8:00 (the page's clock stays put).
    const due = await page.evaluate((text) => new Date(text).getTime(), local);
    writeFileSync(clockFile, String(due - Date.now() + 5_000));
    await both.getByText('2 of 2 delivered').waitFor({ timeout: 30_000 });
    expect(pageErrors).toEqual([]);
  });
});
