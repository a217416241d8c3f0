// testPlugin and applyPlugins: checking a plugin with saved or unsaved settings, and swapping
// the plugins that fill the outbound, inbound and storage slots while the engine runs.
// Apply is all or nothing: every new plugin is built and passes its start-up check before
// anything changes; patient-data warnings come back first unless acknowledged.
import { FaxError } from '../../../shared/errors';
import { PLUGIN_SLOTS, type PluginManifest, type PluginSlot, type PluginSlots, type PluginView } from '../../../shared/plugins';
import type { OperationArgs, OperationResult } from '../../../shared/contract';
import type { StorageBackendName } from '../../../shared/storageMove';
import type { Logger } from '../log';
import type { ProviderPlugin } from '../providers';
import type { DocumentStore, StorageRouter } from '../storage';
import {
  closeDocumentStore,
  envFingerprint,
  isStoragePlugin,
  patientDataWarnings,
  storageRoundTrip,
  withTimeLimit,
  type PluginCheckOutcome,
  type PluginEnv,
  type ProviderSet,
} from './runtime';
import { envNameOf, isSecretField, secretFields } from './settingsSchema';

/** What apply needs from the plugin catalog (main/engine/plugins, PluginCatalog). */
export interface PluginDirectory {
  manifest(id: string): PluginManifest;
  /** Field-level problems with these settings (and secrets, absent = keep), or null. */
  validate(id: string, settings: Record<string, unknown>, secrets: Record<string, string | null>): Record<string, string> | null;
  /** The saved values by field, secrets included (engine use only: never returned to a window). */
  effectiveSettings(id: string): { settings: Record<string, unknown>; secrets: Record<string, string> };
  view(id: string, activeSlots: PluginSlots): PluginView;
  /** Slots fixed by the environment: slot → variable. */
  lockedSlots(): Partial<Record<PluginSlot, string>>;
}

export interface ApplyOperationDeps {
  catalog: PluginDirectory;
  /** A plugin's settings as environment variables, as the engine builds it (effectiveEnv over the process environment). */
  envOf: (id: string) => PluginEnv;
  /** What else a provider is built from besides its variables (an imported provider's settings). */
  settingsOf?: (id: string) => unknown;
  /** Saves the chosen slots (validated, atomic). */
  saveSlots: (slots: Partial<Record<PluginSlot, string>>) => void;
  /** Slots the config file names explicitly (an unnamed inbound follows outbound). */
  storedSlots: () => Partial<Record<PluginSlot, string>>;
  providers: ProviderSet;
  storage: StorageRouter;
  buildProvider: (id: string, env: PluginEnv) => ProviderPlugin;
  buildStore: (id: StorageBackendName, env: PluginEnv) => DocumentStore;
  check: (manifest: PluginManifest, env: PluginEnv) => Promise<PluginCheckOutcome>;
  timeoutMs: number;
  publicBase: () => string | null;
  everSentWith: (providerId: string) => boolean;
  onApplied: (slots: PluginSlots) => void;
  /** A plugin was checked (Test, or Apply's start-up check): the result is remembered and announced. */
  checked?: (pluginId: string, result: { ok: boolean; message: string; checkedAt: string }) => void;
  logger: Logger;
}

type Built = { provider: ProviderPlugin; fingerprint: string; name: string }[];

export function createApplyOperations(deps: ApplyOperationDeps) {
  const { catalog, providers, storage } = deps;
  const activeSlots = (): PluginSlots => ({ outbound: providers.outbound().id, inbound: providers.inbound().id, storage: storage.current });
  // One apply at a time: two windows pressing Apply must not interleave their swaps.
  let applying: Promise<unknown> = Promise.resolve();

  async function testPlugin({ id, settings, secrets }: OperationArgs<'testPlugin'>): Promise<OperationResult<'testPlugin'>> {
    const manifest = catalog.manifest(id);
    const view = catalog.view(id, activeSlots());
    const env: Record<string, string | undefined> = { ...deps.envOf(id) };
    if (settings !== undefined || secrets !== undefined) {
      for (const [field, value] of Object.entries(settings ?? {})) {
        const variable = view.locked[field];
        if (variable && JSON.stringify(value) !== JSON.stringify(view.settings[field])) {
          throw new FaxError(
            'locked_by_env',
            `${field} is fixed by the environment variable ${variable}: change or unset ${variable} to test another value.`,
            { field },
          );
        }
      }
      const secretNames = secretFields(manifest.settingsSchema);
      const strays = Object.keys(secrets ?? {}).filter((field) => !secretNames.includes(field));
      if (strays.length)
        throw new FaxError(
          'invalid_input',
          `${strays.join(', ')} ${strays.length === 1 ? 'is not a secret' : 'are not secrets'} of ${manifest.name}: send ${strays.length === 1 ? 'it' : 'them'} with the settings.`,
          { fields: Object.fromEntries(strays.map((field) => [field, 'Not a secret field.'])) },
        );
      // Secrets absent from the form keep their saved values (same rule as saving).
      const problems = catalog.validate(
        id,
        { ...view.settings, ...(settings ?? {}) },
        { ...catalog.effectiveSettings(id).secrets, ...(secrets ?? {}) },
      );
      if (problems)
        throw new FaxError(
          'invalid_input',
          `${manifest.name}'s settings are not complete: ${Object.entries(problems)
            .map(([field, why]) => `${field}: ${why}`)
            .join('; ')}.`,
          { fields: problems },
        );
      // Unsaved values are used for this check only, never stored.
      for (const field of Object.keys(manifest.settingsSchema.properties)) {
        const variable = envNameOf(manifest.settingsSchema, field);
        if (!variable || view.locked[field]) continue;
        if (isSecretField(manifest.settingsSchema, field)) {
          if (secrets && field in secrets) env[variable] = secrets[field] ?? undefined;
        } else if (settings && field in settings) {
          const value = settings[field];
          env[variable] = value === null || value === undefined || value === '' ? undefined : String(value);
        }
      }
    }
    const outcome = await deps.check(manifest, env);
    deps.logger.info('plugin tested', { plugin: id, ok: outcome.ok });
    const result = { ...outcome, checkedAt: new Date().toISOString() };
    deps.checked?.(id, result);
    return result;
  }

  /** The slots asked for, checked: known, right kind, configured, not fixed by the environment. */
  function chooseSlots(
    request: OperationArgs<'applyPlugins'>,
    current: PluginSlots,
  ): { next: PluginSlots; save: Partial<Record<PluginSlot, string>> } {
    const locked: Partial<Record<PluginSlot, string>> = catalog.lockedSlots();
    const next = { ...current };
    const save: Partial<Record<PluginSlot, string>> = {};
    for (const slot of PLUGIN_SLOTS) {
      const id = request[slot];
      if (id === undefined) continue;
      const variable = locked[slot];
      if (variable && id !== current[slot])
        throw new FaxError(
          'locked_by_env',
          `The ${slot} plugin is fixed by the environment variable ${variable} (${current[slot]}): change or unset ${variable} and restart Faxbot to choose another.`,
          { field: slot },
        );
      const manifest = catalog.manifest(id);
      if (!manifest.kinds.includes(slot))
        throw new FaxError(
          'invalid_input',
          `${manifest.name} cannot fill the ${slot} slot: it is a plugin for ${manifest.kinds.join(' and ')}.`,
          { field: slot },
        );
      const view = catalog.view(id, current);
      if (view.status === 'needs_attention' || view.status === 'available') {
        const why = view.problems.length ? view.problems.join(' ') : 'its settings are not filled in.';
        throw new FaxError(
          'invalid_input',
          `${manifest.name} is not ready to use: ${why} Complete its settings in Settings → Plugins and save them first.`,
          { field: slot },
        );
      }
      next[slot] = id;
      if (slot === 'storage' && !variable) save.storage = id;
    }
    // Inbound defaults to the outbound provider: unless chosen on its own, it follows.
    const inboundFollows =
      request.inbound === undefined &&
      !deps.storedSlots().inbound &&
      !locked.inbound &&
      request.outbound !== undefined &&
      catalog.manifest(next.outbound).kinds.includes('inbound');
    if (inboundFollows) next.inbound = next.outbound;
    if (request.outbound !== undefined || request.inbound !== undefined) {
      // Both named in the file, so a restart cannot derive one from the other differently
      // (an unnamed outbound follows the inbound there); a following inbound stays unnamed.
      if (!locked.outbound) save.outbound = next.outbound;
      if (!locked.inbound && !inboundFollows) save.inbound = next.inbound;
    }
    return { next, save };
  }

  async function startupCheck(provider: ProviderPlugin, name: string): Promise<void> {
    if (!provider.testConnection) return;
    await withTimeLimit(provider.testConnection(), deps.timeoutMs, name);
  }

  async function apply(request: OperationArgs<'applyPlugins'>): Promise<OperationResult<'applyPlugins'>> {
    const current = activeSlots();
    const { next, save } = chooseSlots(request, current);
    const warnings = patientDataWarnings({
      current,
      next,
      manifest: (id) => catalog.manifest(id),
      publicBase: deps.publicBase(),
      everSentWith: deps.everSentWith,
    });
    if (warnings.length > 0 && !request.acknowledgeWarnings) return { applied: false, warnings, slots: current };

    const built: Built = [];
    let store: DocumentStore | null = null;
    const discard = async () => {
      await Promise.all(built.map(({ provider }) => provider.stop().catch(() => undefined)));
      if (store) closeDocumentStore(store);
    };
    try {
      for (const id of new Set([next.outbound, next.inbound])) {
        const env = deps.envOf(id);
        const fingerprint = envFingerprint(env, deps.settingsOf?.(id) ?? null);
        if (providers.runs(id, fingerprint)) continue;
        const name = catalog.manifest(id).name;
        built.push({ provider: deps.buildProvider(id, env), fingerprint, name });
      }
      const storageChanges = next.storage !== current.storage || (request.storage !== undefined && next.storage !== 'local');
      if (storageChanges && isStoragePlugin(next.storage)) store = deps.buildStore(next.storage, deps.envOf(next.storage));
      for (const { provider, name } of built) {
        try {
          await checkOrExplain(() => startupCheck(provider, name), name);
          deps.checked?.(provider.id, { ok: true, message: `${name} passed its start-up check.`, checkedAt: new Date().toISOString() });
        } catch (error) {
          deps.checked?.(provider.id, { ok: false, message: (error as Error).message, checkedAt: new Date().toISOString() });
          throw error;
        }
      }
      if (store)
        await checkOrExplain(
          () => withTimeLimit(storageRoundTrip(store!), deps.timeoutMs, catalog.manifest(next.storage).name),
          catalog.manifest(next.storage).name,
        );
    } catch (error) {
      await discard();
      throw error;
    }
    // Started only once every check passed, and saved before anything is swapped: a start or
    // a save that fails leaves the running set and the file as they were.
    try {
      for (const { provider } of built) await providers.start(provider);
      if (Object.keys(save).length > 0) deps.saveSlots(save);
    } catch (error) {
      await discard();
      throw error;
    }
    for (const { provider, fingerprint } of built) providers.adopt(provider, fingerprint);
    providers.assign({ outbound: next.outbound, inbound: next.inbound });
    if (next.storage !== current.storage || store) storage.switchCurrent(next.storage as StorageBackendName, store ?? undefined);
    const slots = activeSlots();
    deps.logger.info('plugins applied', { ...slots });
    deps.onApplied(slots);
    return { applied: true, warnings, slots };
  }

  return {
    testPlugin,
    applyPlugins(request: OperationArgs<'applyPlugins'>): Promise<OperationResult<'applyPlugins'>> {
      const work = applying.then(() => apply(request));
      applying = work.catch(() => undefined);
      return work;
    },
  };
}

/** A failed start-up check becomes the reason nothing changed, in words. */
async function checkOrExplain(run: () => Promise<unknown>, name: string): Promise<void> {
  try {
    await run();
  } catch (error) {
    const info = error instanceof FaxError ? error : new FaxError('provider_error', String((error as Error)?.message ?? error));
    throw new FaxError(info.code, `Nothing was changed: ${name} did not pass its start-up check. ${info.message}`, { field: info.field });
  }
}
