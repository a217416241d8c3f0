export { DocumentCatalog, type DocumentRecord } from './documentCatalog';
export { pdfReply, toBase64 } from './pdfReply';
