// The top of a cover page, as a template designs it: the plain "FAX" title; a letterhead with
// the practice's logo, name, address and numbers; or a boxed confidentiality notice under the
// title. Every piece of text is fitted to its place (cut with an ellipsis, never off the page).
import { rgb } from 'pdf-lib';
import { FaxError } from '../../../shared/errors';
import { ALL_COVER_FIELDS, COVER_FIELDS, COVER_LAYOUTS, type CoverFields, type CoverLayout } from '../../../shared/coverTemplates';
import type { CoverPractice } from '../../../shared/coverTemplates';
import { COVER_MARGIN as MARGIN, type CoverCanvas } from './coverText';

/** A logo already checked and normalized by readCoverLogo: a PNG of this size. */
export interface CoverLogo {
  png: Uint8Array;
  width: number;
  height: number;
}

export interface CoverDesign {
  layout: CoverLayout;
  practice: CoverPractice;
  /** The notice to print; '' uses the details' confidentiality notice (Settings → General). */
  notice: string;
  fields: CoverFields;
  logo: CoverLogo | null;
}

export const PLAIN_DESIGN: CoverDesign = {
  layout: 'plain',
  practice: { name: '', address: '', phone: '', fax: '', email: '' },
  notice: '',
  fields: ALL_COVER_FIELDS,
  logo: null,
};

const INK = rgb(0, 0, 0);
const GREY = rgb(0.35, 0.35, 0.35);
/** The most room a logo takes at the top left: 2.5 × 1 inches. */
const LOGO_BOX = { width: 180, height: 72 };

export function checkDesign(design: CoverDesign): void {
  const bad = (what: string) => new FaxError('invalid_input', `The cover page template is not usable: ${what}.`, { field: 'template' });
  if (!design || !(COVER_LAYOUTS as readonly string[]).includes(design.layout))
    throw bad('its layout is not plain, letterhead or confidential');
  if (typeof design.notice !== 'string') throw bad('its notice must be text');
  for (const field of COVER_FIELDS) if (typeof design.fields?.[field] !== 'boolean') throw bad(`say whether it shows ${field}`);
  for (const part of ['name', 'address', 'phone', 'fax', 'email'] as const)
    if (typeof design.practice?.[part] !== 'string') throw bad(`the practice ${part} must be text`);
  if (design.logo && !(design.logo.png instanceof Uint8Array && design.logo.width > 0 && design.logo.height > 0))
    throw bad('its logo is not a checked picture');
}

/** Draws the head of the page and answers where the fields begin (y, from the bottom). */
export async function drawCoverHeader(canvas: CoverCanvas, design: CoverDesign, shown: { date: string; notice: string }): Promise<number> {
  const top = canvas.paper.height - MARGIN;
  if (design.layout === 'letterhead') {
    const below = await drawLetterhead(canvas, design, top);
    return drawTitle(canvas, 'FAX', 30, below - 40, shown.date) - 34;
  }
  if (design.layout === 'confidential') {
    const below = drawTitle(canvas, 'CONFIDENTIAL FAX', 30, top - 30, shown.date);
    return drawNoticeBox(canvas, shown.notice, below - 18) - 30;
  }
  return drawTitle(canvas, 'FAX', 48, top - 48, shown.date) - 34;
}

/** The title at the left, the date at the right on the same line, a heavy rule under them; answers the rule's y. */
function drawTitle(canvas: CoverCanvas, title: string, size: number, y: number, date: string): number {
  const { page, paper, bold, regular, text, contentWidth } = canvas;
  page.drawText(text.fit(title, bold, size, contentWidth / 2 + 40), { x: MARGIN, y, size, font: bold, color: INK });
  if (date) {
    const dateText = text.fit(date, regular, 11, contentWidth / 2 - 50);
    page.drawText(dateText, {
      x: paper.width - MARGIN - regular.widthOfTextAtSize(dateText, 11),
      y: y + 4,
      size: 11,
      font: regular,
      color: GREY,
    });
  }
  const rule = y - 18;
  page.drawLine({ start: { x: MARGIN, y: rule }, end: { x: paper.width - MARGIN, y: rule }, thickness: 2, color: INK });
  return rule;
}

/** Logo at the left, the practice's name, address and numbers beside it; answers the y under both. */
async function drawLetterhead(canvas: CoverCanvas, design: CoverDesign, top: number): Promise<number> {
  const { doc, page, regular, bold, text, contentWidth } = canvas;
  let textLeft = MARGIN;
  let bottom = top;
  if (design.logo) {
    const image = await doc.embedPng(design.logo.png);
    const scale = Math.min(LOGO_BOX.width / design.logo.width, LOGO_BOX.height / design.logo.height, 1);
    const width = design.logo.width * scale;
    const height = design.logo.height * scale;
    page.drawImage(image, { x: MARGIN, y: top - height, width, height });
    textLeft = MARGIN + width + 18;
    bottom = top - height;
  }
  const width = contentWidth - (textLeft - MARGIN);
  const { name, address, phone, fax, email } = design.practice;
  let y = top - 16;
  if (name) {
    page.drawText(text.fit(name, bold, 16, width), { x: textLeft, y, size: 16, font: bold, color: INK });
    y -= 17;
  }
  for (const line of text.lines(address, regular, 10, width, 3)) {
    page.drawText(line, { x: textLeft, y, size: 10, font: regular, color: INK });
    y -= 13;
  }
  const numbers = [phone && `Phone ${phone}`, fax && `Fax ${fax}`, email].filter(Boolean).join('  ·  ');
  for (const line of text.lines(numbers, regular, 10, width, 2)) {
    page.drawText(line, { x: textLeft, y, size: 10, font: regular, color: GREY });
    y -= 13;
  }
  return Math.min(bottom, y + 13 - 4);
}

/** The notice in a ruled box under the title, heading and all; answers the y under the box. */
function drawNoticeBox(canvas: CoverCanvas, notice: string, top: number): number {
  const { page, regular, bold, text, contentWidth } = canvas;
  const padding = 10;
  const size = 9.5;
  const leading = 12.5;
  const lines = text.lines(notice, regular, size, contentWidth - 2 * padding, 9);
  if (lines.length === 0) return top;
  const height = padding + 13 + lines.length * leading + padding - 2;
  page.drawRectangle({ x: MARGIN, y: top - height, width: contentWidth, height, borderColor: INK, borderWidth: 1.5 });
  let y = top - padding - 10;
  page.drawText('CONFIDENTIALITY NOTICE', { x: MARGIN + padding, y, size: 10, font: bold, color: INK });
  y -= 15;
  for (const line of lines) {
    page.drawText(line, { x: MARGIN + padding, y, size, font: regular, color: INK });
    y -= leading;
  }
  return top - height;
}
