// What the status line and Settings → Plugins are told about a provider in trouble (issue 15):
// a plugin whose last check failed is never "Configured"; a failed check of another sender
// while the simulator sends, and a provider that failed its check or refused a fax, reach
// getStatus in words. Real engine, the fake Phaxio on loopback.
import { afterEach, describe, expect, it } from 'vitest';
import type { FakePhaxio } from '../fakes/phaxio';
import { startEngine, type Harness } from '../support/engineHarness';
import { configurePhaxio, fakePhaxio, pluginEngine } from './applyFixture';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const undo of cleanup.splice(0).reverse()) await undo();
});

async function engineWithPhaxio(): Promise<{ h: Harness; fake: FakePhaxio }> {
  const fake = await fakePhaxio();
  cleanup.push(() => fake.close());
  const h = await pluginEngine();
  cleanup.push(() => h.close());
  await configurePhaxio(h, fake);
  return { h, fake };
}

const phaxioView = async (h: Harness) => (await h.engine.call('listPlugins', {})).plugins.find((p) => p.manifest.id === 'phaxio')!;

describe('a sending plugin whose check failed', () => {
  it('is "check_failed", not configured, until a check passes again', async () => {
    const { h } = await engineWithPhaxio();
    expect((await phaxioView(h)).status).toBe('configured');
    const wrong = await h.engine.call('testPlugin', { id: 'phaxio', settings: {}, secrets: { apiSecret: 'typo-secret' } });
    expect(wrong.ok).toBe(false);
    const view = await phaxioView(h);
    expect(view.status).toBe('check_failed');
    expect(view.lastCheck).toMatchObject({ ok: false, message: wrong.message });
    expect((await h.engine.call('testPlugin', { id: 'phaxio' })).ok).toBe(true);
    expect((await phaxioView(h)).status).toBe('configured');
  });

  it('is named on the status while the simulator sends, with its reason in words', async () => {
    const { h } = await engineWithPhaxio();
    expect(await h.engine.call('getStatus', {})).toMatchObject({ provider: 'simulator', providerProblem: null, failedCheck: null });
    await h.engine.call('testPlugin', { id: 'phaxio', settings: {}, secrets: { apiSecret: 'typo-secret' } });
    const status = await h.engine.call('getStatus', {});
    expect(status.failedCheck).toMatchObject({ name: 'Phaxio', message: expect.stringMatching(/^Phaxio failed its connection test: /) });
    expect(status.providerProblem).toBeNull();
  });
});

describe('the outbound provider in trouble', () => {
  it('says so on the status: it failed its check, and the last fax it could not take', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'faxbot-health-'));
    writeFileSync(
      join(dataDir, 'faxbot.config.json'),
      JSON.stringify({ version: 1, slots: { outbound: 'phaxio' }, plugins: { phaxio: { settings: {} } } }),
    );
    const h = await startEngine({}, dataDir);
    cleanup.push(() => h.close());
    const job = await h.send('+12025550143', { pages: 1 });
    const failed = await h.waitForJob(job.id, (j) => j.status === 'failed');
    const afterFax = await h.engine.call('getStatus', {});
    expect(afterFax.providerProblem).toMatch(/could not take the last fax: /);
    expect(failed.lastError!.message).toContain('Phaxio needs its API credentials');
    expect(afterFax.providerProblem).toContain('Phaxio needs its API credentials');
    const test = await h.engine.call('testPlugin', { id: 'phaxio' });
    expect(test.ok).toBe(false);
    expect((await h.engine.call('getStatus', {})).providerProblem).toMatch(/failed its last check: /);
  });
});
