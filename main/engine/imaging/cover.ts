// The cover sheet: who it is for, who it is from, how many pages to expect, and the notice
// clinics are required to print. Standard fonts only, so it costs no font embedding.
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { PaperSize } from '../../../shared/model';
import { FaxError } from '../../../shared/errors';
import { paperFor } from './pageLayout';
import { makeEncodable } from './textInput';

export interface CoverPageDetails {
  toName: string;
  toNumber: string;
  fromName: string;
  fromNumber: string;
  subject: string;
  notes: string;
  /** Including the cover. */
  totalPages: number;
  date: Date;
  timeZone?: string;
  confidentialityNotice: string;
  paperSize: PaperSize;
}

const MARGIN = 54;
const INK = rgb(0, 0, 0);
const GREY = rgb(0.35, 0.35, 0.35);
const ELLIPSIS = '\u2026';

/** "November 25, 2026, 3:04 PM": people read this; an unknown time zone falls back to the machine's. */
export function formatCoverDate(date: Date, timeZone?: string): string {
  const options: Intl.DateTimeFormatOptions = { dateStyle: 'long', timeStyle: 'short' };
  try {
    return new Intl.DateTimeFormat('en-US', { ...options, timeZone }).format(date);
  } catch {
    return new Intl.DateTimeFormat('en-US', options).format(date);
  }
}

function checkDetails(d: CoverPageDetails): void {
  const textFields = ['toName', 'toNumber', 'fromName', 'fromNumber', 'subject', 'notes', 'confidentialityNotice'] as const;
  for (const field of textFields) {
    if (typeof d?.[field] !== 'string') throw new FaxError('invalid_input', `The cover page's ${field} must be text.`, { field });
  }
  if (!Number.isInteger(d.totalPages) || d.totalPages < 1)
    throw new FaxError('invalid_input', 'The cover page needs the number of pages, at least 1 (the cover itself).', {
      field: 'totalPages',
    });
  if (!(d.date instanceof Date) || Number.isNaN(d.date.getTime()))
    throw new FaxError('invalid_input', 'The cover page needs a valid date.', { field: 'date' });
  paperFor(d.paperSize);
}

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
function truncateLines(lines: string[], max: number, font: PDFFont, size: number, width: number): string[] {
  if (lines.length <= max) return lines;
  const kept = lines.slice(0, Math.max(0, max));
  if (kept.length === 0) return kept;
  let last = kept[kept.length - 1];
  while (last && font.widthOfTextAtSize(last + ELLIPSIS, size) > width) last = last.slice(0, -1);
  kept[kept.length - 1] = last.trimEnd() + ELLIPSIS;
  return kept;
}

function clean(text: string, charset: Set<number>): string {
  return makeEncodable(
    text
      .replace(/\r\n?/g, '\n')
      .replace(/\t/g, '    ')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, ''),
    charset,
  );
}

export async function makeCoverPage(details: CoverPageDetails): Promise<Uint8Array> {
  checkDetails(details);
  const paper = paperFor(details.paperSize);
  const doc = await PDFDocument.create();
  doc.setTitle('Fax cover sheet');
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const charset = new Set(regular.getCharacterSet());
  const oneLine = (s: string) => clean(s, charset).replace(/\n/g, ' ');
  const page: PDFPage = doc.addPage([paper.width, paper.height]);
  const contentWidth = paper.width - 2 * MARGIN;
  const fitLine = (s: string, font: PDFFont, size: number, width: number) =>
    truncateLines(wrapToWidth(s, font, size, width), 1, font, size, width)[0] ?? '';

  let y = paper.height - MARGIN - 48;
  page.drawText('FAX', { x: MARGIN, y, size: 48, font: bold, color: INK });
  // Newer ICU puts a narrow no-break space before AM/PM, which Helvetica lacks: clean() maps it to a space.
  const dateText = fitLine(oneLine(formatCoverDate(details.date, details.timeZone)), regular, 11, contentWidth / 2);
  page.drawText(dateText, {
    x: paper.width - MARGIN - regular.widthOfTextAtSize(dateText, 11),
    y: y + 4,
    size: 11,
    font: regular,
    color: GREY,
  });
  y -= 18;
  page.drawLine({ start: { x: MARGIN, y }, end: { x: paper.width - MARGIN, y }, thickness: 2, color: INK });
  y -= 34;

  const labelWidth = 80;
  const valueWidth = contentWidth - labelWidth;
  const field = (label: string, value: string, size = 13) => {
    page.drawText(label, { x: MARGIN, y, size: 10, font: bold, color: GREY });
    page.drawText(fitLine(oneLine(value), regular, size, valueWidth), { x: MARGIN + labelWidth, y, size, font: regular, color: INK });
    y -= size + 9;
  };
  field('TO', details.toName || details.toNumber, 15);
  if (details.toName) field('FAX', details.toNumber);
  y -= 8;
  field('FROM', details.fromName || details.fromNumber, 15);
  if (details.fromName) field('FAX', details.fromNumber);
  y -= 8;
  field('SUBJECT', details.subject);
  field('PAGES', `${details.totalPages} (including this cover)`);
  field('DATE', formatCoverDate(details.date, details.timeZone));
  y -= 4;
  page.drawLine({ start: { x: MARGIN, y }, end: { x: paper.width - MARGIN, y }, thickness: 0.75, color: GREY });
  y -= 28;

  // The notice sits at the foot of the page; notes fill what is left between.
  const noticeSize = 8.5;
  const noticeLeading = 11;
  const noticeLines = truncateLines(
    wrapToWidth(clean(details.confidentialityNotice, charset).trim(), regular, noticeSize, contentWidth),
    10,
    regular,
    noticeSize,
    contentWidth,
  );
  const noticeTop = MARGIN + noticeLines.length * noticeLeading;
  noticeLines.forEach((line, i) => {
    page.drawText(line, { x: MARGIN, y: noticeTop - (i + 1) * noticeLeading + 2, size: noticeSize, font: regular, color: INK });
  });

  const notes = clean(details.notes, charset).trim();
  if (notes) {
    page.drawText('NOTES', { x: MARGIN, y, size: 10, font: bold, color: GREY });
    y -= 20;
    const notesSize = 12;
    const leading = 16;
    const room = Math.floor((y - noticeTop - 24) / leading) + 1;
    const lines = truncateLines(wrapToWidth(notes, regular, notesSize, contentWidth), room, regular, notesSize, contentWidth);
    lines.forEach((line, i) => page.drawText(line, { x: MARGIN, y: y - i * leading, size: notesSize, font: regular, color: INK }));
  }
  return doc.save();
}
