// Builds the provider for an imported manifest id, for the engine's createProvider
// (runtime/providerFactory.ts `manifestProvider`). Its settings and secrets come from the
// catalog's effectiveSettings (schema defaults < config file < sealed secrets < environment).
import type { Logger } from '../../log';
import { envNameOf, isSecretField } from '../settingsSchema';
import { HttpManifestProvider } from './httpManifestProvider';
import type { HttpManifestStore } from './manifestStore';

export interface ManifestProviderDeps {
  manifests: HttpManifestStore;
  /** PluginCatalog.effectiveSettings: settings and secrets by field name. */
  effectiveSettings: (id: string) => { settings: Record<string, unknown>; secrets: Record<string, string> };
  logger: Logger;
}

/** The `manifestProvider` hook: a provider for an imported id, or null when the id is not one. */
export function manifestProviderFactory(deps: ManifestProviderDeps) {
  return (id: string, env: Readonly<Record<string, string | undefined>> = {}): HttpManifestProvider | null => {
    const manifest = deps.manifests.get(id);
    if (!manifest) return null;
    const { settings, secrets } = deps.effectiveSettings(id);
    // Fields with "x-env" come through `env` too: that is how Test connection passes unsaved form values.
    for (const field of Object.keys(manifest.settingsSchema.properties)) {
      const variable = envNameOf(manifest.settingsSchema, field);
      const value = variable ? env[variable] : undefined;
      if (value === undefined || value === '') continue;
      if (isSecretField(manifest.settingsSchema, field)) secrets[field] = value;
      else settings[field] = value;
    }
    return new HttpManifestProvider({ manifest, settings, secret: (field) => secrets[field] || null, logger: deps.logger.child(id) });
  };
}
