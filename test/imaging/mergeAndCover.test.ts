// One fax from several documents, in the order given, with a cover sheet a person can read.
import { describe, expect, it } from 'vitest';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { countPdfPages, makeCoverPage, mergeDocuments, normalizeDocument, type CoverPageDetails } from '../../main/engine/imaging';
import { FaxError } from '../../shared/errors';
import { allText, probePdf, textLines } from './pdfProbe';

async function labelledPdf(label: string, pages: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < pages; i++) doc.addPage([612, 792]).drawText(`${label} ${i + 1}`, { x: 72, y: 700, size: 20, font });
  return doc.save();
}

async function refusal(work: Promise<unknown>): Promise<FaxError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FaxError);
  return error as FaxError;
}

const details = (overrides: Partial<CoverPageDetails> = {}): CoverPageDetails => ({
  toName: 'Dr. Amara Ortiz',
  toNumber: '+1 (555) 010-0199',
  fromName: 'Riverside Family Clinic',
  fromNumber: '+1 (555) 010-0123',
  subject: 'Referral: knee MRI',
  notes: 'Please call the front desk once the report is ready.\n\nThank you.',
  totalPages: 4,
  date: new Date('2026-03-05T15:04:00Z'),
  timeZone: 'America/New_York',
  confidentialityNotice:
    'CONFIDENTIAL: this fax may contain protected health information. If you received it in error, call the sender and destroy it.',
  paperSize: 'letter',
  ...overrides,
});

describe('mergeDocuments', () => {
  it('puts the documents together in the order given, counting every page', async () => {
    const merged = await mergeDocuments([await labelledPdf('Cover', 1), await labelledPdf('Lab', 2), await labelledPdf('Letter', 3)], {
      maxPages: 10,
    });
    expect(merged.pages).toBe(6);
    expect(await countPdfPages(merged.pdf)).toBe(6);
    const pages = await probePdf(merged.pdf);
    expect(pages.map((p) => allText([p]))).toEqual(['Cover 1', 'Lab 1', 'Lab 2', 'Letter 1', 'Letter 2', 'Letter 3']);
  });

  it('merges normalized documents of different kinds into Letter pages', async () => {
    const options = { paperSize: 'letter' as const, limits: { maxBytes: 1e6, maxPages: 10 } };
    const text = await normalizeDocument({ fileName: 'note.txt', bytes: new TextEncoder().encode('Typed note') }, options);
    const pdf = await normalizeDocument({ fileName: 'a4.pdf', bytes: await labelledPdf('Report', 2) }, options);
    const merged = await mergeDocuments([pdf.pdf, text.pdf], { maxPages: 10 });
    const pages = await probePdf(merged.pdf);
    expect(pages.map((p) => [p.width, p.height])).toEqual([
      [612, 792],
      [612, 792],
      [612, 792],
    ]);
    expect(allText([pages[2]])).toBe('Typed note');
  });

  it('refuses a set with more pages than the limit', async () => {
    const error = await refusal(mergeDocuments([await labelledPdf('A', 3), await labelledPdf('B', 3)], { maxPages: 5 }));
    expect(error.code).toBe('too_many_pages');
    expect(error.message).toBe('This fax has 6 pages, more than the 5-page limit for one fax: split it into smaller faxes.');
  });

  it('refuses an empty set, an empty document, a broken one and a bad limit', async () => {
    expect((await refusal(mergeDocuments([], { maxPages: 5 }))).code).toBe('no_documents');
    expect((await refusal(mergeDocuments([new Uint8Array(0)], { maxPages: 5 }))).code).toBe('invalid_input');
    expect((await refusal(mergeDocuments([new TextEncoder().encode('%PDF-1.4 rubbish')], { maxPages: 5 }))).code).toBe('pdf_damaged');
    expect((await refusal(mergeDocuments([await labelledPdf('A', 1)], { maxPages: 0 }))).code).toBe('invalid_input');
    expect((await refusal(mergeDocuments(null as never, { maxPages: 5 }))).code).toBe('no_documents');
  });
});

describe('countPdfPages', () => {
  it('counts pages, and calls unreadable bytes damaged', async () => {
    expect(await countPdfPages(await labelledPdf('P', 7))).toBe(7);
    expect((await refusal(countPdfPages(new Uint8Array([1, 2, 3])))).code).toBe('pdf_damaged');
  });
});

describe('makeCoverPage', () => {
  it('shows who it is to and from, the subject, notes, page count, a readable date and the notice on one page', async () => {
    const pdf = await makeCoverPage(details());
    const [page, ...rest] = await probePdf(pdf);
    expect(rest).toHaveLength(0);
    expect([page.width, page.height]).toEqual([612, 792]);
    const lines = textLines(page);
    expect(lines.slice(0, 2)).toEqual(expect.arrayContaining(['FAX', expect.stringMatching(/^March 5, 2026 at 10:04\sAM$/)]));
    const text = lines.join('\n');
    for (const expected of [
      'TO Dr. Amara Ortiz',
      'FAX +1 (555) 010-0199',
      'FROM Riverside Family Clinic',
      'FAX +1 (555) 010-0123',
      'SUBJECT Referral: knee MRI',
      'PAGES 4 (including this cover)',
      'NOTES',
      'Please call the front desk once the report is ready.\nThank you.',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).toContain('CONFIDENTIAL: this fax may contain protected health information.');
    expect(text).not.toMatch(/2026-03-05/); // for people, not ISO
    expect(text).not.toContain('?'); // line breaks in the notes are breaks, not unknown characters
  });

  it('wraps long notes and ends them with an ellipsis when they would run into the notice', async () => {
    const notes = Array.from({ length: 600 }, (_, i) => `note${i}`).join(' ');
    const pdf = await makeCoverPage(details({ notes, paperSize: 'a4' }));
    const [page] = await probePdf(pdf);
    expect([page.width, page.height]).toEqual([595.28, 841.89]);
    const lines = textLines(page);
    const noteLines = lines.slice(
      lines.indexOf('NOTES') + 1,
      lines.findIndex((l) => l.startsWith('CONFIDENTIAL')),
    );
    expect(noteLines.length).toBeGreaterThan(10);
    expect(noteLines.at(-1)!.endsWith('…')).toBe(true);
    expect(noteLines.join(' ')).toContain('note0 note1 note2');
    // Everything stays on the paper, above the notice.
    for (const t of page.text) expect(t.x + t.width).toBeLessThanOrEqual(page.width - 50);
  });

  it('copes with empty names, one enormous word, control characters and scripts the font lacks', async () => {
    const pdf = await makeCoverPage(
      details({
        toName: '',
        fromName: '',
        subject: 'x'.repeat(500),
        notes: `${'y'.repeat(4000)}\u0007\ttabbed 日本語`,
        confidentialityNotice: '',
      }),
    );
    const [page] = await probePdf(pdf);
    const text = textLines(page).join('\n');
    expect(text).toContain('TO +1 (555) 010-0199');
    expect(text).toContain('FROM +1 (555) 010-0123');
    for (const t of page.text) expect(t.x + t.width).toBeLessThanOrEqual(page.width - 50);
  });

  it('falls back to the machine time zone for an unknown one', async () => {
    const pdf = await makeCoverPage(details({ timeZone: 'Mars/Olympus_Mons' }));
    expect(allText(await probePdf(pdf))).toContain('2026');
  });

  it('refuses missing or impossible details with invalid_input', async () => {
    const bad: Array<Partial<CoverPageDetails>> = [
      { totalPages: 0 },
      { totalPages: 2.5 },
      { date: new Date('nonsense') },
      { toNumber: 42 as unknown as string },
      { notes: undefined as unknown as string },
      { paperSize: 'legal' as never },
    ];
    for (const override of bad) expect((await refusal(makeCoverPage(details(override)))).code).toBe('invalid_input');
  });
});
