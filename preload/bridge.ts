// window.faxbot, built from the contract: exactly one function per operation plus `on` for
// events. Pure (no Electron import) so it can be tested, and so nothing but these functions
// can ever reach the page: never ipcRenderer itself, never a generic send or invoke.
import {
  EVENT_NAMES,
  IPC_EVENT_CHANNEL,
  OPERATION_NAMES,
  ipcChannel,
  type EventName,
  type FaxbotApi,
  type RpcReply,
} from '../shared/contract';
import type { FaxErrorInfo } from '../shared/errors';

/** The part of ipcRenderer the bridge uses. */
export interface BridgeIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/** A failed call: an Error carrying the engine's code and field messages. */
export interface FaxbotCallError extends Error {
  code: FaxErrorInfo['code'];
  retryable: boolean;
  field?: string;
  fields?: Record<string, string>;
}

function callError(info: FaxErrorInfo): FaxbotCallError {
  const error = new Error(info.message) as FaxbotCallError;
  error.name = 'FaxError';
  error.code = info.code;
  error.retryable = info.retryable ?? false;
  if (info.field) error.field = info.field;
  if (info.fields) error.fields = { ...info.fields };
  return error;
}

function isReply(value: unknown): value is RpcReply<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

const KNOWN_EVENTS = new Set<string>(EVENT_NAMES);

export function buildFaxbotApi(ipc: BridgeIpc): FaxbotApi {
  const api: Record<string, unknown> = {};
  for (const name of OPERATION_NAMES) {
    const channel = ipcChannel(name);
    api[name] = async (input: unknown) => {
      const reply = await ipc.invoke(channel, input);
      if (!isReply(reply)) {
        throw callError({ code: 'internal', message: 'Faxbot answered in a way this window does not understand. Restart Faxbot.' });
      }
      if (reply.ok) return reply.result;
      throw callError(reply.error);
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

/**
 * The same API made safe to hand across contextBridge. The bridge rebuilds a rejected Error
 * with its message only (electron/electron#25596), which would strip `code` and `fields`;
 * a plain object crosses whole. So failures reach the page as
 * `{ name: 'FaxError', message, code, retryable, field?, fields? }`: read `.code` and
 * `.message`, never rely on `instanceof Error`.
 */
export function forContextBridge(api: FaxbotApi): FaxbotApi {
  const safe: Record<string, unknown> = {};
  for (const name of OPERATION_NAMES) {
    const call = api[name] as (input: unknown) => Promise<unknown>;
    safe[name] = (input: unknown) =>
      call(input).catch((error: FaxbotCallError) => {
        const plain: Record<string, unknown> = {
          name: 'FaxError',
          message: error.message,
          code: error.code ?? 'internal',
          retryable: error.retryable ?? false,
        };
        if (error.field) plain.field = error.field;
        if (error.fields) plain.fields = error.fields;
        throw plain;
      });
  }
  safe.on = api.on;
  return Object.freeze(safe) as FaxbotApi;
}
