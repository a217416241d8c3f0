export type { DocumentStore } from './types';
export { LocalDocumentStore } from './localDocumentStore';
export { headlessKeyWrapper, loadDataKey, masterKeyWrapper, type KeyWrapper } from './dataKey';
export { openBytes, openStream, sealBytes, sealStream, isSealed, damagedDocument } from './envelope';
export { StorageRouter, backendLabel, storageBackendFromEnv, documentStoresFromEnv, type DocumentStores } from './storageRouter';
export { StorageMover, type StorageMoverOptions } from './storageMove';
export { createStorageMoveOperations } from './storageMoveOperations';
export { S3DocumentStore, type S3ConnectionReport } from './s3DocumentStore';
export { s3SettingsFromEnv, normaliseS3Prefix, S3_DEFAULTS, type S3Settings, type S3Credentials } from './s3Settings';
