// Annotations that a printer would print (a signature from "Fill & Sign", stamps, typed
// comments) live outside the page's content, so embedding the page would silently drop them.
// Paint each one's appearance into the page the way PDF 32000 §12.5.5 places it on paper.
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRef, PDFStream, type PDFDocument, type PDFPage } from 'pdf-lib';

const FLAG_HIDDEN = 1 << 1;
const FLAG_PRINT = 1 << 2;
const FLAG_NO_VIEW = 1 << 5;
/** Links and pop-up notes have nothing to print; widgets left after form flattening are printed like the rest. */
const NEVER_PRINTED = new Set(['Link', 'Popup']);

function numbers(array: unknown): number[] | null {
  if (!(array instanceof PDFArray)) return null;
  const values = array.asArray().map((v) => (v instanceof PDFNumber ? v.asNumber() : Number.NaN));
  return values.every(Number.isFinite) ? values : null;
}

/** The normal appearance stream, choosing the current state (/AS) when there are several. */
function normalAppearance(doc: PDFDocument, annotation: PDFDict): { ref: PDFRef; stream: PDFStream } | null {
  const ap = annotation.lookup(PDFName.of('AP'));
  if (!(ap instanceof PDFDict)) return null;
  let normal = ap.get(PDFName.of('N'));
  const resolved = normal instanceof PDFRef ? doc.context.lookup(normal) : normal;
  if (resolved instanceof PDFDict && !(resolved instanceof PDFStream)) {
    const state = annotation.lookup(PDFName.of('AS'));
    normal = state instanceof PDFName ? resolved.get(state) : undefined;
  }
  if (!(normal instanceof PDFRef)) return null;
  const stream = doc.context.lookup(normal);
  return stream instanceof PDFStream ? { ref: normal, stream } : null;
}

/** The matrix that carries the appearance's (transformed) bounding box onto the annotation's rectangle. */
function placement(stream: PDFStream, rect: number[]): number[] | null {
  const bbox = numbers(stream.dict.lookup(PDFName.of('BBox')));
  if (!bbox || bbox.length !== 4) return null;
  const [a, b, c, d, e, f] = numbers(stream.dict.lookup(PDFName.of('Matrix'))) ?? [1, 0, 0, 1, 0, 0];
  const corners = [
    [bbox[0], bbox[1]],
    [bbox[2], bbox[1]],
    [bbox[0], bbox[3]],
    [bbox[2], bbox[3]],
  ].map(([x, y]) => [a * x + c * y + e, b * x + d * y + f]);
  const xs = corners.map((p) => p[0]);
  const ys = corners.map((p) => p[1]);
  const [x0, y0, x1, y1] = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
  const [rx0, ry0, rx1, ry1] = [
    Math.min(rect[0], rect[2]),
    Math.min(rect[1], rect[3]),
    Math.max(rect[0], rect[2]),
    Math.max(rect[1], rect[3]),
  ];
  if (x1 - x0 <= 0 || y1 - y0 <= 0) return null;
  const sx = (rx1 - rx0) / (x1 - x0);
  const sy = (ry1 - ry0) / (y1 - y0);
  return [sx, 0, 0, sy, rx0 - x0 * sx, ry0 - y0 * sy];
}

function flattenPageAnnotations(doc: PDFDocument, page: PDFPage): void {
  const annots = page.node.Annots();
  if (!annots) return;
  const drawn: string[] = [];
  annots.asArray().forEach((entry, i) => {
    const annotation = entry instanceof PDFRef ? doc.context.lookup(entry) : entry;
    if (!(annotation instanceof PDFDict)) return;
    const subtype = annotation.lookup(PDFName.of('Subtype'));
    const flags = annotation.lookup(PDFName.of('F'));
    const f = flags instanceof PDFNumber ? flags.asNumber() : 0;
    if (!(subtype instanceof PDFName) || NEVER_PRINTED.has(subtype.decodeText())) return;
    if (!(f & FLAG_PRINT) || f & (FLAG_HIDDEN | FLAG_NO_VIEW)) return;
    const appearance = normalAppearance(doc, annotation);
    const rect = numbers(annotation.lookup(PDFName.of('Rect')));
    const matrix = appearance && rect?.length === 4 ? placement(appearance.stream, rect) : null;
    if (!appearance || !matrix) return;
    const name = page.node.newXObject(`FaxAnnot${i}`, appearance.ref);
    drawn.push(`q ${matrix.map((n) => Number(n.toFixed(6))).join(' ')} cm ${name.asString()} Do Q`);
  });
  if (drawn.length === 0) return;
  // Wrapped in q/Q so a page that leaves its graphics state changed cannot move the annotations.
  const after = doc.context.register(doc.context.stream(`Q\n${drawn.join('\n')}\n`));
  if (!page.node.wrapContentStreams(doc.context.register(doc.context.stream('q\n')), after)) {
    page.node.set(PDFName.of('Contents'), doc.context.register(doc.context.stream(`q\n${drawn.join('\n')}\nQ\n`)));
  }
}

/** Paint printable annotations into every page. Best effort: a page whose annotations cannot be read keeps its content. */
export function flattenAnnotations(doc: PDFDocument): void {
  for (const page of doc.getPages()) {
    try {
      flattenPageAnnotations(doc, page);
    } catch {
      // An odd annotation is not worth refusing the document over.
    }
  }
}
