// Contacts from CSV (papaparse): Outlook's and Google's exports, ours, and a plain
// name,number file, recognised by the header; any other file by its column names. The
// person can change the mapping; the preview and the import read the rows the same way.
import Papa from 'papaparse';
import { CONTACT_IMPORT_MAX_ROWS, type ColumnMapping } from '../../../shared/contacts';
import { FaxError } from '../../../shared/errors';
import type { ImportRecord } from './importRecord';

export type CsvLayout = 'outlook' | 'google' | 'faxbot' | 'plain' | 'other';

export interface CsvTable {
  layout: CsvLayout;
  /** The header as written (or Column 1, 2, …), plus Google's fax and phone drawn from its typed phone columns. */
  columns: string[];
  suggested: ColumnMapping;
  records: ImportRecord[];
  emptyRows: number;
}

/** Our own export's header: a file exported from Faxbot imports back unchanged. */
export const FAXBOT_CSV_HEADER = ['Name', 'Organization', 'Fax', 'Phone', 'Email', 'Notes', 'Groups'] as const;

const NO_MAPPING: ColumnMapping = { name: [], organization: null, fax: null, phone: null, email: null, notes: null };
const GOOGLE_FAX = 'Fax (a Google phone marked fax)';
const GOOGLE_PHONE = 'Phone (the first other Google phone)';

const tooManyRows = () =>
  new FaxError(
    'file_too_large',
    `The file has more than ${CONTACT_IMPORT_MAX_ROWS.toLocaleString('en-US')} rows, the most one import takes: split it into smaller files and import each.`,
    { field: 'file' },
  );

/** Reads the table; a quote left open (the rest of the file would be one cell) refuses the whole file. */
export function readCsvContacts(text: string, mapping: ColumnMapping | undefined): CsvTable {
  // The delimiter is guessed on the first rows without blank lines (a blank line defeats papaparse's guess).
  const { delimiter } = Papa.parse<string[]>(text, { preview: 50, skipEmptyLines: 'greedy' }).meta;
  const parsed = Papa.parse<string[]>(text, { delimiter, preview: CONTACT_IMPORT_MAX_ROWS + 2, skipEmptyLines: false });
  const broken = parsed.errors.find((error) => error.type === 'Quotes');
  if (broken) {
    const row = (broken.row ?? 0) + 1;
    throw new FaxError(
      'invalid_input',
      `Row ${row} of the file has a quote (") that is not closed, so the rows after it cannot be read: fix that row in a spreadsheet or text editor and import again.`,
      { field: 'file' },
    );
  }
  const rows = parsed.data;
  // A last line break leaves one empty row behind; it is not the person's.
  if (rows.length && rows[rows.length - 1].length === 1 && rows[rows.length - 1][0] === '') rows.pop();
  const first = rows[0] ?? [];
  const hasHeader = !first.some((cell) => looksLikeNumber(cell));
  if (rows.length - (hasHeader ? 1 : 0) > CONTACT_IMPORT_MAX_ROWS) throw tooManyRows();

  let columns = hasHeader ? first.map((cell) => cell.trim()) : first.map((_, i) => `Column ${i + 1}`);
  const body = hasHeader ? rows.slice(1) : rows;
  const firstRow = hasHeader ? 2 : 1;
  const layout = layoutOf(columns, hasHeader);
  let cellsOf = (row: string[]) => row;
  if (layout === 'google') {
    const phones = googlePhones(columns);
    columns = [...columns, GOOGLE_FAX, GOOGLE_PHONE];
    cellsOf = (row) => [...row, ...googleNumbers(row, phones)];
  }
  const suggested = suggestMapping(layout, columns);
  const chosen = mapping ?? suggested;
  checkMapping(chosen, columns.length);

  const records: ImportRecord[] = [];
  let emptyRows = 0;
  body.forEach((raw, index) => {
    const line = firstRow + index;
    if (raw.every((cell) => cell.trim() === '')) {
      emptyRows++;
      return;
    }
    const cells = cellsOf(raw);
    // A leading ' before = + - @ is how our export (and the audit's) defuses a formula: undone here.
    const cell = (i: number | null) => (i === null ? '' : (cells[i] ?? '').trim().replace(/^'(?=[=+\-@])/, ''));
    // More cells than the first row: the cells are shifted (an unquoted comma), so none can be trusted.
    const extra = raw.length > first.length;
    records.push({
      line,
      where: `Row ${line}`,
      name: chosen.name
        .map(cell)
        .filter((part) => part !== '')
        .join(' '),
      organization: cell(chosen.organization),
      fax: cell(chosen.fax),
      phone: cell(chosen.phone),
      email: cell(chosen.email),
      notes: cell(chosen.notes),
      problem: extra
        ? `Row ${line} has ${raw.length} cells but the first row has ${first.length}: a comma inside a name needs quotes around the name.`
        : null,
      missingFax: chosen.fax === null ? '' : `Row ${line} has no fax number in the column "${columns[chosen.fax]}".`,
    });
  });
  return { layout, columns, suggested, records, emptyRows };
}

/** A cell that holds a phone number (7 digits or more, no letters): a first row like that is data, not a header. */
function looksLikeNumber(cell: string): boolean {
  return !/\p{L}/u.test(cell) && cell.replace(/\D/g, '').length >= 7;
}

function layoutOf(columns: string[], hasHeader: boolean): CsvLayout {
  if (!hasHeader) return 'plain';
  const has = (name: string) => columns.some((column) => column.toLowerCase() === name.toLowerCase());
  if (has('Phone 1 - Value')) return 'google';
  if (has('First Name') && has('Last Name') && (has('Business Fax') || has('Home Fax') || has('Company'))) return 'outlook';
  if (FAXBOT_CSV_HEADER.slice(0, 3).every(has)) return 'faxbot';
  if (columns.length === 2 && has('name') && (has('number') || has('fax'))) return 'plain';
  return 'other';
}

/** Google's numbered phone columns: which type (or label) column goes with which value column. */
function googlePhones(columns: string[]): { type: number; value: number }[] {
  const phones: { type: number; value: number }[] = [];
  columns.forEach((column, value) => {
    const n = /^Phone (\d+) - Value$/i.exec(column)?.[1];
    if (!n) return;
    const type = columns.findIndex((c) => new RegExp(`^Phone ${n} - (Type|Label)$`, 'i').test(c));
    phones.push({ type, value });
  });
  return phones;
}

/** The first number Google marked as a fax ("Work Fax", "Home Fax"), and the first other one. */
function googleNumbers(row: string[], phones: { type: number; value: number }[]): [string, string] {
  // Google puts several numbers of one type in one cell, joined by " ::: ".
  const first = (cell: string | undefined) => (cell ?? '').split(':::')[0].trim();
  const isFax = (phone: { type: number }) => phone.type >= 0 && /fax/i.test(row[phone.type] ?? '');
  const fax = phones.find((phone) => isFax(phone) && first(row[phone.value]));
  const other = phones.find((phone) => !isFax(phone) && first(row[phone.value]));
  return [fax ? first(row[fax.value]) : '', other ? first(row[other.value]) : ''];
}

function suggestMapping(layout: CsvLayout, columns: string[]): ColumnMapping {
  const find = (...names: string[]) => {
    for (const name of names) {
      const i = columns.findIndex((column) => column.toLowerCase() === name.toLowerCase());
      if (i >= 0) return i;
    }
    return null;
  };
  const all = (...names: string[]) => names.map((name) => find(name)).filter((i): i is number => i !== null);
  switch (layout) {
    case 'plain':
      return { ...NO_MAPPING, name: [0], fax: columns.length > 1 ? 1 : null };
    case 'outlook':
      return {
        name: all('Title', 'First Name', 'Middle Name', 'Last Name', 'Suffix'),
        organization: find('Company'),
        fax: find('Business Fax', 'Home Fax', 'Other Fax'),
        phone: find('Business Phone', 'Primary Phone', 'Mobile Phone', 'Home Phone'),
        email: find('E-mail Address', 'E-mail 2 Address'),
        notes: find('Notes'),
      };
    case 'google': {
      const name = find('Name');
      return {
        name:
          name !== null ? [name] : all('Name Prefix', 'First Name', 'Given Name', 'Middle Name', 'Last Name', 'Family Name', 'Name Suffix'),
        organization: find('Organization 1 - Name', 'Organization Name'),
        fax: find(GOOGLE_FAX),
        phone: find(GOOGLE_PHONE),
        email: find('E-mail 1 - Value'),
        notes: find('Notes'),
      };
    }
    default: {
      // Any other header: each field from the first column whose name says it.
      const match = (pattern: RegExp, not?: RegExp) => {
        const i = columns.findIndex((column) => pattern.test(column) && !not?.test(column));
        return i >= 0 ? i : null;
      };
      const name = match(/^\s*((full|display|contact)\s*)?name\s*$/i) ?? match(/name/i, /organi[sz]ation|company|file/i);
      return {
        name: name === null ? [] : [name],
        organization: match(/organi[sz]ation|company|practice|clinic|business/i, /fax|phone/i),
        fax: match(/fax/i),
        phone: match(/phone|tel|mobile|line/i, /fax/i),
        email: match(/e-?mail/i),
        notes: match(/^notes?$|comment|memo/i),
      };
    }
  }
}

function checkMapping(mapping: ColumnMapping, columns: number): void {
  const refuse = (message: string) => {
    throw new FaxError('invalid_input', message, { field: 'mapping', fields: { mapping: message } });
  };
  const used = [...mapping.name, mapping.organization, mapping.fax, mapping.phone, mapping.email, mapping.notes];
  const outside = used.find((i) => i !== null && i >= columns);
  if (outside !== undefined && outside !== null)
    refuse(`Column ${outside + 1} does not exist: the file has ${columns === 1 ? '1 column' : `${columns} columns`}.`);
  if (mapping.fax === null) refuse('Choose the column that holds the fax number.');
  if (mapping.name.length === 0 && mapping.organization === null) refuse('Choose the column that holds the name (or the organization).');
}
