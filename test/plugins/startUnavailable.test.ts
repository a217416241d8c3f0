// A provider chosen in Settings → Plugins that cannot start (its secrets gone with the
// keychain, say) must not lock the person out of the tab that fixes it: Faxbot opens, faxes
// wait with the reason, and Test connection says the same. One fixed by FAX_BACKEND still
// stops the start, as a configuration mistake should.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startEngine, type Harness } from '../support/engineHarness';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

/** A config file choosing Phaxio, whose secrets are not (any more) in the sealed store. */
function configChoosingPhaxioWithoutSecrets(): string {
  const dataDir = mkdtempSync(join(tmpdir(), 'faxbot-unavailable-'));
  writeFileSync(
    join(dataDir, 'faxbot.config.json'),
    JSON.stringify({ version: 1, slots: { outbound: 'phaxio' }, plugins: { phaxio: { settings: {} } } }),
  );
  return dataDir;
}

describe('a configured provider that cannot start', () => {
  it('keeps Faxbot open; sends wait with the reason and the fix; Test connection says the same', async () => {
    harness = await startEngine({}, configChoosingPhaxioWithoutSecrets());
    const status = await harness.engine.call('getStatus', {});
    expect(status.provider).toBe('phaxio');
    expect(status.providerLabel).toMatch(/not working/);

    const job = await harness.send('+12025550143', { pages: 1 });
    const failed = await harness.waitForJob(job.id, (j) => j.status === 'failed' || j.status === 'delivered');
    expect(failed.status).toBe('failed');
    expect(failed.lastError?.message).toMatch(/phaxio could not start: .*PHAXIO_API_KEY.*Settings → Plugins/s);
    expect(failed.attempts).toBeGreaterThanOrEqual(1);

    const test = await harness.engine.call('testPlugin', { id: 'phaxio' });
    expect(test.ok).toBe(false);
    // The tab works: the plugin shows and can be given its secrets.
    const overview = await harness.engine.call('listPlugins', {});
    expect(overview.slots.outbound).toBe('phaxio');
  });

  it('still refuses to start when the environment fixes that provider (FAX_BACKEND)', async () => {
    await expect(startEngine({ backend: 'phaxio' }, mkdtempSync(join(tmpdir(), 'faxbot-unavailable-')))).rejects.toThrow(/PHAXIO_API_KEY/);
  });
});
