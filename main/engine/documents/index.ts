export { DocumentCatalog, type DocumentRecord } from './documentCatalog';
