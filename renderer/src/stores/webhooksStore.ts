// Settings → Webhooks and the status line's webhook words: the listener's health as the
// engine announces it, the public URL form, and the self-test's last answer.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { FaxbotApi } from '../../../shared/contract';
import type { WebhookHealth, WebhookSelfTestResult } from '../../../shared/webhooks';
import { errorSentence } from '../bridge';

export interface WebhooksState {
  health: WebhookHealth | null;
  loadError: string | null;
  busy: boolean;
  /** The self-test's answer in words, until the next test. */
  testResult: WebhookSelfTestResult | null;
  /** Why the public URL was refused, in words. */
  urlError: string | null;
  load(): Promise<void>;
  apply(health: WebhookHealth): void;
  test(): Promise<void>;
  setPublicUrl(url: string | null): Promise<boolean>;
}

export type WebhooksStore = StoreApi<WebhooksState>;

export function createWebhooksStore(api: FaxbotApi): WebhooksStore {
  return createStore<WebhooksState>()((set) => ({
    health: null,
    loadError: null,
    busy: false,
    testResult: null,
    urlError: null,
    async load() {
      try {
        set({ health: await api.getWebhookHealth({}), loadError: null });
      } catch (error) {
        set({ loadError: errorSentence(error) });
      }
    },
    apply: (health) => set({ health }),
    async test() {
      set({ busy: true, testResult: null });
      try {
        set({ testResult: await api.testWebhook({}) });
      } catch (error) {
        set({ testResult: { ok: false, message: errorSentence(error) } });
      } finally {
        set({ busy: false });
      }
    },
    async setPublicUrl(url) {
      set({ busy: true, urlError: null });
      try {
        set({ health: await api.setWebhookPublicUrl({ publicUrl: url }) });
        return true;
      } catch (error) {
        set({ urlError: errorSentence(error) });
        return false;
      } finally {
        set({ busy: false });
      }
    },
  }));
}

/** The status line's words for webhooks (UX.md: "webhook ok · tunnel up"), or null when silent. */
export function webhookWords(health: WebhookHealth | null): { tone: 'ok' | 'problem'; text: string } | null {
  if (!health) return null;
  if (!health.listening) return { tone: 'problem', text: 'webhooks not listening — status is polled' };
  if (health.tunnel.state === 'failed') return { tone: 'problem', text: 'tunnel down — status is polled' };
  if (!health.publicUrl) return { tone: 'ok', text: 'no public URL — status is polled' };
  if (health.lastSelfTest && !health.lastSelfTest.ok) return { tone: 'problem', text: 'webhook test failed' };
  return { tone: 'ok', text: health.tunnel.state === 'up' ? 'webhook ok · tunnel up' : 'webhook ok' };
}
