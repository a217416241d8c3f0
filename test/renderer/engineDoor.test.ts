// The renderer's door to the engine (renderer/src/bridge: faxErrorOf, errorSentence,
// fieldMessages, checkedEngine): whatever arrives, a store meets one FaxError with the
// engine's code, sentence and fields, and a malformed answer shows a sentence instead of
// breaking a screen, over both transports.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi, type MockInstance } from 'vitest';
import { ipcChannel, type FaxbotApi, type OperationName } from '../../shared/contract';
import { FaxError } from '../../shared/errors';
import {
  checkedEngine,
  createHttpBridge,
  errorSentence,
  faxErrorOf,
  fieldMessages,
  NO_SENTENCE,
  NOT_UNDERSTOOD,
} from '../../renderer/src/bridge';
import { createApiKeysStore, createOutboxStore, createSettingsStore, createStatusStore } from '../../renderer/src/stores';
import { startDeskEngine, TRANSPORTS, type DeskEngine, type DeskTransport } from './deskEngine';

describe('turning whatever a transport rejects with into a FaxError', () => {
  it('keeps a FaxError as it is', () => {
    const error = new FaxError('line_busy', 'The line was busy.', { retryable: true });
    expect(faxErrorOf(error)).toBe(error);
  });

  it('keeps the code, sentence, field and field messages of the plain object the preload sends', () => {
    const error = faxErrorOf({
      code: 'invalid_number',
      message: 'Add the area code.',
      field: 'to',
      fields: { to: 'Add the area code.' },
      retryable: false,
    });
    expect(error).toBeInstanceOf(FaxError);
    expect(error).toMatchObject({
      code: 'invalid_number',
      message: 'Add the area code.',
      field: 'to',
      fields: { to: 'Add the area code.' },
      retryable: false,
    });
    expect(faxErrorOf({ code: 'provider_timeout', message: 'Try again.', retryable: true, retryAfterMs: 5000 })).toMatchObject({
      retryable: true,
      retryAfterMs: 5000,
    });
  });

  it('makes an Error with only a message (what contextBridge leaves of one) an internal error with that message', () => {
    expect(faxErrorOf(new Error('The document could not be read.'))).toMatchObject({
      code: 'internal',
      message: 'The document could not be read.',
    });
    expect(faxErrorOf('Faxbot is not answering.')).toMatchObject({ code: 'internal', message: 'Faxbot is not answering.' });
  });

  it('gives garbage a generic sentence, and drops a code, fields or flags that are not what they claim', () => {
    for (const garbage of [undefined, null, 42, '', '   ', [], {}, { message: 7 }, new Error('')]) {
      expect(faxErrorOf(garbage)).toMatchObject({ code: 'internal', message: NO_SENTENCE, retryable: false });
    }
    const odd = faxErrorOf({
      code: 'not_a_code',
      message: 'The line is down.',
      fields: { to: 3, name: 'Too long.' },
      field: 9,
      retryable: 'yes',
    });
    expect(odd).toMatchObject({ code: 'internal', message: 'The line is down.', retryable: false, fields: { name: 'Too long.' } });
    expect(odd.field).toBeUndefined();
    expect(faxErrorOf({ message: 'x', fields: 'to' }).fields).toBeUndefined();
  });
});

describe('the words for the page', () => {
  it('uses the error’s own sentence, or the fallback when it has none', () => {
    expect(errorSentence(new FaxError('not_found', 'There is no fax job job_9.'))).toBe('There is no fax job job_9.');
    expect(errorSentence({ message: 'From a plain object.' })).toBe('From a plain object.');
    expect(errorSentence(new Error(''), 'The cover page could not be drawn.')).toBe('The cover page could not be drawn.');
    expect(errorSentence(null)).toBe(NO_SENTENCE);
    expect(errorSentence({ code: 'internal' })).not.toMatch(/object Object/);
  });

  it('puts field messages under the form’s names, the one-field error included', () => {
    const error = { code: 'invalid_input', message: 'Name the key.', field: 'name', fields: { 'scopes.0': 'Pick a permission.' } };
    expect(fieldMessages(error, (path) => path.split('.')[0])).toEqual({ name: 'Name the key.', scopes: 'Pick a permission.' });
    expect(fieldMessages(new Error('plain'))).toEqual({});
  });
});

/** Replies no engine should give: an answer off the contract, a non-reply, codes and sentences missing. */
const MALFORMED: Partial<Record<OperationName, unknown>> = {
  listJobs: { ok: true, result: { items: 'garbage', nextCursor: null, total: 1 } },
  getStatus: 'hello',
  getSettings: { ok: false, error: { code: 'no_such_code', message: 'The line is down.' } },
  getApiSettings: { ok: false, error: {} },
};

/** Over HTTP: a server on 127.0.0.1 answering MALFORMED. Over the preload: the real IPC with those handlers swapped. */
async function malformedEngine(transport: DeskTransport): Promise<{ api: FaxbotApi; close(): Promise<void> }> {
  if (transport === 'preload') {
    const desk: DeskEngine = await startDeskEngine({ transport });
    const { ipcMain } = desk.desktop!;
    for (const [name, reply] of Object.entries(MALFORMED)) {
      ipcMain.removeHandler(ipcChannel(name as OperationName));
      ipcMain.handle(ipcChannel(name as OperationName), () => reply);
    }
    ipcMain.removeHandler(ipcChannel('getWebhookHealth'));
    ipcMain.handle(ipcChannel('getWebhookHealth'), () => {
      throw new Error('the handler broke');
    });
    return { api: desk.api, close: () => desk.close() };
  }
  const server: Server = createServer((request, response) => {
    const name = (request.url ?? '').replace('/rpc/', '') as OperationName;
    response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(MALFORMED[name] ?? { ok: true, result: null }));
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    api: checkedEngine(createHttpBridge({ token: 'a'.repeat(43), baseUrl })),
    close: () => new Promise<void>((closed) => server.close(() => closed())),
  };
}

describe.each(TRANSPORTS)('a malformed answer from the engine over %s', { timeout: 60_000 }, (transport) => {
  let engine: Awaited<ReturnType<typeof malformedEngine>>;
  let warn: MockInstance<typeof console.warn>;
  beforeAll(async () => {
    warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    engine = await malformedEngine(transport);
  });
  afterAll(async () => {
    warn?.mockRestore();
    await engine?.close();
  });

  it('shows a result off the contract as a sentence, and keeps the list empty', async () => {
    const store = createOutboxStore(engine.api);
    await store.getState().load();
    expect(store.getState()).toMatchObject({ loaded: true, loadError: NOT_UNDERSTOOD, jobs: {} });
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/answer to listJobs does not fit the contract \(items\)/));
  });

  it('shows a non-reply as a sentence on the status line', async () => {
    const store = createStatusStore(engine.api);
    await store.getState().load();
    expect(store.getState().error).toMatch(/^Faxbot answered .*(unexpected reply|does not understand)/);
    expect(store.getState().status).toBeNull();
  });

  it('shows the sentence a refusal brought, even with a code it does not know', async () => {
    const store = createSettingsStore(engine.api);
    await store.getState().load();
    expect(store.getState().loadError).toBe('The line is down.');
    await expect(engine.api.getSettings({})).rejects.toMatchObject({ code: 'internal' });
  });

  it('says something a person can read for a refusal without a sentence', async () => {
    const store = createApiKeysStore(engine.api);
    await store.getState().load();
    expect(store.getState().loadError).toBe(NO_SENTENCE);
  });

  it.runIf(transport === 'preload')('turns a main-process handler that throws into words, not Electron’s', async () => {
    const failure = await engine.api.getWebhookHealth({}).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(FaxError);
    expect(failure).toMatchObject({ code: 'internal', message: expect.stringMatching(/did not answer this request/) });
    expect((failure as Error).message).not.toMatch(/invoking remote method|handler broke/);
  });
});
