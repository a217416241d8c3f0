export type { DocumentStore } from './types';
export { LocalDocumentStore } from './localDocumentStore';
export { headlessKeyWrapper, loadDataKey, masterKeyWrapper, type KeyWrapper } from './dataKey';
