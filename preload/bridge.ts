// window.faxbot, built from the contract: exactly one function per operation plus `on` for
// events. Pure (no Electron import) so it can be tested, and so nothing but these functions
// can ever reach the page: never ipcRenderer itself, never a generic send or invoke.
import { EVENT_NAMES, IPC_EVENT_CHANNEL, OPERATION_NAMES, ipcChannel, type EventName, type FaxbotApi } from '../shared/contract';
import type { FaxErrorInfo } from '../shared/errors';
import { NOT_UNDERSTOOD } from '../shared/rpc';

/** The part of ipcRenderer the bridge uses. */
export interface BridgeIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

const NOT_A_REPLY: FaxErrorInfo = { code: 'internal', message: NOT_UNDERSTOOD };
const NOT_CLONEABLE: FaxErrorInfo = {
  code: 'invalid_input',
  message: 'This request holds something Faxbot cannot pass to its engine (a function or a live object). Nothing was done.',
};
const NO_ANSWER: FaxErrorInfo = {
  code: 'internal',
  message: 'Faxbot’s engine did not answer this request. Restart Faxbot if this keeps happening.',
};

/**
 * Why a call failed, as a plain object: contextBridge copies a plain object whole, but
 * rebuilds an Error from its message alone (electron/electron#25596), so an Error would lose
 * the code and field messages. The renderer turns this into a FaxError at its door.
 */
function failureOf(reply: unknown): FaxErrorInfo {
  const { ok, error } = (reply ?? {}) as { ok?: unknown; error?: unknown };
  return ok === false && typeof error === 'object' && error !== null ? (error as FaxErrorInfo) : NOT_A_REPLY;
}

const KNOWN_EVENTS = new Set<string>(EVENT_NAMES);

export function buildFaxbotApi(ipc: BridgeIpc): FaxbotApi {
  const api: Record<string, unknown> = {};
  for (const name of OPERATION_NAMES) {
    const channel = ipcChannel(name);
    api[name] = async (input: unknown) => {
      let reply: unknown;
      try {
        reply = await ipc.invoke(channel, input);
      } catch (error) {
        // Electron's own words ("Error invoking remote method …") are for developers, not the desk.
        const why = String((error as { message?: unknown } | null)?.message ?? error);
        console.warn(`faxbot: ${channel} failed in transit: ${why}`);
        throw /could not be cloned/i.test(why) ? { ...NOT_CLONEABLE } : { ...NO_ANSWER };
      }
      const { ok } = (reply ?? {}) as { ok?: unknown };
      if (ok === true) return (reply as { result: unknown }).result;
      throw failureOf(reply);
    };
  }
  api.on = (event: EventName, listener: (payload: unknown) => void): (() => void) => {
    if (!KNOWN_EVENTS.has(event)) {
      throw new TypeError(`Faxbot has no event called "${String(event).slice(0, 60)}"; the events are ${EVENT_NAMES.join(', ')}.`);
    }
    if (typeof listener !== 'function') throw new TypeError('window.faxbot.on needs a listener function.');
    const onMessage = (_event: unknown, message: unknown) => {
      if (typeof message !== 'object' || message === null) return;
      const { event: name, payload } = message as { event?: unknown; payload?: unknown };
      if (name === event) listener(payload);
    };
    ipc.on(IPC_EVENT_CHANNEL, onMessage);
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      ipc.removeListener(IPC_EVENT_CHANNEL, onMessage);
    };
  };
  return Object.freeze(api) as FaxbotApi;
}
