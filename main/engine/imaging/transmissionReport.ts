// The transmission report a fax machine prints after a send: what went where, when, how many
// pages, and whether it arrived, with a small picture of the first page as proof of what was
// sent. Offices file it, so it is one plain page in black on white, standard fonts only.
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { PaperSize } from '../../../shared/model';
import { FaxError } from '../../../shared/errors';
import { paperFor } from './pageLayout';
import { makeEncodable } from './textInput';
import { formatCoverDate, wrapToWidth } from './cover';

export interface TransmissionReportDetails {
  stationName: string;
  stationNumber: string;
  printedAt: Date;
  /** True for a delivered fax: the result line reads as a success. */
  delivered: boolean;
  /** The rows of the table, in order: label and value (already formatted for a person). */
  rows: { label: string; value: string }[];
  /** First page of the sent document as PNG, or null when it is no longer stored. */
  firstPagePng: Uint8Array | null;
  paperSize: PaperSize;
  timeZone?: string;
}

const MARGIN = 54;
const INK = rgb(0, 0, 0);
const GREY = rgb(0.35, 0.35, 0.35);
const LABEL_WIDTH = 120;
const VALUE_SIZE = 11;
const LEADING = 14;
const MAX_VALUE_LINES = 4;
const THUMBNAIL_WIDTH = 190;

export async function makeTransmissionReport(details: TransmissionReportDetails): Promise<Uint8Array> {
  if (!Array.isArray(details?.rows))
    throw new FaxError('invalid_input', 'The transmission report needs its table rows.', { field: 'rows' });
  if (!(details.printedAt instanceof Date) || Number.isNaN(details.printedAt.getTime()))
    throw new FaxError('invalid_input', 'The transmission report needs a valid print time.', { field: 'printedAt' });
  const paper = paperFor(details.paperSize);
  const doc = await PDFDocument.create();
  doc.setTitle('Transmission report');
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const charset = new Set(regular.getCharacterSet());
  // Newer ICU puts a narrow no-break space before AM/PM; Helvetica lacks it (as on the cover page).
  const text = (s: string) => makeEncodable(String(s ?? '').replace(/[\r\n\t]+/g, ' '), charset);
  const page: PDFPage = doc.addPage([paper.width, paper.height]);
  const right = paper.width - MARGIN;
  const width = right - MARGIN;
  const drawRight = (s: string, y: number, size: number, font: PDFFont, color = GREY) =>
    page.drawText(s, { x: right - font.widthOfTextAtSize(s, size), y, size, font, color });

  let y = paper.height - MARGIN - 22;
  page.drawText('TRANSMISSION REPORT', { x: MARGIN, y, size: 22, font: bold, color: INK });
  drawRight(text(`Printed ${formatCoverDate(details.printedAt, details.timeZone)}`), y + 4, 10, regular);
  y -= 18;
  page.drawText('Fax confirmation', { x: MARGIN, y, size: 12, font: regular, color: GREY });
  const station = [details.stationName, details.stationNumber].filter((s) => s.trim()).join('  ·  ') || 'Station name and number not set';
  drawRight(text(`From ${station}`), y, 10, regular);
  y -= 12;
  page.drawLine({ start: { x: MARGIN, y }, end: { x: right, y }, thickness: 2, color: INK });
  y -= 30;

  // The outcome first and large: the one thing a person looks for.
  const result = details.rows.find((row) => row.label === 'Result')?.value ?? (details.delivered ? 'OK' : 'Failed');
  const resultLines = wrapToWidth(text(result), bold, 16, width).slice(0, 2);
  for (const line of resultLines) {
    page.drawText(line, { x: MARGIN, y, size: 16, font: bold, color: INK });
    y -= 20;
  }
  y -= 10;

  for (const row of details.rows) {
    const lines = wrapToWidth(text(row.value || '—'), regular, VALUE_SIZE, width - LABEL_WIDTH);
    const shown = lines.length > MAX_VALUE_LINES ? [...lines.slice(0, MAX_VALUE_LINES - 1), `${lines[MAX_VALUE_LINES - 1]}…`] : lines;
    page.drawText(text(row.label.toUpperCase()), { x: MARGIN, y: y + 1, size: 9, font: bold, color: GREY });
    shown.forEach((line, i) =>
      page.drawText(line, { x: MARGIN + LABEL_WIDTH, y: y - i * LEADING, size: VALUE_SIZE, font: regular, color: INK }),
    );
    y -= shown.length * LEADING + 6;
    page.drawLine({ start: { x: MARGIN, y: y + 10 }, end: { x: right, y: y + 10 }, thickness: 0.4, color: rgb(0.75, 0.75, 0.75) });
  }
  y -= 16;

  page.drawText('FIRST PAGE AS SENT', { x: MARGIN, y, size: 9, font: bold, color: GREY });
  y -= 8;
  const room = y - MARGIN;
  if (details.firstPagePng) {
    const image = await doc.embedPng(details.firstPagePng);
    const scale = Math.min(THUMBNAIL_WIDTH / image.width, room / image.height);
    const w = image.width * scale;
    const h = image.height * scale;
    page.drawImage(image, { x: MARGIN, y: y - h, width: w, height: h });
    page.drawRectangle({ x: MARGIN, y: y - h, width: w, height: h, borderColor: INK, borderWidth: 0.75 });
  } else {
    page.drawText('(the document is no longer stored, so no picture of it can be shown)', {
      x: MARGIN,
      y: y - 14,
      size: 10,
      font: regular,
      color: GREY,
    });
  }
  return doc.save();
}
