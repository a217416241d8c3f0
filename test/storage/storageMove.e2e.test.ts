// Settings → Storage & retention, the move, as an admin uses it: the built renderer in real
// Chromium against the real headless Faxbot, documents stored on this computer and S3
// (s3rver on 127.0.0.1) set up as the new backend.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HAVE_CHROMIUM, NO_CHROMIUM_REASON } from '../support/chromium';
import { startEngine } from '../support/engineHarness';
import { startFakeS3, type FakeS3 } from '../support/s3rver';
import { SCREENSHOTS, openDeskInChromium, type DeskInChromium } from '../e2e/pageChecks';
import { documentRows, s3DocumentIds, s3Env } from './storageMoveSetup';

if (!HAVE_CHROMIUM) console.warn(NO_CHROMIUM_REASON);

const DOCUMENTS = 30;

describe.skipIf(!HAVE_CHROMIUM)('moving documents to S3 in Chromium against faxbot serve', { timeout: 180_000 }, () => {
  let s3: FakeS3;
  let session: DeskInChromium | undefined;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    s3 = await startFakeS3();
  });
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });
  afterAll(async () => {
    await s3.close();
  });

  /** Stores `count` documents on this computer before Faxbot starts with S3 as the new backend. */
  const seed = (count: number) => async (dataDir: string) => {
    const harness = await startEngine({ env: s3Env(s3, 'local') }, dataDir);
    for (let i = 0; i < count; i++) await harness.stagePdf(1, `letter-${i}.pdf`);
    await harness.close();
  };

  async function openStorageTab(env: Record<string, string>, count: number) {
    session = await openDeskInChromium({ errors: pageErrors, consoleErrors: true, env, prepare: seed(count) });
    const { page } = session;
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByRole('tablist', { name: 'Settings' }).getByRole('tab', { name: 'Storage & retention' }).click();
    const panel = page.getByRole('tabpanel', { name: 'Storage & retention' });
    await panel.getByRole('list', { name: 'Documents per storage' }).waitFor();
    return { page, panel };
  }

  it('shows the documents per backend, moves them with a live progress bar, and shows the new counts', async () => {
    const { page, panel } = await openStorageTab(s3Env(s3, 's3'), DOCUMENTS);
    const counts = panel.getByRole('list', { name: 'Documents per storage' });
    await counts.getByText(`${DOCUMENTS} documents on this computer`).waitFor();
    await counts.getByText('0 documents in S3').waitFor();
    // Every value the bar shows is recorded, so a bar that jumps or never shows is seen.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { barValues: string[] }).barValues = seen;
      new MutationObserver(() => {
        const bar = document.querySelector('.storage-move-progress progress');
        if (bar) seen.push(`${bar.getAttribute('value')}/${bar.getAttribute('max')}`);
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    await panel.getByRole('button', { name: `Move ${DOCUMENTS} documents to S3` }).click();
    await panel.getByText(`Moved ${DOCUMENTS} documents to S3.`).waitFor();
    await counts.getByText(`${DOCUMENTS} documents in S3`).waitFor();
    await counts.getByText('0 documents on this computer').waitFor();
    await panel.getByText('Every document is stored in S3.').waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}/storage-moved.png` });
    const barValues = await page.evaluate(() => (window as unknown as { barValues: string[] }).barValues);
    expect(barValues.length).toBeGreaterThan(0);
    expect(barValues.every((v) => v.endsWith(`/${DOCUMENTS}`))).toBe(true);
    expect((await s3DocumentIds(s3)).length).toBe(DOCUMENTS);
    expect(pageErrors).toEqual([]);
  });

  it('says in words which document stopped the move and what to do, when S3 cannot be reached', async () => {
    const gone = await startFakeS3('faxbot-gone');
    const env = s3Env(gone, 's3');
    await gone.close();
    const { panel } = await openStorageTab(env, 2);
    await panel.getByRole('button', { name: 'Move 2 documents to S3' }).click();
    const alert = panel.getByRole('alert');
    await alert.waitFor();
    const ids = documentRows(session!.desk.dataDir).map((r) => r.id);
    const message = await alert.textContent();
    expect(message).toMatch(/The move stopped at document [0-9a-f-]{36}: .*press Move again\./);
    expect(ids.some((id) => message!.includes(id))).toBe(true);
    // Still offered: nothing moved, and the button says so.
    await panel.getByRole('button', { name: 'Move 2 documents to S3' }).waitFor();
    await session!.page.screenshot({ path: `${SCREENSHOTS}/storage-move-failed.png` });
    expect(pageErrors).toEqual([]);
  });
});
