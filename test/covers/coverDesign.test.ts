// Cover page templates as the recipient sees them: the letterhead's logo really drawn where it
// belongs, the practice's details and every field in the PDF's text (read back by poppler and
// pdf.js), fields left off when the template says so, the confidentiality notice boxed at the
// top, and text too long for its place cut with a visible ellipsis, never off the page.
import { describe, expect, it } from 'vitest';
import { makeCoverPage, readCoverLogo, type CoverDesign, type CoverPageDetails } from '../../main/engine/imaging';
import { ALL_COVER_FIELDS } from '../../shared/coverTemplates';
import { FaxError } from '../../shared/errors';
import { probePdf, textLines } from '../imaging/pdfProbe';
import { inkIn, renderPage } from '../imaging/pageRender';
import { logoJpeg, logoPng, pdfImages, pdftotext } from './coverFixtures';

const details = (overrides: Partial<CoverPageDetails> = {}): CoverPageDetails => ({
  toName: 'Dr. Amara Ortiz',
  toNumber: '(202) 555-0199',
  fromName: 'Front desk',
  fromNumber: '(202) 555-0123',
  subject: 'Referral: knee MRI',
  notes: 'Please call the front desk once the report is ready.',
  totalPages: 4,
  date: new Date('2026-03-05T15:04:00Z'),
  timeZone: 'America/New_York',
  confidentialityNotice: 'CONFIDENTIAL: this fax may contain protected health information.',
  paperSize: 'letter',
  ...overrides,
});

const letterhead = (overrides: Partial<CoverDesign> = {}): CoverDesign => ({
  layout: 'letterhead',
  practice: {
    name: 'Riverside Family Clinic',
    address: '12 River Road\nSpringfield, IL 62701',
    phone: '(217) 555-0100',
    fax: '(217) 555-0101',
    email: 'frontdesk@riverside.example',
  },
  notice: '',
  fields: ALL_COVER_FIELDS,
  logo: readCoverLogo('logo.png', logoPng()),
  ...overrides,
});

function refusal(work: () => unknown): FaxError {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(FaxError);
    return error as FaxError;
  }
  throw new Error('expected a refusal');
}

/** Every piece of text inside the paper's margins (pdf.js positions, top-left origin). */
async function expectAllOnPage(pdf: Uint8Array) {
  const [page] = await probePdf(pdf);
  for (const t of page.text) {
    expect(t.x).toBeGreaterThanOrEqual(50);
    expect(t.x + t.width).toBeLessThanOrEqual(page.width - 50);
    expect(t.y).toBeGreaterThanOrEqual(40);
    expect(t.y).toBeLessThanOrEqual(page.height - 40);
  }
  return page;
}

describe('the letterhead template', () => {
  it('draws the logo at the top left and prints the practice details and every field', async () => {
    const pdf = await makeCoverPage(details(), letterhead());
    const text = pdftotext(pdf);
    for (const expected of [
      'Riverside Family Clinic',
      '12 River Road',
      'Springfield, IL 62701',
      'Phone (217) 555-0100',
      'Fax (217) 555-0101',
      'frontdesk@riverside.example',
      'Dr. Amara Ortiz',
      '(202) 555-0199',
      'Front desk',
      'Referral: knee MRI',
      '4 (including this cover)',
      'March 5, 2026',
      'Please call the front desk once the report is ready.',
      'CONFIDENTIAL: this fax may contain protected health information.',
    ])
      expect(text).toContain(expected);
    // The logo is one image on the page, as stored (300 × 120: small enough to keep whole).
    expect(pdfImages(pdf)).toEqual([{ width: 300, height: 120 }]);
    // Drawn 180 × 72 pt at the top-left margin: its black half is black on the page, its white half white.
    const page = renderPage(pdf, 1, 72);
    const at = (pt: number, side: 'x' | 'y') => pt / (side === 'x' ? 612 : 792);
    expect(inkIn(page, at(58, 'x'), at(58, 'y'), at(140, 'x'), at(122, 'y'))).toBeGreaterThan(0.97);
    expect(inkIn(page, at(148, 'x'), at(58, 'y'), at(230, 'x'), at(122, 'y'))).toBeLessThan(0.03);
    // The practice's name sits beside the logo, not under it.
    const [probed] = await probePdf(pdf);
    const name = probed.text.find((t) => t.str.includes('Riverside Family Clinic'))!;
    expect(name.x).toBeGreaterThan(54 + 180);
    expect(name.y).toBeLessThan(54 + 72);
  });

  it('takes a JPEG logo as well, and without a logo puts the practice at the margin', async () => {
    const withJpeg = await makeCoverPage(details(), letterhead({ logo: readCoverLogo('logo.jpg', logoJpeg()) }));
    expect(pdfImages(withJpeg)).toEqual([{ width: 300, height: 120 }]);
    expect(inkIn(renderPage(withJpeg, 1, 72), 58 / 612, 58 / 792, 140 / 612, 122 / 792)).toBeGreaterThan(0.9);

    const noLogo = await makeCoverPage(details(), letterhead({ logo: null }));
    expect(pdfImages(noLogo)).toEqual([]);
    const [page] = await probePdf(noLogo);
    expect(page.text.find((t) => t.str.includes('Riverside Family Clinic'))!.x).toBeCloseTo(54, 0);
  });

  it('leaves off the fields the template turns off', async () => {
    const pdf = await makeCoverPage(
      details(),
      letterhead({ fields: { recipient: true, sender: false, date: false, pages: true, subject: false, notes: false } }),
    );
    const text = pdftotext(pdf);
    expect(text).toContain('Dr. Amara Ortiz');
    expect(text).toContain('4 (including this cover)');
    for (const gone of ['FROM', 'Front desk', 'SUBJECT', 'Referral: knee MRI', 'NOTES', 'Please call', 'March 5, 2026'])
      expect(text).not.toContain(gone);
  });

  it('keeps a large logo small: scaled to what the letterhead needs, drawn inside its box', async () => {
    const logo = readCoverLogo('big.png', logoPng(3000, 600));
    expect([logo.width, logo.height]).toEqual([1200, 240]);
    const pdf = await makeCoverPage(details(), letterhead({ logo }));
    const page = renderPage(pdf, 1, 72);
    // 180 pt wide, 36 pt high: black up to 90 pt from the margin, nothing under the box.
    expect(inkIn(page, 58 / 612, 58 / 792, 140 / 612, 86 / 792)).toBeGreaterThan(0.97);
    expect(inkIn(page, 58 / 612, 94 / 792, 140 / 612, 100 / 792)).toBeLessThan(0.05);
  });

  it('cuts details too long for the page with an ellipsis and keeps everything on the paper', async () => {
    const long = (word: string, n: number) => Array.from({ length: n }, (_, i) => `${word}${i}`).join(' ');
    const pdf = await makeCoverPage(
      details({
        toName: 'Z'.repeat(300),
        subject: long('subject', 80),
        notes: long('note', 900),
        confidentialityNotice: long('notice', 400),
      }),
      letterhead({
        practice: {
          name: 'W'.repeat(120),
          address: `${long('street', 30)}\n${long('town', 30)}\n${long('county', 30)}\n${long('country', 30)}`,
          phone: '1'.repeat(120),
          fax: '2'.repeat(120),
          email: 'e'.repeat(120),
        },
      }),
    );
    const page = await expectAllOnPage(pdf);
    const lines = textLines(page);
    const cut = lines.filter((line) => line.endsWith('…'));
    // The practice name, the address (three lines kept of four), the numbers, the recipient, the subject, the notes, the notice.
    expect(cut.length).toBeGreaterThanOrEqual(6);
    expect(lines.join('\n')).toContain('street0 street1');
    expect(lines.join('\n')).not.toContain('country29');
  });
});

describe('the confidentiality notice template', () => {
  it('puts the notice in a box under the title, before the fields, and not again at the foot', async () => {
    const notice = 'This message is intended only for the named recipient. If you received it in error, call us at once.';
    const pdf = await makeCoverPage(details(), { ...letterhead(), layout: 'confidential', logo: null, notice });
    const [page] = await probePdf(pdf);
    const lines = textLines(page);
    // The date beside the title, then the title, then the box's heading and text.
    expect(lines[0]).toMatch(/^March 5, 2026 at 10:04\sAM$/);
    expect(lines.slice(1, 3)).toEqual(['CONFIDENTIAL FAX', 'CONFIDENTIALITY NOTICE']);
    const noticeAt = lines.findIndex((l) => l.startsWith('This message is intended'));
    const toAt = lines.findIndex((l) => l.startsWith('TO Dr. Amara Ortiz'));
    expect(noticeAt).toBe(3);
    expect(toAt).toBeGreaterThan(noticeAt);
    // The template's own notice replaces the one in Settings, and is printed once.
    expect(pdftotext(pdf)).not.toContain('protected health information');
    expect(lines.filter((l) => l.includes('intended only')).length).toBe(1);
  });

  it('uses the notice from Settings when the template has none, and cuts a very long one inside its box', async () => {
    const settingsNotice = await makeCoverPage(details(), { ...letterhead(), layout: 'confidential', logo: null, notice: '' });
    expect(pdftotext(settingsNotice)).toContain('protected health information');
    const long = Array.from({ length: 400 }, (_, i) => `word${i}`).join(' ');
    const pdf = await makeCoverPage(details(), { ...letterhead(), layout: 'confidential', logo: null, notice: long });
    const page = await expectAllOnPage(pdf);
    const lines = textLines(page);
    const last = lines.filter((l) => l.startsWith('word') || /^word|\bword\d+/.test(l)).at(-1)!;
    expect(last.endsWith('…')).toBe(true);
    expect(lines.join(' ')).not.toContain('word399');
    // The fields still follow the box.
    expect(lines.some((l) => l.startsWith('TO Dr. Amara Ortiz'))).toBe(true);
  });
});

describe('the plain template', () => {
  it('is today’s cover: with no design or the plain one the page is the same', async () => {
    const when = details();
    const a = textLines((await probePdf(await makeCoverPage(when)))[0]);
    const b = textLines((await probePdf(await makeCoverPage(when, { ...letterhead(), layout: 'plain', logo: null })))[0]);
    expect(b).toEqual(a);
    expect(a.slice(0, 2)).toEqual([expect.stringMatching(/^March 5, 2026/), 'FAX']);
  });

  it('refuses a design that is not one', async () => {
    for (const bad of [{ layout: 'fancy' }, { fields: { ...ALL_COVER_FIELDS, notes: 'yes' } }, { logo: { png: 'x', width: 1, height: 1 } }])
      await expect(makeCoverPage(details(), { ...letterhead(), ...(bad as object) } as CoverDesign)).rejects.toMatchObject({
        code: 'invalid_input',
      });
  });
});

describe('readCoverLogo', () => {
  const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>');

  it('refuses an SVG drawing like other markup, whatever its name', () => {
    for (const name of ['logo.svg', 'logo.png']) {
      const error = refusal(() => readCoverLogo(name, svg));
      expect(error.code).toBe('unsupported_type');
      expect(error.message).toBe(
        `${name} is an SVG drawing, not a picture Faxbot can put on a cover page: save it as a PNG or JPEG picture and add that.`,
      );
    }
  });

  it('refuses what is not a PNG or JPEG, saying what it looks like', () => {
    const gif = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1');
    expect(refusal(() => readCoverLogo('logo.gif', gif)).message).toBe(
      'logo.gif is not a PNG or JPEG picture (it looks like a GIF image): save it as a PNG or JPEG picture and add that.',
    );
    expect(refusal(() => readCoverLogo('logo.pdf', Buffer.from('%PDF-1.7\n%…'))).message).toMatch(
      /^logo\.pdf is not a PNG or JPEG picture \(it looks like a PDF\)/,
    );
    expect(refusal(() => readCoverLogo('notes.txt', Buffer.from('Our logo'))).message).toMatch(/^notes\.txt is a text file, not a picture/);
    expect(refusal(() => readCoverLogo('empty.png', new Uint8Array(0))).message).toBe(
      'empty.png is empty (0 bytes): choose the logo file again.',
    );
  });

  it('refuses a damaged PNG or JPEG, cut short or with a broken chunk', () => {
    const png = logoPng();
    const jpg = logoJpeg();
    const broken = Buffer.from(png);
    broken[broken.length - 20] ^= 0xff; // inside IDAT: its CRC no longer matches
    for (const [name, bytes, kind] of [
      ['cut.png', png.subarray(0, png.length - 30), 'PNG'],
      ['crc.png', broken, 'PNG'],
      ['cut.jpg', jpg.subarray(0, Math.floor(jpg.length / 2)), 'JPEG'],
      ['head.jpg', jpg.subarray(0, 30), 'JPEG'],
    ] as const) {
      const error = refusal(() => readCoverLogo(name, bytes));
      expect(error.code).toBe('unsupported_type');
      expect(error.message).toBe(
        `${name} is a damaged ${kind} picture Faxbot cannot read: open it in an image program, save it again as PNG or JPEG, and add that copy.`,
      );
    }
  });

  it('refuses a logo file over 2 MB and one with too many pixels, before decoding it', () => {
    const big = Buffer.concat([logoPng(), Buffer.alloc(3 * 1024 * 1024)]);
    const tooBig = refusal(() => readCoverLogo('huge.png', big));
    expect(tooBig.code).toBe('file_too_large');
    expect(tooBig.message).toBe(
      'huge.png is 3 MB, more than the 2 MB a logo can be: save it smaller (about 600 × 240 pixels is plenty) and add it again.',
    );
    // A header claiming 9000 pixels across: refused from the header alone.
    const wide = logoPng(9000, 2);
    const error = refusal(() => readCoverLogo('wide.png', wide));
    expect(error.code).toBe('file_too_large');
    expect(error.message).toMatch(/^wide\.png is 9000 × 2 pixels, too large for a logo: save it at most 4000 pixels a side/);
  });
});
