// Restore backup: the kept earlier versions of the plugin config file, newest first, each
// with its date; restoring one asks first, since it replaces every plugin's saved settings.
import { useState } from 'react';
import type { ConfigBackup } from '../../../../shared/plugins';
import { useSlice } from '../../deskContext';
import { PluginsConfirmDialog } from './PluginsConfirmDialog';
import type { PluginsStore } from './pluginsStore';

const whenFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const when = (backup: ConfigBackup) => whenFormat.format(new Date(backup.at));

export function PluginsBackups({ store }: { store: PluginsStore }) {
  const [open, setOpen] = useState(false);
  const [asking, setAsking] = useState<ConfigBackup | null>(null);
  const backups = useSlice(store, (s) => s.backups);
  const error = useSlice(store, (s) => s.backupsError);
  const restoring = useSlice(store, (s) => s.restoring);
  const note = useSlice(store, (s) => s.restoreNote);

  const toggle = () => {
    if (!open) void store.getState().loadBackups();
    setOpen(!open);
  };
  const restore = async (backup: ConfigBackup) => {
    setAsking(null);
    await store.getState().restore(backup.id);
  };

  return (
    <section className="plugin-backups" aria-labelledby="plugin-backups-title">
      <h3 id="plugin-backups-title" className="visually-hidden">
        Backups
      </h3>
      <button type="button" aria-expanded={open} onClick={toggle}>
        Restore backup…
      </button>
      {open && (
        <div className="plugin-backup-list">
          {backups === null && !error && <p role="status">Loading backups…</p>}
          {backups?.length === 0 && (
            <p className="empty">No backups yet. Faxbot keeps the earlier versions each time plugin settings are saved.</p>
          )}
          {backups && backups.length > 0 && (
            <ul aria-label="Earlier plugin settings">
              {backups.map((backup) => (
                <li key={backup.id}>
                  <span>{when(backup)}</span>
                  <button
                    type="button"
                    disabled={restoring}
                    onClick={() => setAsking(backup)}
                    aria-label={`Restore the settings from ${when(backup)}`}
                  >
                    Restore
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <p role="alert" className="form-error">
        {error ?? ''}
      </p>
      <p role="status" className="hint">
        {note ?? ''}
      </p>
      {asking && (
        <PluginsConfirmDialog
          title="Restore these plugin settings?"
          confirmLabel="Restore"
          onConfirm={() => void restore(asking)}
          onCancel={() => setAsking(null)}
        >
          <p>Every plugin’s saved settings go back to how they were on {when(asking)}. The settings you have now are kept as a backup.</p>
        </PluginsConfirmDialog>
      )}
    </section>
  );
}
