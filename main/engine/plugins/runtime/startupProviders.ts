// Which provider instances the engine starts with: the outbound and inbound slots' plugins,
// plus any provider an unfinished attempt was handed to before a restart (it was swapped out
// while the fax was sending), so each job is reconciled with its own provider.
import type { PluginSlots } from '../../../../shared/plugins';
import type { Logger } from '../../log';
import type { ProviderPlugin } from '../../providers';
import { envFingerprint, type PluginEnv } from './providerFactory';
import { UnavailableProvider } from './unavailableProvider';

export interface StartupProviders {
  slots: { outbound: string; inbound: string };
  instances: { provider: ProviderPlugin; fingerprint: string }[];
}

export interface StartupProviderSources {
  slots: Pick<PluginSlots, 'outbound' | 'inbound'>;
  /** The provider's settings as environment variables (PluginCatalog.effectiveEnv over the process environment). */
  envOf: (id: string) => PluginEnv;
  build: (id: string, env: PluginEnv) => ProviderPlugin;
  /** What else a provider is built from besides its variables (an imported provider's settings). */
  settingsOf?: (id: string) => unknown;
  /** Providers with an attempt still under way (fax_attempts). */
  inFlight: string[];
  /** Slots fixed by the environment (FAX_BACKEND…): a provider there that cannot be built stops the start. */
  lockedSlots?: Partial<Record<'outbound' | 'inbound', string>>;
  /** The plugin's name in words, for the stand-in's label. */
  labelOf?: (id: string) => string;
  logger: Logger;
}

/**
 * Throws when a slot fixed by the environment cannot be built (as FAX_BACKEND always did). A
 * slot chosen in Settings whose plugin cannot be built gets an UnavailableProvider, so the
 * window opens and the person can fix it there. An earlier provider that cannot is only logged.
 */
export function buildStartupProviders(sources: StartupProviderSources): StartupProviders {
  const instances: StartupProviders['instances'] = [];
  const make = (id: string) => {
    const env = sources.envOf(id);
    instances.push({ provider: sources.build(id, env), fingerprint: envFingerprint(env, sources.settingsOf?.(id) ?? null) });
  };
  const fill = (slot: 'outbound' | 'inbound', id: string) => {
    if (sources.lockedSlots?.[slot]) return make(id);
    try {
      make(id);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      sources.logger.error(`the ${slot} plugin ${id} could not start; faxes wait until it is fixed in Settings → Plugins`, {
        provider: id,
        error,
      });
      instances.push({ provider: new UnavailableProvider(id, sources.labelOf?.(id) ?? id, reason), fingerprint: `unavailable:${reason}` });
    }
  };
  fill('outbound', sources.slots.outbound);
  if (sources.slots.inbound !== sources.slots.outbound) fill('inbound', sources.slots.inbound);
  for (const id of sources.inFlight) {
    if (instances.some(({ provider }) => provider.id === id)) continue;
    try {
      make(id);
    } catch (error) {
      sources.logger.warn(`faxes still sending through ${id} cannot be followed up: it is not set up any more`, { provider: id, error });
    }
  }
  return { slots: { outbound: sources.slots.outbound, inbound: sources.slots.inbound }, instances };
}
