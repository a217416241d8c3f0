// Printing a PDF without a frame or a plug-in: its pages are drawn by pdf.js into images in
// a container only the print style shows, then the window prints. (An iframe of a blob:
// URL would need frame-src in the page's CSP; images need nothing new: img-src has data:.)
import { openPdf } from '../pdf';

/** Print resolution: about 150 dpi on a Letter/A4 page, sharp enough for a confirmation. */
const PRINT_WIDTH_PX = 1275;

/** Draws every page into a `.print-pages` container; answers it (the caller prints and removes it). */
export async function printablePages(pdfBase64: string, title: string): Promise<HTMLElement> {
  const pdf = await openPdf(pdfBase64);
  const container = document.createElement('div');
  container.className = 'print-pages';
  container.setAttribute('aria-hidden', 'true');
  try {
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const base = page.getViewport({ scale: 1 });
      const viewport = page.getViewport({ scale: PRINT_WIDTH_PX / base.width });
      const canvas = document.createElement('canvas');
      canvas.width = Math.floor(viewport.width);
      canvas.height = Math.floor(viewport.height);
      await page.render({ canvas, viewport }).promise;
      const image = document.createElement('img');
      image.src = canvas.toDataURL('image/png');
      image.alt = `${title}, page ${n}`;
      container.append(image);
    }
  } finally {
    void pdf.destroy();
  }
  return container;
}

export async function printPdf(pdfBase64: string, title: string): Promise<void> {
  const container = await printablePages(pdfBase64, title);
  document.body.append(container);
  const done = () => container.remove();
  window.addEventListener('afterprint', done, { once: true });
  window.print();
}
