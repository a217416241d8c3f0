// Settings → API keys: whether the REST API answers, and the keys other programs use.
// A key's secret arrives once (creation or rotation) and lives only in `revealed` until the
// person dismisses the panel; nothing here persists it, so it is never written anywhere.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { FaxbotApi } from '../../../shared/contract';
import type { ApiKeyInfo, ApiScope, ApiSettings } from '../../../shared/apiKeys';
import { errorSentence, fieldMessages } from '../bridge';

/** New keys start with what most programs need: send, and follow what they sent. */
export const DEFAULT_KEY_SCOPES: readonly ApiScope[] = ['fax:send', 'fax:read'];

export interface RevealedSecret {
  key: ApiKeyInfo;
  secret: string;
  /** Whether the key is new, or an existing key got a new secret. */
  reason: 'created' | 'rotated';
}

export interface ApiKeysState {
  api: ApiSettings | null;
  loadError: string | null;
  /** A toggle, creation, rotation or revocation is waiting for the engine. */
  busy: boolean;
  /** Messages for the New key form, keyed by field ("name", "scopes"). */
  fieldErrors: Record<string, string>;
  /** Why the last action was refused, in words. */
  actionError: string | null;
  /** The one-time secret, until dismissSecret. */
  revealed: RevealedSecret | null;
  load(): Promise<void>;
  toggle(enabled: boolean): Promise<boolean>;
  create(input: { name: string; scopes: ApiScope[] }): Promise<boolean>;
  revoke(keyId: string): Promise<boolean>;
  rotate(keyId: string): Promise<boolean>;
  dismissSecret(): void;
  /** Forgets the New key form's messages when the form is closed. */
  clearFieldErrors(): void;
}

export type ApiKeysStore = StoreApi<ApiKeysState>;

/** Keys in use first (newest first), then revoked ones. */
export function keysInOrder(keys: readonly ApiKeyInfo[]): ApiKeyInfo[] {
  return [...keys].sort(
    (a, b) =>
      Number(a.revokedAt !== null) - Number(b.revokedAt !== null) ||
      Date.parse(b.createdAt) - Date.parse(a.createdAt) ||
      a.keyId.localeCompare(b.keyId),
  );
}

/** Field errors by form field: the engine names list items as "scopes.0", the form has one "scopes". */
const formFieldErrors = (error: unknown) => fieldMessages(error, (path) => path.split('.')[0]);

function withKey(api: ApiSettings | null, key: ApiKeyInfo): ApiSettings | null {
  if (!api) return api;
  const others = api.keys.filter((k) => k.keyId !== key.keyId);
  return { ...api, keys: [...others, key] };
}

export function createApiKeysStore(api: FaxbotApi): ApiKeysStore {
  return createStore<ApiKeysState>()((set, get) => {
    /** Runs one action: busy while it runs, its refusal in words after. */
    async function act(run: () => Promise<void>, onError?: (error: unknown) => void): Promise<boolean> {
      set({ busy: true, actionError: null });
      try {
        await run();
        set({ busy: false });
        return true;
      } catch (error) {
        set({ busy: false, actionError: errorSentence(error) });
        onError?.(error);
        return false;
      }
    }

    return {
      api: null,
      loadError: null,
      busy: false,
      fieldErrors: {},
      actionError: null,
      revealed: null,
      async load() {
        try {
          set({ api: await api.getApiSettings({}), loadError: null });
        } catch (error) {
          set({ loadError: errorSentence(error) });
        }
      },
      toggle(enabled) {
        return act(async () => set({ api: await api.setApiEnabled({ enabled }) }));
      },
      create(input) {
        set({ fieldErrors: {} });
        return act(
          async () => {
            const created = await api.createApiKey({ name: input.name, scopes: input.scopes });
            set((state) => ({ api: withKey(state.api, created.key), revealed: { ...created, reason: 'created' } }));
          },
          (error) => {
            const fieldErrors = formFieldErrors(error);
            // Messages about fields show under those fields, not again as a sentence about the request.
            if (Object.keys(fieldErrors).length > 0) set({ fieldErrors, actionError: null });
          },
        );
      },
      revoke(keyId) {
        return act(async () => {
          const key = await api.revokeApiKey({ keyId });
          // A secret still on screen for this key no longer works: take it away.
          set((state) => ({ api: withKey(state.api, key), revealed: state.revealed?.key.keyId === keyId ? null : state.revealed }));
        });
      },
      rotate(keyId) {
        return act(async () => {
          const rotated = await api.rotateApiKey({ keyId });
          set((state) => ({ api: withKey(state.api, rotated.key), revealed: { ...rotated, reason: 'rotated' } }));
        });
      },
      dismissSecret() {
        if (get().revealed) set({ revealed: null });
      },
      clearFieldErrors() {
        set({ fieldErrors: {}, actionError: null });
      },
    };
  });
}
