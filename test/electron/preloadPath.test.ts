// The desktop path end to end without an Electron binary: the page's stores, through
// connectToEngine, the REAL built preload (out/preload/index.cjs) behind an emulated
// contextBridge, emulated IPC (structured clone), and the shell's REAL handlers and sender
// check, to a real engine (test/support/emulatedElectron). Refusals reach the person with the
// engine's own sentence and field messages; bad calls are refused whole and logged.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { dispatch } from '../../main/engine';
import { IPC_EVENT_CHANNEL } from '../../shared/contract';
import { FaxError } from '../../shared/errors';
import { NO_SENTENCE } from '../../renderer/src/bridge';
import { createApiKeysStore, createSettingsStore } from '../../renderer/src/stores';
import { createPluginsStore, outcomeOf } from '../../renderer/src/screens/settings/pluginsStore';
import { passAcrossContextBridge } from '../support/emulatedElectron';
import { makeTestPdf } from '../support/pdfs';
import { startDeskEngine, type DeskEngine } from '../renderer/deskEngine';
import { FakeFrame } from './fakeElectron';

const REFUSED_SIP = {
  id: 'sip',
  settings: { amiUsername: 'faxbot', amiPort: 70000, amiHost: 'pbx.example' },
  secrets: { amiPassword: 'pw' },
};

describe('what Electron does to a value crossing the contextBridge (the emulation the tests rely on)', () => {
  it('rebuilds an Error from its message alone: no class, no name, no code or fields', () => {
    const crossed = passAcrossContextBridge(new FaxError('invalid_input', 'Add the area code.', { fields: { to: 'Add the area code.' } }));
    expect(crossed).toBeInstanceOf(Error);
    expect(crossed).not.toBeInstanceOf(FaxError);
    expect(crossed).toMatchObject({ name: 'Error', message: 'Add the area code.' });
    expect(Object.keys(crossed as object)).toEqual([]);
  });

  it('copies plain objects whole, drops a class instance’s prototype, proxies functions and promises', async () => {
    class Job {
      constructor(readonly id: string) {}
      label() {
        return this.id;
      }
    }
    expect(passAcrossContextBridge({ code: 'not_found', fields: { id: 'x' } })).toEqual({ code: 'not_found', fields: { id: 'x' } });
    const job = passAcrossContextBridge(new Job('job_1')) as Record<string, unknown>;
    expect(job).toEqual({ id: 'job_1' });
    expect(job.label).toBeUndefined();
    const thrower = passAcrossContextBridge(() => {
      throw { code: 'internal', message: 'lost its code' };
    }) as () => void;
    expect(thrower).toThrow(new Error('lost its code'));
    await expect(passAcrossContextBridge(Promise.reject({ code: 'line_busy', message: 'Busy.' }))).rejects.toEqual({
      code: 'line_busy',
      message: 'Busy.',
    });
    await expect(passAcrossContextBridge(Promise.reject(new FaxError('line_busy', 'Busy.')))).rejects.not.toHaveProperty('code');
  });
});

describe('the desktop preload path to a real engine', { timeout: 60_000 }, () => {
  let desk: DeskEngine;
  beforeAll(async () => {
    desk = await startDeskEngine({ transport: 'preload' });
  });
  afterAll(async () => desk?.close());
  afterEach(() => desk.desktop!.callFrom(null));

  const refusedLines = () => desk.logLines.filter((line) => line.includes('refused an IPC call'));

  it('shows a refused plugin-settings save with the engine’s sentence and its field messages', async () => {
    // What the engine itself answers (refused, so nothing is saved by asking).
    const reply = await dispatch(desk.engine, 'savePluginConfig', REFUSED_SIP);
    expect(reply.ok).toBe(false);
    const refusal = (reply as { ok: false; error: { message: string; fields?: Record<string, string> } }).error;

    const store = createPluginsStore(desk.api);
    await store.getState().load();
    expect(await store.getState().save('sip', { settings: REFUSED_SIP.settings, secrets: REFUSED_SIP.secrets })).toBe(false);
    const outcome = outcomeOf(store.getState(), 'sip');
    expect(outcome.error).toBe(refusal.message);
    expect(outcome.error).not.toBe(NO_SENTENCE);
    const amiPort = Object.entries(refusal.fields ?? {}).find(([path]) => path.endsWith('amiPort'))?.[1];
    expect(amiPort).toMatch(/\S/);
    expect(outcome.fieldErrors.amiPort).toBe(amiPort);
    expect(store.getState().overview!.plugins.find((p) => p.manifest.id === 'sip')!.settings.amiHost).not.toBe('pbx.example');
  });

  it('shows a refused settings save with the sentence under the field, not [object Object]', async () => {
    const store = createSettingsStore(desk.api);
    await store.getState().load();
    expect(await store.getState().save({ stationNumber: '12' })).toBe(false);
    const { saveError, fieldErrors } = store.getState();
    expect(saveError).toMatch(/too short/);
    expect(saveError).not.toMatch(/object Object/);
    expect(fieldErrors.stationNumber).toMatch(/too short/);
    expect((await desk.api.getSettings({})).stationNumber).toBe('');
  });

  it('says why an API key cannot be revoked in the engine’s words, not a fallback', async () => {
    const store = createApiKeysStore(desk.api);
    await store.getState().load();
    const reply = await dispatch(desk.engine, 'revokeApiKey', { keyId: '0123456789ab' });
    expect(await store.getState().revoke('0123456789ab')).toBe(false);
    expect(store.getState().actionError).toBe((reply as { ok: false; error: { message: string } }).error.message);
    expect(store.getState().actionError).not.toBe(NO_SENTENCE);
  });

  it('refuses a payload that does not fit the contract whole, with field messages, and logs which fields (never values)', async () => {
    const before = refusedLines().length;
    const documentId = (
      await desk.api.stageDocument({ fileName: 'a.pdf', contentBase64: Buffer.from(await makeTestPdf(1)).toString('base64') })
    ).documentId;
    const failure = await desk.api
      .sendFax({ to: '+12025550143', documentIds: documentId as never, recipientName: 'Dr. Lee' })
      .catch((e) => e);
    expect(failure).toBeInstanceOf(FaxError);
    expect(failure).toMatchObject({ code: 'invalid_input', fields: { documentIds: expect.stringMatching(/\S/) } });
    expect((await desk.api.listJobs({})).items).toEqual([]);
    const logged = refusedLines().slice(before);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(/WARN .*payload does not fit the contract.*"operation":"sendFax".*"fields":\["documentIds"\]/);
    expect(logged[0]).not.toMatch(/2025550143|Dr\. Lee/);
  });

  it('refuses a payload that cannot be cloned before it leaves the page, and nothing changes', async () => {
    const before = await desk.api.getSettings({});
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const failure = await desk.api.updateSettings({ stationName: (() => 'x') as never }).catch((e) => e);
      expect(failure).toBeInstanceOf(FaxError);
      expect(failure).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/Nothing was done/) });
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/could not be cloned/));
    } finally {
      warn.mockRestore();
    }
    expect(await desk.api.getSettings({})).toEqual(before);
  });

  it('refuses and logs calls from a subframe or from a page that is not the app’s, and runs none of them', async () => {
    const before = refusedLines().length;
    desk.desktop!.callFrom(new FakeFrame('https://evil.example/ad', desk.desktop!.mainFrame));
    const fromSubframe = await desk.api.updateSettings({ stationName: 'Hijacked' }).catch((e) => e);
    expect(fromSubframe).toBeInstanceOf(FaxError);
    expect(fromSubframe).toMatchObject({ code: 'no_permission', message: expect.stringMatching(/did not come from its own window/) });

    desk.desktop!.callFrom(null);
    const appPage = desk.desktop!.mainFrame.url;
    desk.desktop!.mainFrame.url = 'https://evil.example/';
    try {
      await expect(desk.api.updateSettings({ stationName: 'Hijacked' })).rejects.toMatchObject({ code: 'no_permission' });
    } finally {
      desk.desktop!.mainFrame.url = appPage;
    }
    expect((await desk.api.getSettings({})).stationName).not.toBe('Hijacked');
    const logged = refusedLines().slice(before);
    expect(logged).toHaveLength(2);
    for (const line of logged) expect(line).toMatch(/WARN .*not Faxbot's own page.*"operation":"updateSettings".*evil\.example/);
  });

  it('drops an event whose payload does not fit the contract, and one it does not know, without crashing', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const received: unknown[] = [];
    const stop = desk.api.on('jobChanged', (job) => received.push(job));
    try {
      desk.desktop!.send(IPC_EVENT_CHANNEL, { event: 'jobChanged', payload: { id: 42 } });
      desk.desktop!.send(IPC_EVENT_CHANNEL, { event: 'notAnEvent', payload: {} });
      desk.desktop!.send(IPC_EVENT_CHANNEL, 'garbage');
      expect(received).toEqual([]);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/Dropped a jobChanged event that does not fit the contract/));
    } finally {
      stop();
      warn.mockRestore();
    }
  });
});
