// The preload is the only thing the page gets from Electron: exactly the contract's
// operations plus `on`, each going to its own channel, failures keeping their code. (The
// built preload against the real IPC handlers and an engine: test/electron/preloadPath.test.ts.)
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { EVENT_NAMES, IPC_EVENT_CHANNEL, OPERATION_NAMES, ipcChannel, type FaxbotApi } from '../../shared/contract';
import { buildFaxbotApi, type BridgeIpc } from '../../preload/bridge';

vi.mock('electron', async () => await import('./fakeElectron'));
const fake = await import('./fakeElectron');

// The preload runs once per page, as in Electron; every test looks at what it exposed.
await import('../../preload/index');
async function loadPreload(): Promise<FaxbotApi> {
  return fake.contextBridge.exposed.get('faxbot') as FaxbotApi;
}

/** An ipcRenderer double that answers from a table and can push events. */
function recordingIpc(answer: (channel: string, input: unknown) => unknown) {
  const listeners = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>();
  const calls: Array<{ channel: string; input: unknown }> = [];
  const ipc: BridgeIpc = {
    invoke: async (channel, input) => {
      calls.push({ channel, input });
      return answer(channel, input);
    },
    on: (channel, listener) => listeners.set(channel, (listeners.get(channel) ?? new Set()).add(listener)),
    removeListener: (channel, listener) => listeners.get(channel)?.delete(listener),
  };
  const push = (message: unknown) => listeners.get(IPC_EVENT_CHANNEL)?.forEach((l) => l({}, message));
  return { ipc, calls, push, listenerCount: () => listeners.get(IPC_EVENT_CHANNEL)?.size ?? 0 };
}

describe('preload', () => {
  beforeEach(() => {
    fake.ipcRenderer.invocations.length = 0;
    fake.ipcRenderer.removeAllListeners();
  });

  it('exposes exactly one key, faxbot, with one function per operation plus on', async () => {
    const api = await loadPreload();
    expect([...fake.contextBridge.exposed.keys()]).toEqual(['faxbot']);
    const own = Object.getOwnPropertyNames(api).sort();
    expect(own).toEqual([...OPERATION_NAMES, 'on'].sort());
    for (const name of own) expect(typeof (api as unknown as Record<string, unknown>)[name]).toBe('function');
  });

  it('never exposes ipcRenderer or a generic send/invoke', async () => {
    const api = (await loadPreload()) as unknown as Record<string, unknown>;
    for (const forbidden of ['invoke', 'send', 'ipcRenderer', 'sendSync', 'postMessage', 'removeAllListeners']) {
      expect(api[forbidden]).toBeUndefined();
    }
    expect(Object.values(api)).not.toContain(fake.ipcRenderer);
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('sends each operation on its own channel with the input, and resolves the result', async () => {
    const api = await loadPreload();
    fake.ipcRenderer.reply = (channel) => ({ ok: true, result: { answeredOn: channel } });
    await expect(api.getJob({ id: 'job_1' })).resolves.toEqual({ answeredOn: ipcChannel('getJob') });
    expect(fake.ipcRenderer.invocations).toEqual([{ channel: 'faxbot:getJob', args: [{ id: 'job_1' }] }]);
    await api.listInbox({ unreadOnly: true });
    expect(fake.ipcRenderer.invocations[1]).toEqual({ channel: 'faxbot:listInbox', args: [{ unreadOnly: true }] });
  });

  it("rejects a failed call with the reply's error as a plain object, which the context bridge copies whole", async () => {
    const api = await loadPreload();
    const refusal = {
      code: 'invalid_input',
      message: 'The sendFax request is not valid (to: add the area code).',
      fields: { to: 'add the area code' },
    };
    fake.ipcRenderer.reply = () => ({ ok: false, error: refusal });
    const failure = await api.sendFax({ to: '555', documentIds: ['doc_1'] }).then(
      () => null,
      (error: unknown) => error,
    );
    // Not an Error: contextBridge would rebuild an Error from its message alone.
    expect(failure).not.toBeInstanceOf(Error);
    expect(failure).toEqual(refusal);
  });

  it('rejects in words a person can read when the call could not cross IPC at all', async () => {
    const api = await loadPreload();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      fake.ipcRenderer.reply = () => {
        throw new Error('An object could not be cloned.');
      };
      await expect(api.getStatus({})).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/Nothing was done/) });
      fake.ipcRenderer.reply = () => {
        throw new Error("Error invoking remote method 'faxbot:getStatus': Error: No handler registered for 'faxbot:getStatus'");
      };
      const failure = await api.getStatus({}).catch((e: unknown) => e);
      expect(failure).toMatchObject({ code: 'internal', message: expect.stringMatching(/did not answer.*Restart Faxbot/) });
      expect(JSON.stringify(failure)).not.toMatch(/invoking remote method/);
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/No handler registered/));
    } finally {
      warn.mockRestore();
    }
  });

  it('delivers only the named event to a listener, and stops after unsubscribe', async () => {
    const api = await loadPreload();
    const received: unknown[] = [];
    const off = api.on('faxReceived', (payload) => received.push(payload));
    fake.ipcRenderer.emit(IPC_EVENT_CHANNEL, {}, { event: 'jobChanged', payload: { id: 'job_1' } });
    fake.ipcRenderer.emit(IPC_EVENT_CHANNEL, {}, { event: 'faxReceived', payload: { id: 'in_1' } });
    fake.ipcRenderer.emit(IPC_EVENT_CHANNEL, {}, 'not an event message');
    fake.ipcRenderer.emit(IPC_EVENT_CHANNEL, {}, null);
    expect(received).toEqual([{ id: 'in_1' }]);
    off();
    off();
    fake.ipcRenderer.emit(IPC_EVENT_CHANNEL, {}, { event: 'faxReceived', payload: { id: 'in_2' } });
    expect(received).toEqual([{ id: 'in_1' }]);
    expect(fake.ipcRenderer.listenerCount(IPC_EVENT_CHANNEL)).toBe(0);
  });

  it('refuses to listen for an event the contract does not declare, or without a listener', async () => {
    const api = await loadPreload();
    expect(() => api.on('__proto__' as never, () => {})).toThrow(/no event called "__proto__".*jobChanged/);
    expect(() => api.on('ipc-message' as never, () => {})).toThrow(/no event called/);
    expect(() => api.on('faxReceived', 'not a function' as never)).toThrow(/listener function/);
    expect(fake.ipcRenderer.listenerCount(IPC_EVENT_CHANNEL)).toBe(0);
  });
});

describe('buildFaxbotApi', () => {
  it("rejects with the reply's code, sentence and field as they came", async () => {
    const { ipc } = recordingIpc(() => ({
      ok: false,
      error: { code: 'not_found', message: 'There is no fax job job_9.', field: 'id', retryable: false },
    }));
    const api = buildFaxbotApi(ipc);
    const error = await api.getJob({ id: 'job_9' }).catch((e: unknown) => e);
    expect(error).toEqual({ code: 'not_found', message: 'There is no fax job job_9.', field: 'id', retryable: false });
  });

  it('treats an answer that is not a reply as an internal error instead of resolving garbage', async () => {
    for (const bad of [undefined, null, 'ok', 42, { result: 1 }, { ok: 'yes' }, { ok: false }, { ok: false, error: 'no' }]) {
      const api = buildFaxbotApi(recordingIpc(() => bad).ipc);
      await expect(api.getStatus({})).rejects.toMatchObject({ code: 'internal', message: expect.stringMatching(/does not understand/) });
    }
  });

  it('covers every operation of the contract and every event name', async () => {
    const { ipc, calls, push, listenerCount } = recordingIpc((channel) => ({ ok: true, result: channel }));
    const api = buildFaxbotApi(ipc) as unknown as Record<string, (input: unknown) => Promise<unknown>>;
    for (const name of OPERATION_NAMES) await expect(api[name]({})).resolves.toBe(`faxbot:${name}`);
    expect(calls.map((c) => c.channel)).toEqual(OPERATION_NAMES.map(ipcChannel));
    const typed = api as unknown as FaxbotApi;
    for (const name of EVENT_NAMES) {
      const seen: unknown[] = [];
      const off = typed.on(name, (payload) => seen.push(payload));
      push({ event: name, payload: name });
      off();
      expect(seen).toEqual([name]);
    }
    expect(listenerCount()).toBe(0);
  });
});

// `npm test` builds before it tests, so this checks the file Electron will really load.
const builtPreload = resolve('out/preload/index.cjs');
if (!existsSync(builtPreload)) console.warn('built-preload check skipped: out/preload/index.cjs is not built (npm run build)');

describe.skipIf(!existsSync(builtPreload))('the built preload', () => {
  it('is one CommonJS file that requires nothing but electron (a sandboxed preload can load nothing else)', () => {
    const code = readFileSync(builtPreload, 'utf8');
    const required = [...code.matchAll(/require\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
  });
});
