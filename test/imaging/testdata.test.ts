// Every real-world PDF in shared/testdata gets the outcome its README row asks for.
import { describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { normalizeDocument, countPdfPages } from '../../main/engine/imaging';
import { FaxError } from '../../shared/errors';
import type { PaperSize } from '../../shared/model';
import { allText, fixture, probePdf, type ProbedPage } from './pdfProbe';

const LIMITS = { maxBytes: 20 * 1024 * 1024, maxPages: 200 };
const PAPER_PT: Record<PaperSize, [number, number]> = { letter: [612, 792], a4: [595.28, 841.89] };

async function normalize(name: string, paperSize: PaperSize = 'letter') {
  return normalizeDocument({ fileName: name, bytes: fixture(`pdfs/${name}`) }, { paperSize, limits: LIMITS });
}

async function refusal(work: Promise<unknown>): Promise<FaxError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FaxError);
  return error as FaxError;
}

/** Every page exactly the paper, portrait, no /Rotate left for a fax machine to misread. */
async function expectFaxPages(pdf: Uint8Array, paperSize: PaperSize, pages: number): Promise<ProbedPage[]> {
  const [w, h] = PAPER_PT[paperSize];
  const doc = await PDFDocument.load(pdf);
  expect(doc.getPageCount()).toBe(pages);
  for (const page of doc.getPages()) {
    expect(page.getWidth()).toBeCloseTo(w, 2);
    expect(page.getHeight()).toBeCloseTo(h, 2);
    expect(page.getRotation().angle % 360).toBe(0);
  }
  const probed = await probePdf(pdf);
  expect(probed).toHaveLength(pages);
  return probed;
}

/** No word runs off the paper: every text origin lies on the page. */
function expectNothingCropped(pages: ProbedPage[]): void {
  for (const page of pages) {
    for (const t of page.text) {
      expect(t.x).toBeGreaterThanOrEqual(-0.5);
      expect(t.x).toBeLessThanOrEqual(page.width + 0.5);
      expect(t.y).toBeGreaterThanOrEqual(-0.5);
      expect(t.y).toBeLessThanOrEqual(page.height + 0.5);
    }
  }
}

describe('the pdf.js test documents', () => {
  const sends: Array<[string, number]> = [
    ['tracemonkey.pdf', 14],
    ['TAMReview.pdf', 23],
    ['160F-2019.pdf', 1],
    ['rotated.pdf', 1],
    ['ccitt_EndOfBlock_false.pdf', 1],
    ['scan-bad.pdf', 1],
    ['alphatrans.pdf', 1],
    ['devicen.pdf', 1],
    ['mixedfonts.pdf', 1],
  ];
  for (const [name, pages] of sends) {
    it(`sends ${name} as ${pages} Letter page(s)`, async () => {
      const result = await normalize(name);
      expect(result).toMatchObject({ kind: 'pdf', pages });
      await expectFaxPages(result.pdf, 'letter', pages);
      expect(await countPdfPages(result.pdf)).toBe(pages);
    });
  }

  it('keeps every word of tracemonkey.pdf as vector text, nothing cropped', async () => {
    const original = await probePdf(fixture('pdfs/tracemonkey.pdf'));
    const result = await normalize('tracemonkey.pdf');
    const probed = await expectFaxPages(result.pdf, 'letter', 14);
    expect(probed.map((p) => p.text.length)).toEqual(original.map((p) => p.text.length));
    expectNothingCropped(probed);
  });

  it('scales A4 TAMReview.pdf to Letter when Letter is chosen, and keeps A4 when A4 is', async () => {
    const letter = await normalize('TAMReview.pdf', 'letter');
    const probed = await expectFaxPages(letter.pdf, 'letter', 23);
    expectNothingCropped(probed);
    const a4 = await normalize('TAMReview.pdf', 'a4');
    await expectFaxPages(a4.pdf, 'a4', 23);
  });

  it('keeps the filled values of prefilled_f1040.pdf visible after flattening the form', async () => {
    const result = await normalize('prefilled_f1040.pdf');
    const probed = await expectFaxPages(result.pdf, 'letter', 2);
    expect(allText([probed[1]])).toContain('foobar');
    // Flattened: no form fields are left for a fax renderer to drop.
    const doc = await PDFDocument.load(result.pdf);
    expect(doc.getForm().getFields()).toHaveLength(0);
  });

  it('turns the /Rotate 90 pages of hello_world_rotated.pdf so the text reads left to right on portrait paper', async () => {
    const result = await normalize('hello_world_rotated.pdf');
    const probed = await expectFaxPages(result.pdf, 'letter', 5);
    for (const page of probed) {
      expect(page.text.map((t) => t.str).join(' ')).toContain('Hello');
      for (const t of page.text) expect(t.angle).toBe(0);
    }
  });

  it('shows every page of rotation.pdf and hello_world_rotated.pdf as displayed, turned a quarter only when landscape', async () => {
    for (const name of ['rotation.pdf', 'hello_world_rotated.pdf', 'sizes.pdf']) {
      const shown = await probePdf(fixture(`pdfs/${name}`));
      const faxed = await probePdf((await normalize(name)).pdf);
      expect(faxed).toHaveLength(shown.length);
      shown.forEach((page, i) => {
        const landscape = page.width > page.height;
        const expected = page.text.map((t) => (t.angle + (landscape ? 270 : 0)) % 360);
        expect(faxed[i].text.map((t) => t.str)).toEqual(page.text.map((t) => t.str));
        expect(faxed[i].text.map((t) => t.angle)).toEqual(expected);
      });
    }
  });

  it('normalizes every page of sizes.pdf to portrait Letter, turning the landscape pages, cropping nothing', async () => {
    const result = await normalize('sizes.pdf');
    const probed = await expectFaxPages(result.pdf, 'letter', 3);
    expectNothingCropped(probed);
    const original = await probePdf(fixture('pdfs/sizes.pdf'));
    expect(original.map((p) => p.width > p.height)).toEqual([false, true, true]);
    // The landscape pages' words now run up the page (a quarter turn counter-clockwise).
    for (const i of [1, 2]) for (const t of probed[i].text) expect(t.angle).toBe(270);
    for (const t of probed[0].text) expect(t.angle).toBe(0);
  });

  it('refuses issue11878_reduced.pdf (3 × 3 pt pages) as too small, with a reason', async () => {
    const error = await refusal(normalize('issue11878_reduced.pdf'));
    expect(error.code).toBe('page_too_small');
    expect(error.message).toMatch(/Page 1 of issue11878_reduced\.pdf is only 0\.04 × 0\.04 inches/);
  });

  for (const name of ['issue3371.pdf', 'issue6010_1.pdf']) {
    it(`refuses the encrypted ${name} as password-protected`, async () => {
      const error = await refusal(normalize(name));
      expect(error.code).toBe('pdf_encrypted');
      expect(error.message).toBe('This PDF is password-protected: open it, print or save it without a password, and add it again.');
    });
  }

  for (const name of ['GHOSTSCRIPT-698804-1-fuzzed.pdf', 'PDFBOX-3148-2-fuzzed.pdf']) {
    it(`either repairs the fuzzed ${name} into a valid fax PDF or refuses it as damaged`, async () => {
      const outcome = await normalize(name).then(
        (r) => r,
        (e: unknown) => e,
      );
      if (outcome instanceof FaxError) {
        expect(outcome.code).toBe('pdf_damaged');
        return;
      }
      const result = outcome as Awaited<ReturnType<typeof normalize>>;
      expect(result.pages).toBeGreaterThan(0);
      await expectFaxPages(result.pdf, 'letter', result.pages);
    });
  }
});
