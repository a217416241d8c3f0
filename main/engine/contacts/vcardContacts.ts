// Contacts from vCard 3.0 and 4.0 files (ical.js, Mozilla's parser: folded lines, escaped
// text, TYPE parameters, many cards to a file). The file is cut into its cards first, so
// one card ical.js cannot read is reported with its line and the others still import.
import ICAL from 'ical.js';
import { CONTACT_IMPORT_MAX_ROWS } from '../../../shared/contacts';
import { FaxError } from '../../../shared/errors';
import type { ImportRecord } from './importRecord';

export function readVcardContacts(text: string): ImportRecord[] {
  const lines = text.split(/\r\n|\r|\n/);
  const records: ImportRecord[] = [];
  let start = -1;
  const cardAt = (line: number, problem: string): ImportRecord => ({
    line,
    where: `The card on line ${line}`,
    name: '',
    organization: '',
    fax: '',
    phone: '',
    email: '',
    notes: '',
    problem,
    missingFax: '',
  });
  for (let i = 0; i < lines.length; i++) {
    if (/^BEGIN:VCARD\s*$/i.test(lines[i])) {
      if (start >= 0) records.push(cardAt(start + 1, `The card on line ${start + 1} has no END:VCARD before the next card begins.`));
      start = i;
    } else if (/^END:VCARD\s*$/i.test(lines[i]) && start >= 0) {
      records.push(readCard(lines.slice(start, i + 1).join('\r\n'), start + 1));
      start = -1;
    }
    if (records.length > CONTACT_IMPORT_MAX_ROWS)
      throw new FaxError(
        'file_too_large',
        `The file has more than ${CONTACT_IMPORT_MAX_ROWS.toLocaleString('en-US')} cards, the most one import takes: split it into smaller files and import each.`,
        { field: 'file' },
      );
  }
  if (start >= 0) records.push(cardAt(start + 1, `The card on line ${start + 1} never ends (no END:VCARD): the file may be cut short.`));
  return records;
}

function readCard(text: string, line: number): ImportRecord {
  const empty = { line, where: `The card on line ${line}`, name: '', organization: '', fax: '', phone: '', email: '', notes: '' };
  let card: ICAL.Component;
  try {
    card = new ICAL.Component(ICAL.parse(text) as unknown[]);
  } catch (error) {
    const version = /^VERSION:(.*)$/im.exec(text)?.[1]?.trim();
    const why =
      version && !['3.0', '4.0'].includes(version)
        ? `it is vCard ${version.slice(0, 10)}; export the contacts as vCard 3.0 or 4.0`
        : (error as Error).message.replace(/\s+/g, ' ').slice(0, 160);
    return { ...empty, problem: `The card on line ${line} could not be read: ${why}.`, missingFax: '' };
  }
  const value = (name: string) => textOf(card.getFirstPropertyValue(name));
  const tels = card.getAllProperties('tel').map((property) => ({
    types: typesOf(property.getParameter('type')),
    number: textOf(property.getFirstValue()).replace(/^tel:/i, ''),
  }));
  const fax = tels.find((tel) => tel.types.includes('fax'));
  const phone = tels.find((tel) => !tel.types.includes('fax'));
  return {
    ...empty,
    name: value('fn') || nameFromN(card.getFirstPropertyValue('n')),
    organization: orgOf(card.getFirstPropertyValue('org')),
    fax: fax?.number ?? '',
    phone: phone?.number ?? '',
    email: value('email'),
    notes: value('note'),
    problem: null,
    missingFax: `The card on line ${line}${value('fn') ? ` (${value('fn').slice(0, 60)})` : ''} has no fax number: none of its TEL lines is marked TYPE=fax.`,
  };
}

function textOf(value: unknown): string {
  if (typeof value === 'string') return value.trim();
  if (Array.isArray(value)) return value.map(textOf).filter(Boolean).join(' ');
  return value === null || value === undefined ? '' : String(value).trim();
}

function typesOf(parameter: unknown): string[] {
  const list = Array.isArray(parameter) ? parameter : typeof parameter === 'string' ? [parameter] : [];
  // "fax,work" can arrive as one value when it was quoted.
  return list.flatMap((type) => String(type).toLowerCase().split(','));
}

/** N is family;given;additional;prefix;suffix. */
function nameFromN(value: unknown): string {
  if (!Array.isArray(value)) return textOf(value);
  const [family, given, additional, prefix, suffix] = value.map(textOf);
  return [prefix, given, additional, family, suffix].filter(Boolean).join(' ');
}

/** ORG is organization;unit;…: the organization is the first part. */
function orgOf(value: unknown): string {
  return Array.isArray(value) ? textOf(value[0]) : textOf(value);
}
