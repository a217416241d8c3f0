// The cover sheet: who it is for, who it is from, how many pages to expect, and the notice
// clinics are required to print. Standard fonts only, so it costs no font embedding. Without a
// design it is the plain cover; a template's design (coverDesign.ts) adds a letterhead with the
// practice's logo and details, or puts a confidentiality notice at the top, and chooses the fields.
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import type { PaperSize } from '../../../shared/model';
import { FaxError } from '../../../shared/errors';
import { paperFor } from './pageLayout';
import { COVER_MARGIN as MARGIN, CoverText, type CoverCanvas } from './coverText';
import { PLAIN_DESIGN, checkDesign, drawCoverHeader, type CoverDesign } from './coverDesign';

export { wrapToWidth } from './coverText';
export type { CoverDesign, CoverLogo } from './coverDesign';

export interface CoverPageDetails {
  toName: string;
  toNumber: string;
  fromName: string;
  fromNumber: string;
  /** The practice's phone number for call-backs; '' or absent: not printed. */
  fromPhone?: string;
  subject: string;
  notes: string;
  /** Including the cover. */
  totalPages: number;
  date: Date;
  timeZone?: string;
  confidentialityNotice: string;
  paperSize: PaperSize;
}

const INK = rgb(0, 0, 0);
const GREY = rgb(0.35, 0.35, 0.35);

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

/** The cover page as one PDF page. `design` is a template's; without it, the plain cover. */
export async function makeCoverPage(details: CoverPageDetails, design: CoverDesign = PLAIN_DESIGN): Promise<Uint8Array> {
  checkDetails(details);
  checkDesign(design);
  const paper = paperFor(details.paperSize);
  const doc = await PDFDocument.create();
  doc.setTitle('Fax cover sheet');
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const page = doc.addPage([paper.width, paper.height]);
  const canvas: CoverCanvas = { doc, page, paper, regular, bold, text: new CoverText(regular), contentWidth: paper.width - 2 * MARGIN };
  const { text, contentWidth } = canvas;
  const shows = design.fields;
  // Newer ICU puts a narrow no-break space before AM/PM, which Helvetica lacks: cleaning maps it to a space.
  const date = shows.date ? formatCoverDate(details.date, details.timeZone) : '';
  const notice = (design.notice || details.confidentialityNotice).trim();

  let y = await drawCoverHeader(canvas, design, { date, notice });

  const labelWidth = 80;
  const valueWidth = contentWidth - labelWidth;
  const field = (label: string, value: string, size = 13) => {
    page.drawText(label, { x: MARGIN, y, size: 10, font: bold, color: GREY });
    page.drawText(text.fit(value, regular, size, valueWidth), { x: MARGIN + labelWidth, y, size, font: regular, color: INK });
    y -= size + 9;
  };
  if (shows.recipient) {
    field('TO', details.toName || details.toNumber, 15);
    if (details.toName) field('FAX', details.toNumber);
    y -= 8;
  }
  if (shows.sender) {
    // An unset practice prints no FROM at all, never a made-up name over an empty fax line.
    const phone = details.fromPhone?.trim() ?? '';
    const from = details.fromName.trim() || details.fromNumber;
    if (from) {
      field('FROM', from, 15);
      if (details.fromName.trim() && details.fromNumber) field('FAX', details.fromNumber);
      if (phone) field('PHONE', phone);
      y -= 8;
    } else if (phone) {
      field('PHONE', phone, 15);
      y -= 8;
    }
  }
  if (shows.subject) field('SUBJECT', details.subject);
  if (shows.pages) field('PAGES', `${details.totalPages} (including this cover)`);
  if (shows.date) field('DATE', date);
  y -= 4;
  page.drawLine({ start: { x: MARGIN, y }, end: { x: paper.width - MARGIN, y }, thickness: 0.75, color: GREY });
  y -= 28;

  // The notice sits at the foot of the page (unless the design put it at the top); notes fill what is left between.
  const noticeSize = 8.5;
  const noticeLeading = 11;
  const noticeLines = design.layout === 'confidential' ? [] : text.lines(notice, regular, noticeSize, contentWidth, 10);
  const noticeTop = MARGIN + noticeLines.length * noticeLeading;
  noticeLines.forEach((line, i) => {
    page.drawText(line, { x: MARGIN, y: noticeTop - (i + 1) * noticeLeading + 2, size: noticeSize, font: regular, color: INK });
  });

  const notes = shows.notes ? text.clean(details.notes).trim() : '';
  const notesSize = 12;
  const leading = 16;
  if (notes && y - 20 >= noticeTop + 24) {
    page.drawText('NOTES', { x: MARGIN, y, size: 10, font: bold, color: GREY });
    y -= 20;
    const room = Math.floor((y - noticeTop - 24) / leading) + 1;
    const lines = text.lines(notes, regular, notesSize, contentWidth, room);
    lines.forEach((line, i) => page.drawText(line, { x: MARGIN, y: y - i * leading, size: notesSize, font: regular, color: INK }));
  }
  return doc.save();
}
