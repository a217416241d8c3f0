// Text that is not meant to be read as text: SVG drawings, web pages, XML and JSON data. (RTF
// is an office document: office.ts converts it with LibreOffice, or says to install it.)
// They decode as valid UTF-8, but faxing them as typewritten pages would send their source
// code, never what the person sees when they open the file. Plain text is decided by name and
// content: a .txt is text; any other name is text only when it carries no markup.

/** What kind of markup file this is, in words for a refusal; null when it is plain text. */
export function markupKind(fileName: string, text: string): { kind: string; howToFax: string } | null {
  const extension = /\.([a-z0-9]{1,8})$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  if (PLAIN_TEXT_EXTENSIONS.has(extension)) return null;
  const byName = MARKUP_BY_EXTENSION[extension];
  if (byName) return byName;
  return markupByContent(text);
}

const PLAIN_TEXT_EXTENSIONS = new Set(['txt', 'text']);

const PRINT_IT = 'open it in the program that shows it and print to the Faxbot printer, or save it as a PDF and add that';
const WEB_PAGE = {
  kind: 'a web page (HTML)',
  howToFax: 'open it in a browser and print it to the Faxbot printer, or save it as a PDF and add that',
};
const SVG = {
  kind: 'an SVG drawing',
  howToFax: 'open it in a browser or image program and print it to the Faxbot printer, or save it as PNG or PDF',
};
const XML = { kind: 'an XML data file', howToFax: PRINT_IT };
const JSON_DATA = { kind: 'a JSON data file', howToFax: PRINT_IT };
const SCRIPT = { kind: 'program source code', howToFax: 'copy the part to fax into a .txt file, or save it as a PDF' };

const MARKUP_BY_EXTENSION: Record<string, { kind: string; howToFax: string }> = {
  svg: SVG,
  svgz: SVG,
  html: WEB_PAGE,
  htm: WEB_PAGE,
  xhtml: WEB_PAGE,
  mht: WEB_PAGE,
  mhtml: WEB_PAGE,
  xml: XML,
  xsl: XML,
  xslt: XML,
  plist: XML,
  json: JSON_DATA,
  geojson: JSON_DATA,
  js: SCRIPT,
  mjs: SCRIPT,
  ts: SCRIPT,
  css: SCRIPT,
};

function markupByContent(text: string): { kind: string; howToFax: string } | null {
  const head = text
    .replace(/^\uFEFF/, '')
    .trimStart()
    .slice(0, 512)
    .toLowerCase();
  if (/^<svg[\s>]/.test(head) || (head.startsWith('<?xml') && head.includes('<svg'))) return SVG;
  if (/^<!doctype html|^<html[\s>]/.test(head)) return WEB_PAGE;
  if (head.startsWith('<?xml')) return XML;
  if ((head.startsWith('{') || head.startsWith('[')) && parsesAsJson(text)) return JSON_DATA;
  return null;
}

function parsesAsJson(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null;
  } catch {
    return false;
  }
}
