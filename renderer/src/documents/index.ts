// Getting a PDF out of the desk: saved as a file, or printed.
export { savePdf, pdfFileName } from './savePdf';
export { saveDownload, saveTextFile } from './saveDownload';
export { printPdf, printablePages } from './printPdf';
