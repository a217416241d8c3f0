// Plain text set in Courier, like a typewritten fax: a fixed-width face makes columns and tab
// stops line up the way the writer saw them. Lines wrap at spaces and never run off the page.
import { PDFDocument, StandardFonts, type PDFFont } from 'pdf-lib';
import type { Paper } from './pageLayout';
import type { FaxPages } from './pdfInput';
import { tooManyPages, type DocumentLimits } from './refusals';

const FONT_SIZE = 11;
const LINE_HEIGHT = 13;
const MARGIN = 54; // three-quarters of an inch: clear of the strip fax machines do not print
const COURIER_ADVANCE = 0.6; // every Courier glyph is 600/1000 em wide
const TAB_STOP = 8;

export interface TextLayout {
  columns: number;
  linesPerPage: number;
}

export function textLayout(paper: Paper): TextLayout {
  return {
    columns: Math.floor((paper.width - 2 * MARGIN) / (FONT_SIZE * COURIER_ADVANCE)),
    linesPerPage: Math.floor((paper.height - 2 * MARGIN) / LINE_HEIGHT),
  };
}

/** Characters the standard font has no glyph for become their plain letter (é → e) or "?", never a crash. */
export function makeEncodable(text: string, charset: Set<number>): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (charset.has(code) || ch === '\t' || ch === '\n') {
      out += ch;
      continue;
    } // layout characters, handled by the caller
    const plain = ch.normalize('NFKD').replace(/\p{M}/gu, '');
    out += plain && [...plain].every((c) => charset.has(c.codePointAt(0)!)) ? plain : '?';
  }
  return out;
}

function expandTabs(line: string): string {
  if (!line.includes('\t')) return line;
  let out = '';
  for (const ch of line) out += ch === '\t' ? ' '.repeat(TAB_STOP - (out.length % TAB_STOP)) : ch;
  return out;
}

/** Break one line into pieces no wider than `columns`: at the last space that fits, or mid-word when a word is wider than a line. */
export function wrapLine(line: string, columns: number): string[] {
  const pieces: string[] = [];
  let rest = line.trimEnd();
  while (rest.length > columns) {
    const space = rest.lastIndexOf(' ', columns);
    const leading = rest.length - rest.trimStart().length;
    if (space > leading) {
      pieces.push(rest.slice(0, space).trimEnd());
      rest = rest.slice(space + 1).trimStart();
    } else {
      pieces.push(rest.slice(0, columns));
      rest = rest.slice(columns);
    }
  }
  pieces.push(rest);
  return pieces;
}

/** Text → pages of lines. A form feed starts a new page, as on a line printer. */
export function paginateText(text: string, layout: TextLayout, charset: Set<number>): string[][] {
  const normalized = text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .replace(/\v/g, '\n')
    .replaceAll('\u001b', ''); // escape codes are printer commands, not text
  const sections = normalized.split('\f');
  if (sections.length > 1 && sections[sections.length - 1].trim() === '') sections.pop(); // a trailing form feed ends the last page
  const pages: string[][] = [];
  for (const section of sections) {
    const lines = section
      .replace(/\n$/, '')
      .split('\n')
      .flatMap((line) => wrapLine(expandTabs(makeEncodable(line, charset)), layout.columns));
    for (let i = 0; i < lines.length; i += layout.linesPerPage) pages.push(lines.slice(i, i + layout.linesPerPage));
  }
  return pages;
}

export async function textToFaxPages(fileName: string, text: string, paper: Paper, limits: DocumentLimits): Promise<FaxPages> {
  const out = await PDFDocument.create();
  const font: PDFFont = await out.embedFont(StandardFonts.Courier);
  const pages = paginateText(text, textLayout(paper), new Set(font.getCharacterSet()));
  if (pages.length > limits.maxPages) throw tooManyPages(fileName, pages.length, limits.maxPages);
  for (const lines of pages) {
    const page = out.addPage([paper.width, paper.height]);
    lines.forEach((line, i) => {
      if (line.trim() === '') return;
      page.drawText(line, { x: MARGIN, y: paper.height - MARGIN - FONT_SIZE - i * LINE_HEIGHT, size: FONT_SIZE, font });
    });
  }
  return { pdf: await out.save({ useObjectStreams: true }), pages: pages.length };
}
