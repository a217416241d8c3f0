// The webhook operations and event through the real engine.
import { afterEach, describe, expect, it } from 'vitest';
import { startEngine, type Harness } from '../support/engineHarness';
import type { WebhookHealth } from '../../shared/webhooks';
import { operations } from '../../shared/contract';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('engine webhooks', () => {
  it('starts the listener, answers its health, runs the self-test and announces the change', async () => {
    h = await startEngine({ webhookPort: 0 });
    const health = await h.engine.call('getWebhookHealth', {});
    expect(operations.getWebhookHealth.output.parse(health)).toEqual(health);
    expect(health).toMatchObject({ listening: true, publicUrl: null, publicUrlSource: 'none', tunnel: { state: 'off' } });
    expect(health.providers.map((p) => p.providerId)).toEqual(['simulator']);

    const pushed = new Promise<WebhookHealth>((resolve) =>
      h!.engine.on((event, payload) => event === 'webhookHealth' && resolve(payload as WebhookHealth)),
    );
    await h.engine.call('setWebhookPublicUrl', { publicUrl: health.listenAddress });
    const result = await h.engine.call('testWebhook', {});
    expect(result).toMatchObject({ ok: true });
    expect((await pushed).publicUrl).toBe(health.listenAddress);
    expect((await h.engine.call('getWebhookHealth', {})).lastSelfTest).toMatchObject({ ok: true });
  });

  it('closes the listener with the engine', async () => {
    h = await startEngine({ webhookPort: 0 });
    const { listenAddress } = await h.engine.call('getWebhookHealth', {});
    await h.close();
    h = undefined;
    await expect(fetch(`${listenAddress}/x`, { method: 'POST' })).rejects.toThrow();
  });

  it('keeps running, with status polled, when the webhook port is taken', async () => {
    const first = await startEngine({ webhookPort: 0 });
    try {
      const port = Number(new URL((await first.engine.call('getWebhookHealth', {})).listenAddress!).port);
      h = await startEngine({ webhookPort: port });
      const health = await h.engine.call('getWebhookHealth', {});
      expect(health.listening).toBe(false);
      const result = await h.engine.call('testWebhook', {});
      expect(result.ok).toBe(false);
      expect(result.message).toMatch(/FAXBOT_WEBHOOK_PORT/);
    } finally {
      await first.close();
    }
  });

  it('refuses a bad public URL at the contract', () => {
    expect(operations.setWebhookPublicUrl.input.safeParse({ publicUrl: 'file:///etc/passwd' }).success).toBe(false);
    expect(operations.setWebhookPublicUrl.input.safeParse({ publicUrl: null }).success).toBe(true);
  });
});
