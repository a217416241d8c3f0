// "Print to Faxbot" in real Chromium against `faxbot serve`: a file appears in the watched
// folder and the Send screen shows it, with the number its name gave already in To; a folder
// that goes away is shown as a banner. Nothing is mocked; the test waits on the page.
import { mkdtemp, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { HAVE_CHROMIUM, NO_CHROMIUM_REASON } from '../support/chromium';
import { letterPdf } from './deskDocuments';
import { SCREENSHOTS, openDeskInChromium, type DeskInChromium } from './pageChecks';

if (!HAVE_CHROMIUM) console.warn(NO_CHROMIUM_REASON);

const documentNames = (page: Page) => page.getByRole('list', { name: 'Documents to send' }).locator('.document-name').allTextContents();

async function print(folder: string, name: string, bytes: Uint8Array): Promise<void> {
  const hidden = join(folder, `.${name}.part`);
  await writeFile(hidden, bytes);
  await rename(hidden, join(folder, name));
  await writeFile(join(folder, `${name}.done`), '');
}

describe.skipIf(!HAVE_CHROMIUM)('a printed document on the Send screen, in Chromium', { timeout: 120_000 }, () => {
  let session: DeskInChromium | undefined;
  let folder = '';
  const pageErrors: string[] = [];

  beforeAll(async () => {
    folder = join(await mkdtemp(join(tmpdir(), 'faxbot-e2e-hot-')), 'Outbox');
    session = await openDeskInChromium({
      errors: pageErrors,
      env: { FAXBOT_WATCH_DIR: folder, FAXBOT_WATCH_POLL_MS: '100', FAXBOT_WATCH_SETTLE_MS: '300' },
    });
  });

  afterAll(async () => {
    await session?.close();
  });

  it('shows a file that appears in the folder, with the number from its name in To', async () => {
    const { page } = session!;
    // Start somewhere else: the pickup must bring Send forward by itself.
    await page.getByRole('button', { name: /^Outbox/ }).click();
    await page.getByRole('heading', { name: 'Outbox' }).waitFor();
    await print(folder, 'fax to (202) 555-0143 - referral.pdf', await letterPdf(['Referral for Jane Roe'], 2));
    await page.getByRole('list', { name: 'Documents to send' }).getByText('fax to (202) 555-0143 - referral.pdf').waitFor();
    await expect.poll(() => page.getByLabel('To', { exact: true }).inputValue()).toMatch(/202.*555.*0143/);
    await page.screenshot({ path: `${SCREENSHOTS}/hotfolder-send.png` });
    expect(pageErrors).toEqual([]);
  });

  it('adds a second printed file after the first, keeping the number already there', async () => {
    const { page } = session!;
    await print(folder, 'insurance card.pdf', await letterPdf(['Insurance card'], 1));
    await page.getByRole('list', { name: 'Documents to send' }).getByText('insurance card.pdf').waitFor();
    expect(await documentNames(page)).toEqual(['fax to (202) 555-0143 - referral.pdf', 'insurance card.pdf']);
    await expect.poll(() => page.getByLabel('To', { exact: true }).inputValue()).toMatch(/202.*555.*0143/);
  });

  it('shows a banner when the watched folder goes away, and clears it when it is back', async () => {
    const { page } = session!;
    await rename(folder, `${folder}-away`);
    const banner = page.getByTestId('watched-folder-problem');
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(/missing/);
    await rename(`${folder}-away`, folder);
    await banner.waitFor({ state: 'detached' });
    expect(pageErrors).toEqual([]);
  });
});
