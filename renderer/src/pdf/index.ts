export { openPdf, renderPage, type PDFDocumentProxy, type PageRender, type PdfSource } from './pdfjs';
export { usePdf, type PdfLoad } from './usePdf';
