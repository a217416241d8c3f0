// The parts of the PDF viewer (components/PdfViewer.tsx is the viewer itself).
export { ThumbnailRail } from './ThumbnailRail';
export { FIT_WIDTH, pageWidth, zoomStep, canZoom, zoomPercent, type Zoom } from './viewerZoom';
