// General settings: the saved values, and field errors from the engine when a save is refused.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { FaxbotApi } from '../../../shared/contract';
import type { Settings } from '../../../shared/model';
import { errorSentence, fieldMessages } from '../bridge';

export interface SettingsState {
  settings: Settings | null;
  loadError: string | null;
  saving: boolean;
  /** Per-field messages, keyed by setting name. */
  fieldErrors: Record<string, string>;
  saveError: string | null;
  savedAt: number | null;
  load(): Promise<void>;
  apply(settings: Settings): void;
  save(patch: Partial<Settings>): Promise<boolean>;
}

export type SettingsStore = StoreApi<SettingsState>;

/** Used until the engine answers, so the number field can already work. */
export const FALLBACK_COUNTRY = 'US';

export function createSettingsStore(api: FaxbotApi): SettingsStore {
  return createStore<SettingsState>()((set) => ({
    settings: null,
    loadError: null,
    saving: false,
    fieldErrors: {},
    saveError: null,
    savedAt: null,
    async load() {
      try {
        set({ settings: await api.getSettings({}), loadError: null });
      } catch (error) {
        set({ loadError: errorSentence(error) });
      }
    },
    apply: (settings) => set({ settings }),
    async save(patch) {
      set({ saving: true, fieldErrors: {}, saveError: null });
      try {
        const settings = await api.updateSettings(patch);
        set({ settings, saving: false, savedAt: Date.now() });
        return true;
      } catch (error) {
        set({ saving: false, fieldErrors: fieldMessages(error), saveError: errorSentence(error) });
        return false;
      }
    },
  }));
}
