// Reads imaging's output back the way a viewer would (pdf.js), so tests check what a person
// sees on the fax: page sizes, the words on each page, and which way the text runs.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';

const require = createRequire(import.meta.url);
const standardFontDataUrl = join(dirname(require.resolve('pdfjs-dist/package.json')), 'standard_fonts') + '/';

export const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
export const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(join(FIXTURES, name)));

export interface ProbedText {
  str: string;
  x: number;
  y: number;
  width: number;
  /** reading direction on the page as shown, degrees clockwise from "left to right" */ angle: number;
}
export interface ProbedPage {
  width: number;
  height: number;
  rotate: number;
  text: ProbedText[];
}

/** Every page as shown (after /Rotate), with its text in top-left-origin coordinates. */
export async function probePdf(bytes: Uint8Array): Promise<ProbedPage[]> {
  const task = pdfjs.getDocument({ data: new Uint8Array(bytes), standardFontDataUrl, verbosity: 0, isEvalSupported: false });
  const doc = await task.promise;
  try {
    const pages: ProbedPage[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const viewport = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      const text: ProbedText[] = [];
      for (const item of content.items) {
        if (!('str' in item) || item.str.trim() === '') continue;
        const m = pdfjs.Util.transform(viewport.transform, item.transform);
        const angle = ((Math.round((Math.atan2(m[1], m[0]) * 180) / Math.PI) % 360) + 360) % 360;
        text.push({ str: item.str, x: m[4], y: m[5], width: item.width, angle });
      }
      pages.push({ width: viewport.width, height: viewport.height, rotate: page.rotate, text });
    }
    return pages;
  } finally {
    await task.destroy();
  }
}

export function allText(pages: ProbedPage[]): string {
  return pages.map((p) => p.text.map((t) => t.str).join(' ')).join('\n');
}

/** The page's lines, top to bottom: pdf.js splits a line into several items where spaces are wide. */
export function textLines(page: ProbedPage): string[] {
  const rows = new Map<number, ProbedText[]>();
  for (const t of page.text) {
    const key = Math.round(t.y);
    rows.set(key, [...(rows.get(key) ?? []), t]);
  }
  return [...rows.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, items]) =>
      items
        .sort((a, b) => a.x - b.x)
        .map((t) => t.str.trim())
        .join(' '),
    );
}
