// axe-core on every screen of the desk, in real Chromium against `faxbot serve`: no serious or
// critical violation. axe runs through page.evaluate (the DevTools protocol), which the page's
// Content-Security-Policy does not govern, so the CSP stays as it ships.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { HAVE_CHROMIUM, NO_CHROMIUM_REASON } from '../support/chromium';
import { letterPdf } from './deskDocuments';
import { deskRpc, receiveLoopbackFax } from './inboxPage';
import { openDeskInChromium, until, type DeskInChromium } from './pageChecks';

if (!HAVE_CHROMIUM) console.warn(NO_CHROMIUM_REASON);

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** The serious and critical violations on the page as it is now, one line each. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = (await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(root: Document, options: object): Promise<{ violations: unknown[] }> } }).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  })) as Violation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe.skipIf(!HAVE_CHROMIUM)('axe-core finds no serious or critical violation', { timeout: 180_000 }, () => {
  let run: DeskInChromium;
  let page: Page;

  beforeAll(async () => {
    run = await openDeskInChromium();
    page = run.page;
    const rpc = deskRpc(run.desk.uiUrl);
    await receiveLoopbackFax(rpc, 'lab.pdf', await letterPdf(['Lab results'], 2));
    await until('the fax is received', async () => (await rpc('listInbox', { limit: 5 })).total === 1);
    await page.getByRole('heading', { name: 'Send a fax' }).waitFor({ state: 'attached' });
  });
  afterAll(async () => run?.close());

  const nav = (name: string | RegExp) => page.getByRole('navigation', { name: 'Faxbot' }).getByRole('button', { name });

  it('on Send', async () => {
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('on the Outbox', async () => {
    await nav(/^Outbox/).click();
    await page.getByRole('heading', { name: 'Outbox' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('on the Inbox with a fax open', async () => {
    await nav(/^Inbox/).click();
    await page.getByRole('listbox', { name: 'Received faxes' }).getByRole('option').first().click();
    await page.locator('canvas.page-canvas[data-state="drawn"]').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('on Contacts', async () => {
    await nav(/^Contacts/).click();
    await page.getByRole('heading', { name: 'Contacts' }).first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  for (const tab of ['General', 'Plugins', 'Webhooks', 'Storage & retention', 'API keys', 'Audit']) {
    it(`on Settings → ${tab}`, async () => {
      await nav('Settings').click();
      await page.getByRole('tab', { name: tab }).click();
      await until(
        `the ${tab} tab is selected`,
        async () => (await page.getByRole('tab', { name: tab }).getAttribute('aria-selected')) === 'true',
      );
      await page.waitForLoadState('networkidle');
      expect(await seriousViolations(page)).toEqual([]);
    });
  }
});
