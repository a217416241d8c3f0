export { openPdf, renderPage, type PDFDocumentProxy, type PageRender } from './pdfjs';
export { usePdf, type PdfLoad } from './usePdf';
