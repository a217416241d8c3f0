// Plain text becomes typewritten fax pages: wrapped at spaces, nothing cut, form feeds honoured.
import { describe, expect, it } from 'vitest';
import { normalizeDocument } from '../../main/engine/imaging';
import { FaxError } from '../../shared/errors';
import type { PaperSize } from '../../shared/model';
import { allText, probePdf, textLines } from './pdfProbe';

const LIMITS = { maxBytes: 5 * 1024 * 1024, maxPages: 50 };
const utf8 = (s: string) => new TextEncoder().encode(s);

async function faxText(text: string | Uint8Array, paperSize: PaperSize = 'letter', limits = LIMITS) {
  const bytes = typeof text === 'string' ? utf8(text) : text;
  const result = await normalizeDocument({ fileName: 'note.txt', bytes }, { paperSize, limits });
  expect(result.kind).toBe('text');
  const pages = await probePdf(result.pdf);
  expect(pages).toHaveLength(result.pages);
  return { result, pages };
}

describe('plain text', () => {
  it('wraps a 300-character line at word boundaries, every word on the page and none cut', async () => {
    const words = Array.from({ length: 40 }, (_, i) => `word${String(i).padStart(3, '0')}`);
    const line = words.join(' ');
    expect(line.length).toBeGreaterThanOrEqual(300);
    for (const paperSize of ['letter', 'a4'] as const) {
      const { pages } = await faxText(line, paperSize);
      expect(pages).toHaveLength(1);
      const lines = pages[0].text;
      expect(lines.length).toBeGreaterThan(3);
      // Every word whole, in order, and each line ends inside the paper.
      expect(
        lines
          .map((t) => t.str)
          .join(' ')
          .split(/\s+/),
      ).toEqual(words);
      for (const t of lines) expect(t.x + t.width).toBeLessThanOrEqual(pages[0].width - 36);
    }
  });

  it('breaks a word longer than a line rather than letting it run off the page', async () => {
    const word = 'x'.repeat(200);
    const { pages } = await faxText(`start ${word} end`);
    const text = pages[0].text.map((t) => t.str);
    expect(text.join('')).toBe(`start${word}end`);
    for (const t of pages[0].text) expect(t.x + t.width).toBeLessThanOrEqual(pages[0].width);
  });

  it('fills several pages with a long text, exactly as many as the lines need', async () => {
    const lines = Array.from({ length: 130 }, (_, i) => `Line ${i + 1} of the referral letter.`);
    const { result, pages } = await faxText(lines.join('\n'));
    expect(result.pages).toBe(3); // 52 lines fit on a Letter page
    expect(allText(pages)).toContain('Line 130 of the referral letter.');
    expect(textLines(pages[2])[0]).toBe('Line 105 of the referral letter.');
  });

  it('starts a new page at each form feed, and ignores a trailing one', async () => {
    const { result, pages } = await faxText('first page\fsecond page\f');
    expect(result.pages).toBe(2);
    expect(pages.map((p) => p.text.map((t) => t.str).join(' '))).toEqual(['first page', 'second page']);
  });

  it('expands tabs to the next eight-column stop', async () => {
    const { pages } = await faxText('ab\tcd\r\n1234567890\tz');
    const column = 11 * 0.6; // Courier 11 pt
    const at = (s: string) => {
      const item = pages[0].text.find((t) => t.str.trim().startsWith(s) || t.str.trim().endsWith(s))!;
      return item.x + item.str.indexOf(s) * column;
    };
    expect(textLines(pages[0])).toEqual(['ab cd', '1234567890 z']);
    expect(at('cd') - at('ab')).toBeCloseTo(8 * column, 0);
    expect(at('z') - at('1234567890')).toBeCloseTo(16 * column, 0);
  });

  it('keeps accented letters, quotes and the euro sign, and replaces characters the font lacks instead of crashing', async () => {
    const { pages } = await faxText('Grüße — “Zoë” costs €5 · 日本 🙂 ő');
    const text = allText(pages);
    expect(text).toContain('Grüße — “Zoë” costs €5 ·');
    expect(text).toContain('?? ? o'); // CJK and emoji become "?", ő loses only its accent
  });

  it('reads UTF-16 text with a byte-order mark, as Windows Notepad saves it', async () => {
    const body = Buffer.from('Hello from Notepad', 'utf16le');
    const { pages } = await faxText(new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), body])));
    expect(allText(pages)).toBe('Hello from Notepad');
  });

  it('refuses a text file with nothing but blank space as empty', async () => {
    const error = await normalizeDocument(
      { fileName: 'blank.txt', bytes: utf8(' \n\t\r\n\f ') },
      { paperSize: 'letter', limits: LIMITS },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FaxError);
    expect((error as FaxError).code).toBe('empty_file');
    expect((error as FaxError).message).toContain('blank.txt has no text');
  });

  it('refuses a text that would run past the page limit', async () => {
    const error = await faxText('line\n'.repeat(52 * 3 + 1), 'letter', { maxBytes: 1e6, maxPages: 3 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FaxError);
    expect((error as FaxError).code).toBe('too_many_pages');
    expect((error as FaxError).message).toBe('note.txt has 4 pages, more than the 3-page limit for one fax: split it into smaller faxes.');
  });
});
