// Faxing through Phaxio as front-desk staff do it: the built renderer in real Chromium against
// `faxbot serve` with FAX_BACKEND=phaxio, pointed at the fake Phaxio on 127.0.0.1. The fake's
// signed callbacks arrive through Faxbot's real webhook listener (its loopback address is the
// public URL), so "Delivered" on screen means the callback was heard and acted on.
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { HAVE_CHROMIUM, NO_CHROMIUM_REASON } from '../support/chromium';
import { PHAXIO_FAKE_NUMBERS, startFakePhaxio, type FakePhaxio } from '../fakes/phaxio';
import type { RunningDesk } from './deskServer';
import { letterPdf } from './deskDocuments';
import { SCREENSHOTS, dropFile, openDeskInChromium, until, type DeskInChromium } from './pageChecks';

const CREDENTIALS = { apiKey: 'key_e2e_desk', apiSecret: 'secret_e2e_desk', callbackToken: 'e2e-webhook-token' };
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

const sentTo = (fake: FakePhaxio, number: string) => fake.faxes.filter((f) => f.direction === 'sent' && f.to === number);
const answered2xx = (outcome: number | 'error') => typeof outcome === 'number' && outcome >= 200 && outcome < 300;

describe.skipIf(!HAVE_CHROMIUM)('faxing through Phaxio (fake) in Chromium against faxbot serve', { timeout: 120_000 }, () => {
  let fake: FakePhaxio;
  let session: DeskInChromium | undefined;
  let desk: RunningDesk;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    fake = await startFakePhaxio({ ...CREDENTIALS });
    const webhookPort = await freePort();
    const env = {
      FAX_BACKEND: 'phaxio',
      PHAXIO_API_KEY: CREDENTIALS.apiKey,
      PHAXIO_API_SECRET: CREDENTIALS.apiSecret,
      PHAXIO_CALLBACK_TOKEN: CREDENTIALS.callbackToken,
      PHAXIO_BASE_URL: fake.url,
      FAXBOT_WEBHOOK_PORT: String(webhookPort),
      PUBLIC_API_URL: `http://127.0.0.1:${webhookPort}`,
      FAXBOT_RETRY_BASE_MS: '100',
    };
    session = await openDeskInChromium({ env, errors: pageErrors, consoleErrors: true });
    ({ desk, page } = session);
  });

  afterAll(async () => {
    await session?.close();
    await fake?.close();
  });

  /** Drops a one-page letter on the desk, fills in the number and name, and sends it. */
  async function sendLetter(fileName: string, typedNumber: string, recipient: string): Promise<void> {
    await dropFile(page, 'main', { name: fileName, mimeType: 'application/pdf', buffer: await letterPdf([`Letter for ${recipient}`], 1) });
    await page.getByRole('list', { name: 'Documents to send' }).getByText(fileName).waitFor();
    await page.getByLabel('To', { exact: true }).fill(typedNumber);
    await page.getByLabel('Recipient name').fill(recipient);
    await until('Send fax is enabled', () => page.getByRole('button', { name: /Send fax/ }).isEnabled());
    await page.getByRole('button', { name: /Send fax/ }).click();
  }

  const outboxRow = (recipient: string) =>
    page.getByRole('list', { name: 'Sent faxes' }).getByRole('button', { name: new RegExp(recipient) });

  it('names Phaxio in the status line', async () => {
    await page
      .getByRole('contentinfo')
      .getByText(/Phaxio · ready/)
      .waitFor();
    expect(desk.output()).toMatch(/Phaxio/);
  });

  it('sends a dropped PDF once and shows it Delivered when Phaxio calls back', async () => {
    await sendLetter('referral.pdf', '(202) 555-0143', 'Dr. Amy Lee');
    await outboxRow('Dr\\. Amy Lee').getByText('Delivered', { exact: true }).waitFor();

    const sent = sentTo(fake, '+12025550143');
    expect(sent).toHaveLength(1);
    expect(fake.faxes).toHaveLength(1);
    expect(sent[0]!.callbackUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/.+\/phaxio\/status$/);
    const delivery = await fake.waitFor(() => fake.webhooks.find((d) => d.faxId === sent[0]!.id && d.eventType === 'fax_completed'));
    expect(answered2xx(delivery.outcome)).toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}/phaxio-outbox.png` });
  });

  it('shows "Retrying … line busy" for a busy line, then Delivered on the next attempt', async () => {
    // The retry wait is 100 ms here, too short to poll for: the page itself records every
    // chip text the Outbox ever shows, so a state that came and went is still seen.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { chipsSeen: string[] }).chipsSeen = seen;
      const record = () => {
        for (const row of document.querySelectorAll('[aria-label="Sent faxes"] [role="button"], [aria-label="Sent faxes"] button'))
          seen.push(row.textContent ?? '');
      };
      new MutationObserver(record).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    const busy = PHAXIO_FAKE_NUMBERS.busyOnce; // +1 202 555 0117
    await sendLetter('lab-results.pdf', '(202) 555-0117', 'Busy Clinic');
    const row = outboxRow('Busy Clinic');
    await row.getByText('Delivered', { exact: true }).waitFor();

    const chips = await page.evaluate(() => (window as unknown as { chipsSeen: string[] }).chipsSeen);
    expect(chips.some((text) => /Busy Clinic/.test(text) && /Retrying at .+Line busy/.test(text))).toBe(true);
    expect(await row.locator('.row-attempts').textContent()).toContain('2 attempts');
    expect(sentTo(fake, busy).map((f) => f.status)).toEqual(['failure', 'success']);
    expect(fake.faxes.filter((f) => f.direction === 'sent')).toHaveLength(3);
  });

  it('shows the last Phaxio event in Settings → Webhooks', async () => {
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByRole('tablist', { name: 'Settings' }).getByRole('tab', { name: 'Webhooks' }).click();
    const panel = page.getByRole('tabpanel', { name: 'Webhooks' });
    const phaxioRow = panel.getByRole('row', { name: /phaxio/i });
    await phaxioRow.getByText(/: a status update/).waitFor();
    expect(await phaxioRow.textContent()).not.toContain('Nothing yet');
  });

  it('raised no script errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
