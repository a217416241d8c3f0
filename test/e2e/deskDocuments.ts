// Documents the desk test drops on Send, made here so the test says what is in them.
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { createCanvas } from '@napi-rs/canvas';

export async function letterPdf(lines: string[], pages: number): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (let n = 1; n <= pages; n++) {
    const page = pdf.addPage([612, 792]);
    page.drawText(`Page ${n} of ${pages}`, { x: 72, y: 720, size: 28, font });
    lines.forEach((line, i) => page.drawText(line, { x: 72, y: 670 - i * 22, size: 16, font }));
    page.drawRectangle({ x: 72, y: 200, width: 300, height: 150, borderWidth: 4 });
  }
  return Buffer.from(await pdf.save());
}

/** An insurance-card-like image: black text and a frame on white. */
export function cardPng(): Buffer {
  const canvas = createCanvas(640, 400);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, 640, 400);
  ctx.strokeStyle = '#000';
  ctx.lineWidth = 8;
  ctx.strokeRect(20, 20, 600, 360);
  ctx.fillStyle = '#000';
  ctx.font = '40px sans-serif';
  ctx.fillText('INSURANCE CARD', 60, 120);
  ctx.fillText('Member 0042', 60, 200);
  return canvas.toBuffer('image/png');
}
