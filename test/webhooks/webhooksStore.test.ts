// The window's webhook store over either transport (the renderer's real HTTP bridge, the
// emulated desktop preload) to a real engine, and the status line's webhook words.
import { afterEach, describe, expect, it } from 'vitest';
import { startDeskEngine, TRANSPORTS, type DeskEngine } from '../renderer/deskEngine';
import { createWebhooksStore, statusLine, webhookWords } from '../../renderer/src/stores';
import type { WebhookHealth } from '../../shared/webhooks';
import type { EngineStatus } from '../../shared/model';

let running: DeskEngine | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

const health = (changes: Partial<WebhookHealth> = {}): WebhookHealth => ({
  listening: true,
  listenAddress: 'http://127.0.0.1:8081',
  publicUrl: 'https://desk.example.org',
  publicUrlLockedBy: null,
  publicUrlSource: 'setting',
  tunnel: { state: 'off', message: '' },
  providers: [],
  lastSelfTest: null,
  ...changes,
});

describe.each(TRANSPORTS)('webhooks store over %s', (transport) => {
  it('loads health, refuses a bad public URL in words, and runs the self-test', async () => {
    running = await startDeskEngine({ transport });
    const store = createWebhooksStore(running.api);
    await store.getState().load();
    expect(store.getState().health).toMatchObject({ publicUrl: null });

    expect(await store.getState().setPublicUrl('ftp://nope.example.org')).toBe(false);
    expect(store.getState().urlError).toMatch(/full address/);
    expect(store.getState().health?.publicUrl).toBeNull();

    await store.getState().test();
    expect(store.getState().testResult).toMatchObject({ ok: false, message: expect.stringMatching(/No public URL is set/) });
    expect(store.getState().busy).toBe(false);
  });
});

describe('status line words', () => {
  const phaxio = { provider: 'phaxio', providerLabel: 'Phaxio' } as EngineStatus;

  it.each([
    [health({ tunnel: { state: 'up', message: '' }, publicUrlSource: 'tunnel' }), 'ok', 'Phaxio · ready · webhook ok · tunnel up'],
    [health(), 'ok', 'Phaxio · ready · webhook ok'],
    [health({ publicUrl: null, publicUrlSource: 'none' }), 'ok', 'Phaxio · ready · no public URL — status is polled'],
    [health({ listening: false }), 'problem', 'Phaxio · ready · webhooks not listening — status is polled'],
    [health({ tunnel: { state: 'failed', message: 'x' }, publicUrl: null }), 'problem', 'Phaxio · ready · tunnel down — status is polled'],
    [health({ lastSelfTest: { at: '2026-11-25T14:00:00Z', ok: false, message: 'x' } }), 'problem', 'Phaxio · ready · webhook test failed'],
  ] as const)('says %#', (h, tone, text) => {
    expect(statusLine({ status: phaxio, error: null }, h)).toEqual({ tone, text });
  });

  it('stays quiet about webhooks for the simulator and before health is known', () => {
    expect(
      statusLine(
        { status: { provider: 'simulator', providerLabel: 'Simulator' } as EngineStatus, error: null },
        health({ listening: false }),
      ),
    ).toEqual({ tone: 'waiting', text: 'Practice mode — faxes are not really sent' });
    expect(webhookWords(null)).toBeNull();
  });
});
