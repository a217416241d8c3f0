// Settings → Plugins: which plugin fills each slot, a card per plugin with its settings form,
// Test, Save and Apply, backups of the config file, and (with FEATURE_PLUGIN_INSTALL) manifest
// import. Follows pluginsChanged, so a save from another window or the REST API shows at once.
import { useEffect, useState } from 'react';
import { useDesk, useSlice } from '../../deskContext';
import { PluginsBackups } from './PluginsBackups';
import { PluginsCard } from './PluginsCard';
import { PluginsConfirmDialog } from './PluginsConfirmDialog';
import { PluginsImport } from './PluginsImport';
import { PluginsSlots, pluginName } from './PluginsSlots';
import { createPluginsStore, type PluginsStore } from './pluginsStore';

function ApplyWarnings({ store }: { store: PluginsStore }) {
  const pending = useSlice(store, (s) => s.pendingApply);
  const overview = useSlice(store, (s) => s.overview);
  if (!pending || !overview) return null;
  return (
    <PluginsConfirmDialog
      title={`Apply ${pluginName(overview, pending.pluginId)}?`}
      confirmLabel="Apply anyway"
      onConfirm={() => void store.getState().confirmApply()}
      onCancel={() => store.getState().cancelApply()}
    >
      <p>This changes how patient documents are handled:</p>
      <ul>
        {pending.warnings.map((warning) => (
          <li key={warning}>{warning}</li>
        ))}
      </ul>
    </PluginsConfirmDialog>
  );
}

export function PluginsSettings({ visible }: { visible: boolean }) {
  const desk = useDesk();
  const [store] = useState(() => createPluginsStore(desk.api));
  const overview = useSlice(store, (s) => s.overview);
  const loadError = useSlice(store, (s) => s.loadError);

  useEffect(() => desk.api.on('pluginsChanged', (next) => store.getState().apply(next)), [desk, store]);
  useEffect(() => {
    if (visible) void store.getState().load();
  }, [store, visible]);
  // The status line names the sending provider: read it again when the slots change.
  const outbound = overview?.slots.outbound;
  useEffect(() => {
    if (outbound) void desk.status.getState().load();
  }, [desk, outbound]);

  if (!overview) {
    return loadError ? (
      <p className="form-error" role="alert">
        Plugins could not be loaded: {loadError}
      </p>
    ) : (
      <p role="status">Loading plugins…</p>
    );
  }
  return (
    <div className="plugins-settings">
      {overview.registry.problem && (
        <p className="plugin-registry-problem" role="alert">
          Using the built-in list: {overview.registry.problem}
        </p>
      )}
      {overview.configProblem && (
        <p className="plugin-registry-problem" role="alert">
          The plugin settings file needs attention: {overview.configProblem}
        </p>
      )}
      <PluginsSlots overview={overview} />
      <div className="plugin-cards">
        {overview.plugins.map((view) => (
          <PluginsCard key={view.manifest.id} store={store} view={view} overview={overview} />
        ))}
      </div>
      <PluginsBackups store={store} />
      {overview.pluginInstallEnabled && <PluginsImport store={store} />}
      <p className="hint">Saved in {overview.configPath}. Secrets are kept in the keychain, never in that file.</p>
      <ApplyWarnings store={store} />
    </div>
  );
}
