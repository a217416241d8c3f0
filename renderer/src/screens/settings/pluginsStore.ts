// Settings → Plugins: the engine's plugin overview (kept current by pluginsChanged), and per
// plugin what the last Save, Test or Apply said. Apply answers patient-data warnings first;
// they wait here until the person says "Apply anyway" or cancels.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { FaxbotApi } from '../../../../shared/contract';
import type { ConfigBackup, PluginSlot, PluginTestResult, PluginView, PluginsOverview } from '../../../../shared/plugins';
import { errorSentence, fieldMessages } from '../../bridge';

export type PluginChange = { settings: Record<string, unknown>; secrets: Record<string, string | null> };
export type SlotChoice = Partial<Record<PluginSlot, string>>;

export interface PluginOutcome {
  busy: 'saving' | 'testing' | 'applying' | null;
  test: PluginTestResult | null;
  /** "Saved." / "Applied." after the last action went through. */
  note: string | null;
  /** Why the last action failed, in words. */
  error: string | null;
  /** The engine's messages per settings field, from a refused save. */
  fieldErrors: Record<string, string>;
}

export interface PendingApply {
  pluginId: string;
  choice: SlotChoice;
  warnings: string[];
}

export interface PluginsState {
  overview: PluginsOverview | null;
  loadError: string | null;
  outcomes: Record<string, PluginOutcome>;
  pendingApply: PendingApply | null;
  backups: ConfigBackup[] | null;
  backupsError: string | null;
  restoring: boolean;
  restoreNote: string | null;
  importError: string | null;
  importNote: string | null;
  load(): Promise<void>;
  apply(overview: PluginsOverview): void;
  save(id: string, change: PluginChange): Promise<boolean>;
  test(id: string, change: PluginChange): Promise<void>;
  applySlots(id: string, choice: SlotChoice): Promise<void>;
  confirmApply(): Promise<void>;
  cancelApply(): void;
  loadBackups(): Promise<void>;
  restore(backupId: string): Promise<boolean>;
  importManifest(text: string): Promise<boolean>;
  removeManifest(id: string): Promise<void>;
}

export type PluginsStore = StoreApi<PluginsState>;

const NO_OUTCOME: PluginOutcome = { busy: null, test: null, note: null, error: null, fieldErrors: {} };
const NO_FIELD_ERRORS: Record<string, string> = {};

/** The engine names fields as `apiKey`, `phaxio.apiKey`, `settings.apiKey` or `/apiKey`; the form knows them by the last part. */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  return fieldMessages(error, (path) => path.split(/[./]/).pop() || path);
}

export function outcomeOf(state: Pick<PluginsState, 'outcomes'>, id: string): PluginOutcome {
  return state.outcomes[id] ?? NO_OUTCOME;
}

export function createPluginsStore(api: FaxbotApi): PluginsStore {
  return createStore<PluginsState>()((set, get) => {
    const patch = (id: string, change: Partial<PluginOutcome>) =>
      set((s) => ({ outcomes: { ...s.outcomes, [id]: { ...outcomeOf(s, id), ...change } } }));
    const replaceView = (view: PluginView) =>
      set((s) =>
        s.overview
          ? { overview: { ...s.overview, plugins: s.overview.plugins.map((p) => (p.manifest.id === view.manifest.id ? view : p)) } }
          : {},
      );

    async function runApply(id: string, choice: SlotChoice, acknowledgeWarnings: boolean): Promise<void> {
      patch(id, { busy: 'applying', error: null, note: null });
      set({ pendingApply: null });
      try {
        const result = await api.applyPlugins({ ...choice, acknowledgeWarnings });
        if (!result.applied && result.warnings.length > 0) {
          set({ pendingApply: { pluginId: id, choice, warnings: result.warnings } });
          patch(id, { busy: null });
          return;
        }
        set((s) => (s.overview ? { overview: { ...s.overview, slots: result.slots } } : {}));
        patch(id, {
          busy: null,
          note: result.applied ? 'Applied. New faxes use it now; faxes already sending finish as they started.' : 'Nothing changed.',
        });
        void get().load();
      } catch (error) {
        patch(id, { busy: null, error: errorSentence(error) });
      }
    }

    return {
      overview: null,
      loadError: null,
      outcomes: {},
      pendingApply: null,
      backups: null,
      backupsError: null,
      restoring: false,
      restoreNote: null,
      importError: null,
      importNote: null,
      async load() {
        try {
          set({ overview: await api.listPlugins({}), loadError: null });
        } catch (error) {
          set({ loadError: errorSentence(error) });
        }
      },
      apply: (overview) => set({ overview }),
      async save(id, change) {
        patch(id, { busy: 'saving', error: null, note: null, fieldErrors: NO_FIELD_ERRORS });
        try {
          const view = await api.savePluginConfig({ id, settings: change.settings, secrets: change.secrets });
          replaceView(view);
          patch(id, { busy: null, note: 'Saved.' });
          return true;
        } catch (error) {
          patch(id, { busy: null, error: errorSentence(error), fieldErrors: fieldErrorsOf(error) });
          return false;
        }
      },
      async test(id, change) {
        patch(id, { busy: 'testing', test: null, error: null, note: null });
        try {
          patch(id, { busy: null, test: await api.testPlugin({ id, settings: change.settings, secrets: change.secrets }) });
        } catch (error) {
          // A refused request (bad values) is a failed test too, with the fields marked.
          patch(id, {
            busy: null,
            test: { ok: false, message: errorSentence(error), checkedAt: new Date().toISOString() },
            fieldErrors: fieldErrorsOf(error),
          });
        }
      },
      applySlots: (id, choice) => runApply(id, choice, false),
      async confirmApply() {
        const pending = get().pendingApply;
        if (pending) await runApply(pending.pluginId, pending.choice, true);
      },
      cancelApply: () => set({ pendingApply: null }),
      async loadBackups() {
        try {
          set({ backups: await api.listConfigBackups({}), backupsError: null });
        } catch (error) {
          set({ backupsError: errorSentence(error) });
        }
      },
      async restore(backupId) {
        set({ restoring: true, backupsError: null, restoreNote: null });
        try {
          const overview = await api.restoreConfigBackup({ id: backupId });
          set({ overview, restoreNote: 'Restored the earlier settings.' });
          void get().loadBackups();
          return true;
        } catch (error) {
          set({ backupsError: errorSentence(error) });
          return false;
        } finally {
          set({ restoring: false });
        }
      },
      async importManifest(text) {
        set({ importError: null, importNote: null });
        let manifest: unknown;
        try {
          manifest = JSON.parse(text);
        } catch {
          set({ importError: 'That file is not JSON. Choose the provider’s manifest file (a .json file).' });
          return false;
        }
        try {
          const view = await api.importPluginManifest({ manifest });
          set({ importNote: `Added ${view.manifest.name}. Set it up below, then Test and Apply.` });
          void get().load();
          return true;
        } catch (error) {
          set({ importError: errorSentence(error) });
          return false;
        }
      },
      async removeManifest(id) {
        patch(id, { busy: 'saving', error: null, note: null });
        try {
          await api.removePluginManifest({ id });
          patch(id, { busy: null });
          await get().load();
        } catch (error) {
          patch(id, { busy: null, error: errorSentence(error) });
        }
      },
    };
  });
}
