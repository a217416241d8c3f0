// The plugins at runtime: building providers and document stores from a plugin's settings,
// the set of running providers (outbound, inbound, and those finishing earlier jobs), the
// connection checks, and the patient-data warnings Apply gives first.
export {
  createProvider,
  envFingerprint,
  isCloudProvider,
  BUILTIN_PROVIDERS,
  type PluginEnv,
  type ProviderBuildDeps,
} from './providerFactory';
export { ProviderSet, type ProviderSetOptions } from './providerSet';
export { checkPlugin, type PluginCheckDeps, type PluginCheckOutcome } from './pluginCheck';
export { createDocumentStore, storageRoundTrip, closeDocumentStore, isStoragePlugin, STORAGE_PLUGINS } from './storageSlot';
export { patientDataWarnings, type WarningFacts } from './patientDataWarnings';
export { withTimeLimit, DEFAULT_CHECK_TIMEOUT_MS } from './timeLimit';
export { UnavailableProvider } from './unavailableProvider';
export { buildStartupProviders, type StartupProviders, type StartupProviderSources } from './startupProviders';
