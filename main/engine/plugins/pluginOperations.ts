// The plugin operations of the shared contract this folder answers: list, save, backups,
// restore. Each change is audited by name only and announced with pluginsChanged; no
// result, event or log line carries a secret (views say only set/unset).
import type { EventName, EventPayload, OperationArgs, OperationResult } from '../../../shared/contract';
import type { PluginSlots } from '../../../shared/plugins';
import type { AuditLog } from '../audit';
import type { Logger } from '../log';
import type { PluginCatalog } from './pluginCatalog';

export interface PluginOperationDeps {
  catalog: PluginCatalog;
  /** What fills each slot in the running engine now (the applying part swaps them). */
  activeSlots: () => PluginSlots;
  emit: <N extends EventName>(event: N, payload: EventPayload<N>) => void;
  auditLog?: AuditLog;
  logger: Logger;
}

type PluginOperationName = 'listPlugins' | 'savePluginConfig' | 'listConfigBackups' | 'restoreConfigBackup';
export type PluginOperations = { [N in PluginOperationName]: (args: OperationArgs<N>) => Promise<OperationResult<N>> };

export function createPluginOperations(deps: PluginOperationDeps): PluginOperations {
  const { catalog } = deps;
  const changed = (what: string) => {
    deps.auditLog?.recordForCaller({ action: 'settings_changed', details: { changed: [what] } });
    const overview = catalog.overview(deps.activeSlots());
    deps.emit('pluginsChanged', overview);
    return overview;
  };

  return {
    async listPlugins() {
      return catalog.overview(deps.activeSlots());
    },

    async savePluginConfig(change) {
      catalog.save(change);
      // Field names only: which secrets changed is fine to log, their values never.
      deps.logger.info('plugin settings saved', {
        plugin: change.id,
        fields: Object.keys(change.settings),
        secretsChanged: Object.keys(change.secrets ?? {}),
      });
      changed(`plugin:${change.id}`);
      return catalog.view(change.id, deps.activeSlots());
    },

    async listConfigBackups() {
      return catalog.store.backups();
    },

    async restoreConfigBackup({ id }) {
      catalog.store.restore(id);
      deps.logger.info('plugin configuration restored from a backup', { backup: id });
      return changed(`plugin-config:${id}`);
    },
  };
}
