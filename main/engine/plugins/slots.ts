// Which plugin fills each slot: environment (FAX_BACKEND, FAX_INBOUND_BACKEND,
// STORAGE_BACKEND) > the config file > defaults. Outbound and inbound default to each
// other, then to the simulator; storage to this computer.
import type { PluginManifest, PluginSlot, PluginSlots } from '../../../shared/plugins';
import { DEFAULT_SLOTS } from './builtinPlugins';
import type { PluginConfigFile } from './pluginConfigFile';

export const SLOT_VARIABLES: Record<PluginSlot, string> = {
  outbound: 'FAX_BACKEND',
  inbound: 'FAX_INBOUND_BACKEND',
  storage: 'STORAGE_BACKEND',
};

export interface SlotChoice {
  slots: PluginSlots;
  /** slot → the variable that fixes it. */
  locked: Partial<Record<PluginSlot, string>>;
  problems: string[];
}

export function chooseSlots(
  manifests: readonly PluginManifest[],
  file: PluginConfigFile,
  env: Readonly<Record<string, string | undefined>>,
): SlotChoice {
  const fits = (id: string | undefined, slot: PluginSlot) => !!id && manifests.some((m) => m.id === id && m.kinds.includes(slot));
  const locked: SlotChoice['locked'] = {};
  const problems: string[] = [];
  const pick = (slot: PluginSlot): string | undefined => {
    const variable = SLOT_VARIABLES[slot];
    const fromEnv = env[variable]?.trim().toLowerCase();
    if (fromEnv) {
      if (fits(fromEnv, slot)) {
        locked[slot] = variable;
        return fromEnv;
      }
      problems.push(`${variable}=${fromEnv.slice(0, 40)} names no ${slot} plugin Faxbot has; it is ignored.`);
    }
    const stored = file.slots[slot];
    if (stored && !fits(stored, slot))
      problems.push(
        `The config file puts ${stored} in the ${slot} slot, but it is not a${slot === 'inbound' ? 'n' : ''} ${slot} plugin here; the default is used.`,
      );
    return fits(stored, slot) ? stored : undefined;
  };
  const outbound = pick('outbound');
  const inbound = pick('inbound');
  const storage = pick('storage');
  return {
    slots: {
      outbound: outbound ?? (fits(inbound, 'outbound') ? inbound! : DEFAULT_SLOTS.outbound),
      inbound: inbound ?? (fits(outbound, 'inbound') ? outbound! : DEFAULT_SLOTS.outbound),
      storage: storage ?? DEFAULT_SLOTS.storage,
    },
    locked,
    problems,
  };
}
