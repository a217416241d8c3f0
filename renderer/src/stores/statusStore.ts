// The engine's state for the status line: which provider, and whether it is reachable.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { FaxbotApi } from '../../../shared/contract';
import type { EngineStatus } from '../../../shared/model';
import type { WebhookHealth } from '../../../shared/webhooks';
import { webhookWords } from './webhooksStore';
import { errorSentence } from '../bridge';

export interface StatusState {
  status: EngineStatus | null;
  error: string | null;
  load(): Promise<void>;
}

export type StatusStore = StoreApi<StatusState>;

export type StatusLine = { tone: 'ok' | 'waiting' | 'problem'; text: string };

/** The status line in words: "● Simulator · ready", or what is wrong. */
export function statusLine(state: Pick<StatusState, 'status' | 'error'>, webhooks: WebhookHealth | null = null): StatusLine {
  if (state.error) return { tone: 'problem', text: `Faxbot engine not reachable — ${state.error}` };
  if (!state.status) return { tone: 'waiting', text: 'Connecting to Faxbot…' };
  const { provider, providerLabel, providerProblem, failedCheck } = state.status;
  // The simulator sends nothing anywhere: said plainly, with any real provider that failed its check.
  if (provider === 'simulator') {
    const practice = 'Practice mode — faxes are not really sent';
    if (failedCheck) return { tone: 'problem', text: `${practice} · ${failedCheck.name} failed its check: ${failedCheck.message}` };
    return { tone: 'waiting', text: practice };
  }
  if (providerProblem) return { tone: 'problem', text: providerProblem };
  const parts = [providerLabel || provider, 'ready'];
  const webhook = webhookWords(webhooks);
  if (webhook) parts.push(webhook.text);
  return { tone: webhook?.tone ?? 'ok', text: parts.join(' · ') };
}

export function createStatusStore(api: FaxbotApi): StatusStore {
  return createStore<StatusState>()((set) => ({
    status: null,
    error: null,
    async load() {
      try {
        set({ status: await api.getStatus({}), error: null });
      } catch (error) {
        set({ error: errorSentence(error) });
      }
    },
  }));
}
