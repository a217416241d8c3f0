// Builds a provider plugin by id from an environment-shaped map of its settings: at start
// (from the slots and each plugin's effective settings) and when a plugin is tested or applied.
// The settings readers (phaxioSettingsFromEnv…) are the same ones FAX_BACKEND always used.
import { createHash } from 'node:crypto';
import { FaxError } from '../../../../shared/errors';
import type { FaxTiffRendererSetting } from '../../config';
import type { Logger } from '../../log';
import { SimulatorProvider, type ProviderPlugin } from '../../providers';
import { PhaxioProvider, phaxioSettingsFromEnv } from '../../providers/phaxio';
import { SinchProvider, sinchCallbackCredentials, sinchSettingsFromEnv } from '../../providers/sinch';
import { SipProvider, sipSettingsFromEnv } from '../../providers/sip';
import type { WebhookService } from '../../webhooks';
import { FAX_BACKENDS } from '../../config';

export type PluginEnv = Readonly<Record<string, string | undefined>>;

export interface ProviderBuildDeps {
  dataDir: string;
  simulatorTimeScale: number;
  faxTiffRenderer: FaxTiffRendererSetting;
  sqliteNativeBinding?: string;
  /** Seals what the simulator keeps of each fax, like every document at rest. */
  dataKey: Buffer;
  stationNumber: () => string;
  webhooks: WebhookService;
  logger: Logger;
  /** Providers that are not built in (imported HTTP manifests): null when the id is not one. */
  manifestProvider?: (id: string, env: PluginEnv) => ProviderPlugin | null;
}

/** The built-in providers: the FAX_BACKEND values. */
export const BUILTIN_PROVIDERS = FAX_BACKENDS;

/** Providers whose faxes leave this computer for someone else's servers. */
export function isCloudProvider(id: string): boolean {
  return id !== 'simulator' && id !== 'sip';
}

export function createProvider(id: string, env: PluginEnv, deps: ProviderBuildDeps): ProviderPlugin {
  switch (id) {
    case 'simulator':
      return new SimulatorProvider({
        dataDir: deps.dataDir,
        timeScale: deps.simulatorTimeScale,
        stationNumber: deps.stationNumber,
        logger: deps.logger.child('simulator'),
        nativeBinding: deps.sqliteNativeBinding,
        dataKey: deps.dataKey,
      });
    case 'sinch': {
      // Callback credentials derive from the listener's per-install secret: stable across restarts.
      const settings = sinchSettingsFromEnv(env);
      return new SinchProvider({
        ...settings,
        addressBook: deps.webhooks.addressBook,
        callbackCredentials: sinchCallbackCredentials(deps.webhooks.store.pathSecret()),
        station: () => ({ number: deps.stationNumber() }),
        logger: deps.logger.child('sinch'),
      });
    }
    case 'phaxio': {
      // Station details come with each fax (OutboundFax.from); this is only the fallback.
      const settings = phaxioSettingsFromEnv(env);
      return new PhaxioProvider({
        ...settings,
        addressBook: deps.webhooks.addressBook,
        station: () => ({ number: deps.stationNumber(), name: '', headerText: '' }),
        logger: deps.logger.child('phaxio'),
      });
    }
    case 'sip':
      // Self-hosted Asterisk over AMI; station details come with each fax (OutboundFax.from).
      return new SipProvider({ ...sipSettingsFromEnv(env), tiffRenderer: deps.faxTiffRenderer, logger: deps.logger.child('sip') });
    default: {
      const declared = deps.manifestProvider?.(id, env);
      if (declared) return declared;
      throw new FaxError(
        'not_found',
        `There is no fax provider plugin "${id}": choose one of ${BUILTIN_PROVIDERS.join(', ')} or an imported provider listed in Settings → Plugins.`,
        { field: 'id' },
      );
    }
  }
}

/**
 * The settings a provider was built from, to tell whether applying again needs a new instance.
 * Hashed: it may cover secrets (an imported provider's, passed as `more`), and is kept in memory.
 */
export function envFingerprint(env: PluginEnv, more: unknown = null): string {
  const entries = Object.entries(env)
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash('sha256')
    .update(JSON.stringify([entries, more]))
    .digest('hex');
}
