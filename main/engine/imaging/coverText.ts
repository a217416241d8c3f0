// Text on a cover page: cleaned to what the standard fonts can draw, wrapped to a width, and
// cut with a visible ellipsis where it would leave its place. Nothing ever runs off the page.
import type { PDFDocument, PDFFont, PDFPage } from 'pdf-lib';
import { makeEncodable } from './textInput';
import type { Paper } from './pageLayout';

export const COVER_MARGIN = 54;

export const ELLIPSIS = '\u2026';

/** Break text into lines no wider than `width`, at spaces where possible; words wider than a line are split. */
export function wrapToWidth(text: string, font: PDFFont, size: number, width: number): string[] {
  const fits = (s: string) => font.widthOfTextAtSize(s, size) <= width;
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/ +/)) {
      const candidate = line ? `${line} ${word}` : word;
      if (fits(candidate)) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      line = word;
      while (!fits(line)) {
        // Longest prefix that fits, by bisection: a pasted 4000-character "word" must stay quick.
        let low = 1;
        let high = line.length - 1;
        while (low < high) {
          const mid = Math.ceil((low + high) / 2);
          if (fits(line.slice(0, mid))) low = mid;
          else high = mid - 1;
        }
        lines.push(line.slice(0, low));
        line = line.slice(low);
      }
    }
    lines.push(line);
  }
  return lines;
}

/** Keep the first `max` lines, marking the cut with an ellipsis so the reader knows text is missing. */
export function truncateLines(lines: string[], max: number, font: PDFFont, size: number, width: number): string[] {
  if (lines.length <= max) return lines;
  const kept = lines.slice(0, Math.max(0, max));
  if (kept.length === 0) return kept;
  let last = kept[kept.length - 1];
  while (last && font.widthOfTextAtSize(last + ELLIPSIS, size) > width) last = last.slice(0, -1);
  kept[kept.length - 1] = last.trimEnd() + ELLIPSIS;
  return kept;
}

/** What the font can draw: no control characters, tabs as spaces, other scripts approximated or '?'. */
export function cleanText(text: string, charset: Set<number>): string {
  return makeEncodable(
    text
      .replace(/\r\n?/g, '\n')
      .replace(/\t/g, '    ')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, ''),
    charset,
  );
}

/** Text drawn in one font set: cleaned, fitted to a line or wrapped to a number of lines. */
export class CoverText {
  readonly charset: Set<number>;

  constructor(font: PDFFont) {
    this.charset = new Set(font.getCharacterSet());
  }

  clean(text: string): string {
    return cleanText(text, this.charset);
  }

  oneLine(text: string): string {
    return this.clean(text).replace(/\n/g, ' ').trim();
  }

  /** One line at most `width` wide; longer text ends in an ellipsis. */
  fit(text: string, font: PDFFont, size: number, width: number): string {
    return truncateLines(wrapToWidth(this.oneLine(text), font, size, width), 1, font, size, width)[0] ?? '';
  }

  /** At most `max` lines of `width`; the last one ends in an ellipsis when text was left out. */
  lines(text: string, font: PDFFont, size: number, width: number, max: number): string[] {
    const cleaned = this.clean(text).trim();
    if (!cleaned) return [];
    return truncateLines(wrapToWidth(cleaned, font, size, width), max, font, size, width);
  }
}

/** Everything a part of the cover needs to draw itself. */
export interface CoverCanvas {
  doc: PDFDocument;
  page: PDFPage;
  paper: Paper;
  regular: PDFFont;
  bold: PDFFont;
  text: CoverText;
  contentWidth: number;
}
