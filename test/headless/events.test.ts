import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Engine } from '../../main/engine';
import { DELIVERS, startTestServer, textDocument, type TestServer } from './fixtures';

interface ServerSentEvent {
  event: string;
  data: string;
}

/** Reads events from an open stream until one matches. */
async function nextEvent(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  buffer: { text: string },
  match: (e: ServerSentEvent) => boolean,
): Promise<ServerSentEvent> {
  const decoder = new TextDecoder();
  for (;;) {
    let end: number;
    while ((end = buffer.text.indexOf('\n\n')) !== -1) {
      const block = buffer.text.slice(0, end);
      buffer.text = buffer.text.slice(end + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (event && data !== undefined && match({ event, data })) return { event, data };
    }
    const { value, done } = await reader.read();
    if (done) throw new Error('the event stream ended');
    buffer.text += decoder.decode(value, { stream: true });
  }
}

describe('headless events: GET /events', () => {
  let t: TestServer;
  let engineListeners = 0;
  // Counts the server's engine subscriptions, to prove a closed tab leaves none behind.
  const counting = (engine: Engine): Engine => ({
    ...engine,
    on(listener) {
      engineListeners += 1;
      const off = engine.on(listener);
      let done = false;
      return () => {
        if (!done) engineListeners -= 1;
        done = true;
        off();
      };
    },
  });
  beforeAll(async () => {
    t = await startTestServer({ wrapEngine: counting });
  });
  afterAll(async () => t?.close());

  it('refuses a stream without a valid token', async () => {
    const none = await fetch(`${t.server.url}/events`);
    expect(none.status).toBe(401);
    const wrong = await fetch(`${t.server.url}/events?token=not-the-token`);
    expect(wrong.status).toBe(401);
    expect(engineListeners).toBe(0);
  });

  it('delivers jobChanged events for a fax sent over RPC, as text/event-stream', async () => {
    const abort = new AbortController();
    const response = await fetch(`${t.server.url}/events?token=${encodeURIComponent(t.server.token)}`, { signal: abort.signal });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = response.body!.getReader();
    const buffer = { text: '' };

    const staged = await t.rpc('stageDocument', textDocument());
    const sent = await t.rpc('sendFax', { to: DELIVERS, documentIds: [staged.json.result.documentId] });
    expect(sent.status).toBe(200);
    const jobId = sent.json.result.id;

    const delivered = await nextEvent(
      reader,
      buffer,
      (e) => e.event === 'jobChanged' && JSON.parse(e.data).id === jobId && JSON.parse(e.data).status === 'delivered',
    );
    expect(JSON.parse(delivered.data).to).toBe('+12025550143');
    abort.abort();
  });

  it('accepts the token as a Bearer header too', async () => {
    const abort = new AbortController();
    const response = await fetch(`${t.server.url}/events`, {
      headers: { Authorization: `Bearer ${t.server.token}` },
      signal: abort.signal,
    });
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toMatch(/^: /);
    abort.abort();
  });

  it('removes the engine listener when the browser disconnects', async () => {
    await vi.waitFor(() => expect(engineListeners).toBe(0));
    const streams = [new AbortController(), new AbortController()];
    for (const abort of streams) {
      const response = await fetch(`${t.server.url}/events?token=${t.server.token}`, { signal: abort.signal });
      await response.body!.getReader().read();
    }
    expect(t.server.openEventStreams).toBe(2);
    expect(engineListeners).toBe(2);
    for (const abort of streams) abort.abort();
    await vi.waitFor(() => {
      expect(t.server.openEventStreams).toBe(0);
      expect(engineListeners).toBe(0);
    });
  });

  it('refuses anything but GET on /events', async () => {
    const response = await fetch(`${t.server.url}/events?token=${t.server.token}`, { method: 'POST' });
    expect(response.status).toBe(405);
    expect(engineListeners).toBe(0);
  });

  it('keeps an idle stream alive with ": ping" comments', async () => {
    const other = await startTestServer({ server: { eventPingMs: 20 } });
    const abort = new AbortController();
    try {
      const response = await fetch(`${other.server.url}/events?token=${other.server.token}`, { signal: abort.signal });
      const reader = response.body!.getReader();
      const decoder = new TextDecoder();
      let text = '';
      while (!text.includes(': ping\n\n')) text += decoder.decode((await reader.read()).value, { stream: true });
      expect(text).toMatch(/^: connected\n\n/);
    } finally {
      abort.abort();
      await other.close();
    }
  });

  it('ends open streams when the server closes', async () => {
    const other = await startTestServer();
    const response = await fetch(`${other.server.url}/events?token=${other.server.token}`);
    const reader = response.body!.getReader();
    await reader.read();
    await other.close();
    // The stream ends (done, or the connection is cut) instead of hanging.
    const ended = await reader.read().then(
      (r) => r.done,
      () => true,
    );
    expect(ended).toBe(true);
  });
});
