// A restart after a swap: each fax still sending is reconciled with the provider its attempt
// went to (the simulator it started on, Phaxio for the new one), and none is sent twice.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { FaxJob } from '../../shared/model';
import type { FakePhaxio } from '../fakes/phaxio';
import type { Harness } from '../support/engineHarness';
import { configurePhaxio, fakePhaxio, pluginEngine, publicUrlIsListener } from './applyFixture';

let h: Harness | undefined;
let fake: FakePhaxio | undefined;
afterEach(async () => {
  await h?.close();
  await fake?.close();
  h = undefined;
  fake = undefined;
});

const final = (job: FaxJob) => job.status === 'delivered' || job.status === 'failed';

function attempts(dataDir: string): { job_id: string; provider: string; outcome: string }[] {
  const db = new Database(join(dataDir, 'faxbot.sqlite'), { readonly: true });
  try {
    return db.prepare('SELECT job_id, provider, outcome FROM fax_attempts ORDER BY rowid').all() as {
      job_id: string;
      provider: string;
      outcome: string;
    }[];
  } finally {
    db.close();
  }
}

describe('restarting after the outbound provider was swapped', () => {
  it('reconciles each unfinished fax with its own provider and sends neither twice', async () => {
    // Phaxio takes a while per step, so its fax is still going when the engine stops.
    fake = await fakePhaxio(400);
    h = await pluginEngine({ FAXBOT_STATUS_POLL_MS: '60000' }, undefined, { simulatorTimeScale: 3 });
    await configurePhaxio(h, fake);
    await publicUrlIsListener(h);
    const onSimulator = await h.send('+12025550187');
    await h.waitForJob(onSimulator.id, (job) => job.status === 'sending');
    await h.engine.call('applyPlugins', { outbound: 'phaxio', acknowledgeWarnings: true });
    const onPhaxio = await h.send('+12025550100');
    await h.waitForJob(onPhaxio.id, (job) => job.status === 'sending' && job.providerFaxId !== null);
    expect((await h.engine.call('getJob', { id: onSimulator.id })).status).toBe('sending');
    const dataDir = h.dataDir;
    await h.close();
    expect(attempts(dataDir).map((a) => [a.job_id, a.provider, a.outcome])).toEqual([
      [onSimulator.id, 'simulator', 'sending'],
      [onPhaxio.id, 'phaxio', 'sending'],
    ]);

    // The config file now names Phaxio; the simulator is started again only for its unfinished fax.
    h = await pluginEngine({ FAXBOT_STATUS_POLL_MS: '50' }, dataDir, { simulatorTimeScale: 3 });
    expect((await h.engine.call('getStatus', {})).provider).toBe('phaxio');
    const [simulatorDone, phaxioDone] = await Promise.all([
      h.waitForJob(onSimulator.id, final, 25_000),
      h.waitForJob(onPhaxio.id, final, 25_000),
    ]);
    expect(simulatorDone.status).toBe('delivered');
    expect(phaxioDone.status).toBe('delivered');
    expect(attempts(dataDir).map((a) => [a.job_id, a.provider, a.outcome])).toEqual([
      [onSimulator.id, 'simulator', 'delivered'],
      [onPhaxio.id, 'phaxio', 'delivered'],
    ]);
    expect(fake.requests.filter((r) => r === 'POST /faxes')).toHaveLength(1);
  }, 40_000);
});
