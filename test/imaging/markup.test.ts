// Markup is not plain text: an SVG, a web page, XML or JSON decodes as UTF-8, but faxing it as
// typewritten pages would send its source. Plain text is decided by name and content.
import { describe, expect, it } from 'vitest';
import { normalizeDocument } from '../../main/engine/imaging';
import { FaxError } from '../../shared/errors';

const LIMITS = { maxBytes: 2 * 1024 * 1024, maxPages: 20 };
const utf8 = (text: string) => new TextEncoder().encode(text);
const fax = (fileName: string, text: string) => normalizeDocument({ fileName, bytes: utf8(text) }, { paperSize: 'letter', limits: LIMITS });

async function refusal(fileName: string, text: string): Promise<FaxError> {
  const error = await fax(fileName, text).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, `${fileName} should be refused`).toBeInstanceOf(FaxError);
  return error as FaxError;
}

const SVG = '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle r="4"/></svg>\n';
const HTML = '<!DOCTYPE html>\n<html><head><title>Referral</title></head><body><p>Dear Dr. Ortiz</p></body></html>\n';

describe('markup files are refused, never faxed as their source', () => {
  it.each([
    ['logo.svg', SVG, /logo\.svg is an SVG drawing: Faxbot would fax its source code, not what it shows\. To fax it, open it in a browser/],
    ['referral.html', HTML, /referral\.html is a web page \(HTML\).*print it to the Faxbot printer/],
    ['page.htm', '<p>hello</p>', /a web page/],
    ['order.xml', '<order><item>gauze</item></order>', /an XML data file/],
    ['patient.json', '{"name": "Jane Roe"}', /a JSON data file/],
  ])('refuses %s by its name, saying what it is and how to fax it', async (name, text, message) => {
    const error = await refusal(name, text);
    expect(error.code).toBe('unsupported_type');
    expect(error.field).toBe('file');
    expect(error.message).toMatch(message);
  });

  it.each([
    ['scan-0001', SVG, /an SVG drawing/],
    ['upload', HTML, /a web page/],
    ['printed.dat', '  <!doctype html><title>x</title>', /a web page/],
    ['export', '[{"to": "+12025550143"}]', /a JSON data file/],
    ['feed', '<?xml version="1.0"?><rss/>', /an XML data file/],
  ])('refuses markup by its content when the name says nothing (%s)', async (name, text, message) => {
    expect((await refusal(name, text)).message).toMatch(message);
  });

  it.each([
    ['note.txt', '<svg> is how an SVG file starts; this note explains it.'],
    ['note.TXT', '{"this": "is what the person chose to fax as text"}'],
    ['memo', 'Patient seen 3/4. BP < 140/90 and weight > last visit.\n[1] Follow up in 2 weeks.'],
    ['results.csv', 'name,fax\nDr. Ortiz,+12025550143\n'],
    ['printer-job', '{ not JSON at all, just a brace at the start of a line }'],
  ])('still faxes plain text as text (%s)', async (name, text) => {
    const result = await fax(name, text);
    expect(result.kind).toBe('text');
    expect(result.pages).toBe(1);
  });
});
