export type { DocumentStore } from './types';
export { LocalDocumentStore } from './localDocumentStore';
