// What fills each slot now: "Sending through", "Receiving on", "Documents kept in". A slot the
// environment fixes (FAX_BACKEND, FAX_INBOUND_BACKEND, STORAGE_BACKEND) shows a lock and the
// variable, since Apply cannot change it.
import type { PluginSlot, PluginsOverview } from '../../../../shared/plugins';
import { LockIcon } from '../../components/LockIcon';

export const SLOT_WORDS: Record<PluginSlot, string> = {
  outbound: 'Sending through',
  inbound: 'Receiving on',
  storage: 'Documents kept in',
};
/** Short names for the slot choices on a card's Apply. */
export const SLOT_SHORT: Record<PluginSlot, string> = { outbound: 'Sending', inbound: 'Receiving', storage: 'Documents' };

export function pluginName(overview: PluginsOverview, id: string): string {
  return overview.plugins.find((p) => p.manifest.id === id)?.manifest.name ?? id;
}

export function PluginsSlots({ overview }: { overview: PluginsOverview }) {
  return (
    <dl className="plugin-slots" aria-label="What Faxbot uses now">
      {(Object.keys(SLOT_WORDS) as PluginSlot[]).map((slot) => {
        const variable = overview.lockedSlots[slot];
        return (
          <div key={slot} className="plugin-slot">
            <dt>{SLOT_WORDS[slot]}</dt>
            <dd>
              <strong>{pluginName(overview, overview.slots[slot])}</strong>
              {variable && (
                <span className="locked-value">
                  {' '}
                  <LockIcon /> Set by {variable}
                </span>
              )}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
