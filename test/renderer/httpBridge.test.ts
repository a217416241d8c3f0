import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpBridge, readAccessToken, TOKEN_STORAGE_KEY } from '../../renderer/src/bridge/httpBridge';
import { base64FromBytes, bytesFromBase64 } from '../../renderer/src/bridge/base64';
import { FaxError } from '../../shared/errors';
import { startDeskEngine, type DeskEngine } from './deskEngine';

function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v), items };
}
function recordingHistory() {
  const urls: string[] = [];
  return { state: null, replaceState: (_d: unknown, _u: string, url?: string | URL | null) => void urls.push(String(url)), urls };
}

describe('the access token', () => {
  it('is taken from the address once, kept for the tab, and removed from the address bar', () => {
    const storage = memoryStorage();
    const history = recordingHistory();
    const token = readAccessToken({ href: 'http://127.0.0.1:8080/?token=abc_DEF-123&view=inbox#top' }, storage, history);
    expect(token).toBe('abc_DEF-123');
    expect(storage.items.get(TOKEN_STORAGE_KEY)).toBe('abc_DEF-123');
    expect(history.urls).toEqual(['/?view=inbox#top']);
  });

  it('comes from the tab’s storage after a reload, and is null when there is none', () => {
    const history = recordingHistory();
    expect(readAccessToken({ href: 'http://127.0.0.1:8080/' }, memoryStorage({ [TOKEN_STORAGE_KEY]: 'kept' }), history)).toBe('kept');
    expect(readAccessToken({ href: 'http://127.0.0.1:8080/' }, memoryStorage(), history)).toBeNull();
    expect(history.urls).toEqual([]);
  });
});

describe('base64 of dropped files', () => {
  it('round-trips a file larger than one chunk, byte for byte', () => {
    const bytes = new Uint8Array(randomBytes(300_001));
    const encoded = base64FromBytes(bytes);
    expect(encoded).toBe(Buffer.from(bytes).toString('base64'));
    expect(Buffer.from(bytesFromBase64(encoded)).equals(Buffer.from(bytes))).toBe(true);
  });

  it('encodes an empty file as an empty string', () => {
    expect(base64FromBytes(new Uint8Array())).toBe('');
  });
});

describe('the HTTP bridge against the real headless server', () => {
  let desk: DeskEngine;
  let junk: Server;
  let junkUrl: string;
  beforeAll(async () => {
    desk = await startDeskEngine();
    // Something that is not Faxbot answering on the port: an HTML error page.
    junk = createServer((_req, res) => res.writeHead(502, { 'Content-Type': 'text/html' }).end('<h1>Bad gateway</h1>'));
    await new Promise<void>((r) => junk.listen(0, '127.0.0.1', r));
    junkUrl = `http://127.0.0.1:${(junk.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await desk?.close();
    await new Promise((r) => junk?.close(r));
  });

  it('answers an operation’s result', async () => {
    const status = await desk.api.getStatus({});
    expect(status.provider).toBe('simulator');
    expect(status.headless).toBe(true);
  });

  it('rejects a payload that fails its schema with code invalid_input and per-field messages', async () => {
    const call = desk.api.stageDocument({ fileName: 'x.pdf', contentBase64: 'not base64!' });
    await expect(call).rejects.toBeInstanceOf(FaxError);
    await expect(call).rejects.toMatchObject({ code: 'invalid_input', fields: { contentBase64: expect.any(String) } });
  });

  it('rejects an engine refusal with its code and the sentence for a person', async () => {
    await expect(desk.api.getJob({ id: 'no-such-job' })).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringMatching(/\w+ \w+/),
    });
  });

  it('rejects with not_signed_in when the token is wrong', async () => {
    const wrong = createHttpBridge({ token: 'x'.repeat(43), baseUrl: desk.server!.url });
    await expect(wrong.getStatus({})).rejects.toMatchObject({ code: 'not_signed_in' });
  });

  it('turns a reply that is not Faxbot’s JSON into an error a person can read', async () => {
    const bridge = createHttpBridge({ token: 't', baseUrl: junkUrl });
    await expect(bridge.getStatus({})).rejects.toMatchObject({ code: 'internal', message: expect.stringContaining('HTTP 502') });
  });

  it('says Faxbot is not answering when nothing listens', async () => {
    const port = (junk.address() as AddressInfo).port;
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const deadPort = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    expect(deadPort).not.toBe(port);
    const bridge = createHttpBridge({ token: 't', baseUrl: `http://127.0.0.1:${deadPort}` });
    await expect(bridge.getStatus({})).rejects.toMatchObject({ code: 'internal', message: expect.stringContaining('not answering') });
  });
});
