// Declarative HTTP fax providers: a cloud fax service described by an imported JSON manifest
// (config/schemas/http-provider-manifest.schema.json), checked before it is saved, and run as
// a provider plugin that only fills in templates and calls the manifest's allowed domains.
export type { HttpProviderManifest, HttpAction, AuthScheme, MappedStatus } from './manifestTypes';
export { checkHttpManifest } from './manifestCheck';
export { HttpManifestProvider, type HttpManifestProviderOptions } from './httpManifestProvider';
export { HttpManifestStore, pluginManifestOf, type ImportedManifests } from './manifestStore';
export { createHttpManifestOperations, pluginInstallEnabled, type HttpManifestOperationDeps } from './manifestOperations';
export { manifestProviderFactory, type ManifestProviderDeps } from './providerFactory';
export { hostAllowed } from './domains';
