// The contract operations importPluginManifest and removePluginManifest. Importing is off
// unless FEATURE_PLUGIN_INSTALL is on: a manifest decides where faxes (patient data) are sent.
import type { OperationArgs, OperationResult } from '../../../../shared/contract';
import { FaxError } from '../../../../shared/errors';
import type { PluginSlot } from '../../../../shared/plugins';
import { checkHttpManifest } from './manifestCheck';
import type { HttpManifestStore } from './manifestStore';

export interface HttpManifestOperationDeps {
  env: Readonly<Record<string, string | undefined>>;
  store: HttpManifestStore;
  /** Ids of the plugins built into Faxbot: an import may not take one. */
  builtinIds: () => readonly string[];
  /** The slots a plugin fills now or is set to fill in the config file. */
  slotsOf: (id: string) => PluginSlot[];
  /** The plugin as the Plugins tab shows it (the catalog's view), after the change. */
  view: (id: string) => OperationResult<'importPluginManifest'>;
  /** Forget what was saved for a removed plugin (settings, sealed secrets). */
  forget?: (id: string) => void;
  /** Tell the windows (pluginsChanged) and the audit log. */
  changed?: (what: { action: 'imported' | 'removed'; id: string }) => void;
}

/** FEATURE_PLUGIN_INSTALL=1|true (yes/on too) turns importing on. */
export function pluginInstallEnabled(env: Readonly<Record<string, string | undefined>>): boolean {
  return ['1', 'true', 'yes', 'on'].includes((env.FEATURE_PLUGIN_INSTALL ?? '').trim().toLowerCase());
}

export function createHttpManifestOperations(deps: HttpManifestOperationDeps) {
  return {
    async importPluginManifest({ manifest: raw }: OperationArgs<'importPluginManifest'>): Promise<OperationResult<'importPluginManifest'>> {
      if (!pluginInstallEnabled(deps.env)) {
        throw new FaxError(
          'feature_off',
          'Adding fax services from a manifest is turned off. To turn it on, start Faxbot with FEATURE_PLUGIN_INSTALL=true (an administrator decision: the service will receive your faxes).',
        );
      }
      // The clash first: it is the clearer message when a manifest copies a built-in's id.
      const id = (raw as { id?: unknown } | null)?.id;
      if (typeof id === 'string' && deps.builtinIds().includes(id)) {
        throw new FaxError('invalid_input', `The id "${id}" belongs to a plugin built into Faxbot: give the manifest another id.`, {
          field: 'id',
          fields: { id: 'is the id of a built-in plugin' },
        });
      }
      const manifest = checkHttpManifest(raw);
      deps.store.save(manifest);
      deps.changed?.({ action: 'imported', id: manifest.id });
      return deps.view(manifest.id);
    },

    async removePluginManifest({ id }: OperationArgs<'removePluginManifest'>): Promise<OperationResult<'removePluginManifest'>> {
      if (deps.builtinIds().includes(id))
        throw new FaxError('wrong_state', `${id} is built into Faxbot and cannot be removed.`, { field: 'id' });
      if (!deps.store.has(id))
        throw new FaxError('not_found', `There is no imported provider "${id}". Refresh Settings → Plugins.`, { field: 'id' });
      const slots = deps.slotsOf(id);
      if (slots.length > 0) {
        throw new FaxError(
          'wrong_state',
          `${id} is the ${slots.join(' and ')} provider: choose another provider for ${slots.length > 1 ? 'those slots' : 'that slot'} and apply, then remove it.`,
          { field: 'id' },
        );
      }
      deps.store.remove(id);
      deps.forget?.(id);
      deps.changed?.({ action: 'removed', id });
      return { ok: true };
    },
  };
}
