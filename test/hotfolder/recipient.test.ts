// The number a printed document names, in its file name or on its first page: only numbers
// that pass the Send screen's own check count.
import { describe, expect, it } from 'vitest';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { firstPageText, numberFromFileName, numberFromText } from '../../main/engine/hotfolder';

async function pdfWithLines(lines: string[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([612, 792]);
  lines.forEach((line, i) => page.drawText(line, { x: 72, y: 700 - i * 20, size: 12, font }));
  doc.addPage([612, 792]).drawText('Fax: (202) 555-0199', { x: 72, y: 700, size: 12, font });
  return doc.save();
}

describe('the number in a printed file name', () => {
  it.each([
    ['fax to +1 202 555 0143 - referral.pdf', '+12025550143'],
    ['Fax To (202) 555-0143.pdf', '+12025550143'],
    ['FAX_TO_2025550143_referral.pdf', '+12025550143'],
    ['fax-to-+44 20 7946 0018 - letter.pdf', '+442079460018'],
    ['faxto+12025550143.pdf', '+12025550143'],
    ['Referral - faxed to 202.555.0143.txt', '+12025550143'],
  ])('finds it in %s', (name, expected) => {
    expect(numberFromFileName(name, 'US')).toBe(expected);
  });

  it.each([
    'referral.pdf',
    'fax to 12.pdf',
    'tax to 2025550143.pdf',
    'fax to 202 555 01.pdf',
    'fax to +999 123 456 789 0.pdf',
    'fax to (202) ABC-0143.pdf',
    '',
    'fax to ' + '9'.repeat(400) + '.pdf',
  ])('finds none in %j', (name) => {
    expect(numberFromFileName(name, 'US')).toBeNull();
  });
});

describe('the number on a first page', () => {
  it('reads a "Fax:" line and skips the station’s own number', () => {
    expect(numberFromText('Dr Amy Lee\nFax: (202) 555-0143\nPhone: 1', 'US')).toBe('+12025550143');
    expect(numberFromText('Fax No.: +1 202 555 0177\nFax: 202 555 0143', 'US', '+12025550177')).toBe('+12025550143');
    expect(numberFromText('Faxed yesterday\nfax: not given\nFax: 12', 'US')).toBeNull();
  });

  it('reads the first page’s text layer only', async () => {
    const pdf = await pdfWithLines(['Referral for Amy Lee', 'Fax: (202) 555-0143']);
    const text = await firstPageText(pdf);
    expect(text).toContain('Referral for Amy Lee');
    expect(numberFromText(text, 'US')).toBe('+12025550143');
    expect(text).not.toContain('0199');
  });

  it('answers no text for bytes that are not a PDF', async () => {
    expect(await firstPageText(new TextEncoder().encode('not a pdf at all'))).toBe('');
    expect(await firstPageText(new Uint8Array())).toBe('');
  });
});
