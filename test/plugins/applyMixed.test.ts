// Outbound and inbound chosen separately, both at once: send through Sinch (fake), receive on
// an Asterisk trunk (fake AMI over TCP with a shared spool folder).
import { afterEach, describe, expect, it } from 'vitest';
import { FAKE_AMI_USER, startFakeAmi, type FakeAmi } from '../fakes/ami';
import { startFakeSinch, type FakeSinch } from '../fakes/sinch';
import { tempSpool } from '../ami/sipFixture';
import type { Harness } from '../support/engineHarness';
import { pluginEngine } from './applyFixture';

const PROJECT = { projectId: 'proj-5e1f', keyId: 'key-abc', keySecret: 'secret-xyz' };

let h: Harness | undefined;
let sinch: FakeSinch | undefined;
let ami: FakeAmi | undefined;
afterEach(async () => {
  await h?.close();
  await sinch?.close();
  await ami?.close();
  h = sinch = ami = undefined;
});

describe('outbound Sinch and inbound Asterisk applied together', () => {
  it('sends through Sinch and receives through Asterisk, with no warning left unsaid', async () => {
    sinch = await startFakeSinch({ ...PROJECT });
    const spool = tempSpool();
    ami = await startFakeAmi({ spoolDir: spool });
    h = await pluginEngine();
    await h.engine.call('savePluginConfig', {
      id: 'sinch',
      settings: { projectId: PROJECT.projectId, baseUrl: sinch.url, authUrl: sinch.authUrl },
      secrets: { apiKey: PROJECT.keyId, apiSecret: PROJECT.keySecret },
    });
    await h.engine.call('savePluginConfig', {
      id: 'sip',
      settings: { amiHost: '127.0.0.1', amiPort: ami.port, amiUsername: FAKE_AMI_USER.username, spoolDir: spool },
      secrets: { amiPassword: FAKE_AMI_USER.secret },
    });

    const warned = await h.engine.call('applyPlugins', { outbound: 'sinch', inbound: 'sip', acknowledgeWarnings: false });
    expect(warned.applied).toBe(false);
    expect(warned.warnings).toHaveLength(2);
    expect(warned.warnings[0]).toMatch(/uploaded to Sinch Fax for the first time/);
    expect(warned.warnings[1]).toMatch(/Received faxes will come through Asterisk \(SIP\) instead of Simulator/);

    const applied = await h.engine.call('applyPlugins', { outbound: 'sinch', inbound: 'sip', acknowledgeWarnings: true });
    expect(applied).toMatchObject({ applied: true, slots: { outbound: 'sinch', inbound: 'sip', storage: 'local' } });
    const overview = await h.engine.call('listPlugins', {});
    expect(overview.plugins.find((p) => p.manifest.id === 'sip')!.activeIn).toEqual(['inbound']);
    expect(overview.plugins.find((p) => p.manifest.id === 'sinch')!.activeIn).toEqual(['outbound']);

    const job = await h.send('+12025550100');
    const done = await h.waitForJob(job.id, (j) => j.status === 'delivered' || j.status === 'failed');
    expect(done).toMatchObject({ status: 'delivered', provider: 'sinch' });
    expect(sinch.faxes.size).toBe(1);
    expect(ami.originates).toEqual([]);

    // Asterisk is connected for receiving even though it sends nothing.
    await new Promise<void>((resolve) => {
      const check = () => (ami!.actions.includes('Login') ? resolve() : setImmediate(check));
      check();
    });
    ami.controls.deliverInbound({ from: '+14155550199', to: '+15551230000', pages: 2 });
    const received = await h.waitForInbound((fax) => fax.from === '+14155550199');
    expect(received).toMatchObject({ provider: 'sip', pages: 2 });
  }, 30_000);
});
