// Swapping the outbound provider while faxes are sending: the real engine, the simulator and
// the fake Phaxio. Jobs finish on the provider their attempt went to; new jobs use the new one.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { FaxJob } from '../../shared/model';
import type { FakePhaxio } from '../fakes/phaxio';
import type { Harness } from '../support/engineHarness';
import { configurePhaxio, fakePhaxio, lastOverview, pluginEngine, publicUrlIsListener } from './applyFixture';

let h: Harness | undefined;
let fake: FakePhaxio | undefined;
afterEach(async () => {
  await h?.close();
  await fake?.close();
  h = undefined;
  fake = undefined;
});

const final = (job: FaxJob) => job.status === 'delivered' || job.status === 'failed';
const sending = (job: FaxJob) => job.status === 'sending';

function attemptProviders(dataDir: string, jobId: string): string[] {
  const db = new Database(join(dataDir, 'faxbot.sqlite'), { readonly: true });
  try {
    return (db.prepare('SELECT provider FROM fax_attempts WHERE job_id = ? ORDER BY number').all(jobId) as { provider: string }[]).map(
      (r) => r.provider,
    );
  } finally {
    db.close();
  }
}

describe('applying a new outbound provider while faxes are sending', () => {
  it('finishes the sending fax on the simulator, sends the next through Phaxio, and its callback reaches the Phaxio route', async () => {
    fake = await fakePhaxio();
    // Real-time simulator pacing: the first fax is still dialling when Apply runs.
    const engine = await pluginEngine({ FAXBOT_STATUS_POLL_MS: '60000' }, undefined, { simulatorTimeScale: 1 });
    h = engine;
    await configurePhaxio(h, fake);
    await publicUrlIsListener(h);

    const first = await h.send('+12025550187');
    await h.waitForJob(first.id, sending);

    const warned = await h.engine.call('applyPlugins', { outbound: 'phaxio', acknowledgeWarnings: false });
    expect(warned.applied).toBe(false);
    expect(warned.slots.outbound).toBe('simulator');
    expect(warned.warnings.join('\n')).toMatch(/uploaded to Phaxio for the first time/);
    expect(warned.warnings.join('\n')).toMatch(/not HTTPS/);
    expect(warned.warnings.join('\n')).toMatch(/Received faxes will come through Phaxio instead of Simulator/);
    expect((await h.engine.call('getStatus', {})).provider).toBe('simulator');

    const applied = await h.engine.call('applyPlugins', { outbound: 'phaxio', acknowledgeWarnings: true });
    expect(applied).toMatchObject({ applied: true, slots: { outbound: 'phaxio', inbound: 'phaxio', storage: 'local' } });
    expect((await h.engine.call('getStatus', {})).provider).toBe('phaxio');
    expect(lastOverview(engine.events)?.slots.outbound).toBe('phaxio');

    const second = await h.send('+12025550100');
    const [firstDone, secondDone] = await Promise.all([h.waitForJob(first.id, final), h.waitForJob(second.id, final)]);
    expect(firstDone.status).toBe('delivered');
    expect(secondDone.status).toBe('delivered');
    expect(attemptProviders(h.dataDir, first.id)).toEqual(['simulator']);
    expect(attemptProviders(h.dataDir, second.id)).toEqual(['phaxio']);
    // Only the second fax ever reached Phaxio, and Phaxio's signed callback was taken by the listener.
    expect(fake.faxes.map((f) => f.tags.faxbot_key)).toEqual([`${second.id}.1`]);
    const delivery = await fake.waitFor(() => fake!.webhooks.find((d) => d.eventType === 'fax_completed'));
    expect(delivery.outcome).toBe(200);
    // The slot survives a restart: it was saved in the config file.
    const overview = await h.engine.call('listPlugins', {});
    expect(overview.slots.outbound).toBe('phaxio');
  }, 30_000);

  it('sends the retry of a fax that failed on the simulator after the swap through Phaxio, under a new attempt key', async () => {
    fake = await fakePhaxio();
    // No public URL here: Phaxio's result is found by polling.
    h = await pluginEngine({ FAXBOT_STATUS_POLL_MS: '50' }, undefined, { simulatorTimeScale: 1 });
    await configurePhaxio(h, fake);
    // The simulator's busy-once number: the first call is busy, so a retry follows.
    const job = await h.send('+12025550111');
    await h.waitForJob(job.id, sending);
    await h.engine.call('applyPlugins', { outbound: 'phaxio', acknowledgeWarnings: true });
    const done = await h.waitForJob(job.id, final, 20_000);
    expect(done).toMatchObject({ status: 'delivered', attempts: 2 });
    expect(attemptProviders(h.dataDir, job.id)).toEqual(['simulator', 'phaxio']);
    expect(fake.faxes.map((f) => f.tags.faxbot_key)).toEqual([`${job.id}.2`]);
  }, 30_000);
});
