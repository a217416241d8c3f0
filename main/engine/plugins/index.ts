// Plugins: the registry, each plugin's settings schema, the atomic config file with its
// backups, the sealed secrets, and the effective settings the engine builds plugins from.
export { BUILTIN_PLUGINS, DEFAULT_SLOTS } from './builtinPlugins';
export { loadPluginRegistry, type PluginRegistry } from './registryFile';
export { defaultRegistryPath } from './registryLocation';
export { PluginConfigStore, type PluginConfigStoreOptions } from './pluginConfigStore';
export { parsePluginConfig, pluginConfigText, type PluginConfigFile } from './pluginConfigFile';
export { SealedSecretStore, PLUGIN_SECRETS_FILE, type SecretStore } from './secretStore';
export { PluginCatalog, type PluginCatalogOptions } from './pluginCatalog';
export { SLOT_VARIABLES } from './slots';
export { settingsErrors, secretFields, type FieldErrors } from './settingsSchema';
export { createPluginOperations, type PluginOperationDeps, type PluginOperations } from './pluginOperations';
