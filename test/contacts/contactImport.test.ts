// Importing and exporting the address book through a real engine: Outlook, Google and plain
// CSV files, vCard 3.0 and 4.0, the person's own column mapping, every bad row with its
// reason, nothing half-imported (a refusal, a write failure), limits, and round trips.
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { OperationInput, OperationName } from '../../shared/contract';
import { CONTACT_IMPORT_MAX_ROWS } from '../../shared/contacts';
import { dispatch } from '../../main/engine';
import { callOperation } from '../../main/engine/rpc';
import { startEngine, type Harness } from '../support/engineHarness';

let harness: Harness | null = null;
let other: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  await other?.close();
  harness = other = null;
});

const call = <N extends OperationName>(h: Harness, name: N, input: OperationInput<N>) => callOperation(h.engine, name, input);
const refusal = async (h: Harness, name: OperationName, input: unknown) => {
  const reply = await dispatch(h.engine, name, input);
  if (reply.ok) throw new Error(`${name} was accepted`);
  return reply.error;
};
const file = (text: string | Buffer, fileName = 'contacts.csv') => ({
  fileName,
  contentBase64: (typeof text === 'string' ? Buffer.from(text, 'utf8') : text).toString('base64'),
});
const contactRows = (h: Harness) => {
  const db = new Database(join(h.dataDir, 'faxbot.sqlite'), { readonly: true });
  try {
    return db.prepare('SELECT name, organization, fax FROM contacts ORDER BY sort_key').all() as {
      name: string;
      organization: string;
      fax: string;
    }[];
  } finally {
    db.close();
  }
};

const OUTLOOK = [
  '"First Name","Middle Name","Last Name","Company","Business Fax","Business Phone","E-mail Address","Notes"',
  '"Amy","","Lee","Capitol Cardiology","(202) 555-0143","202-555-0199","amy@capitol.example","Referrals"',
  '"Raj","K","Patel","Northside Pharmacy","+1 202 555 0150","","",""',
  '"","","","","","","",""',
  '"Bad","","Number","Nowhere Clinic","555-01","","",""',
  '"No","","Fax","Paper Co","","","",""',
].join('\r\n');

describe('CSV import', () => {
  it("recognises Outlook's export, previews it with every bad row's reason, and imports only when told to skip them", async () => {
    harness = await startEngine();
    const preview = await call(harness, 'previewContactImport', file(OUTLOOK));
    expect(preview).toMatchObject({ format: 'csv', layout: 'outlook', total: 4, valid: 2, problemCount: 2, emptyRows: 1, duplicates: 0 });
    expect(preview.mapping).toMatchObject({ name: [0, 1, 2], organization: 3, fax: 4, phone: 5, email: 6, notes: 7 });
    expect(preview.rows[0]).toMatchObject({
      line: 2,
      name: 'Amy Lee',
      organization: 'Capitol Cardiology',
      fax: '+12025550143',
      problem: null,
    });
    expect(preview.problems).toEqual([
      { line: 5, reason: expect.stringMatching(/^Row 5: 555-01 is too short/) },
      { line: 6, reason: 'Row 6 has no fax number in the column "Business Fax".' },
    ]);
    expect(contactRows(harness)).toEqual([]);

    const refused = await refusal(harness, 'importContacts', file(OUTLOOK));
    expect(refused.code).toBe('invalid_input');
    expect(refused.message).toMatch(
      /^2 rows of 4 rows cannot be imported, so nothing was imported\. Row 5: .* import the other 2 rows and skip these\.$/,
    );
    expect(contactRows(harness)).toEqual([]);
    expect(harness.engine.audit.recent(10, 'contacts_imported')).toEqual([]);

    const result = await call(harness, 'importContacts', { ...file(OUTLOOK), skipInvalid: true });
    expect(result).toMatchObject({ imported: 2, merged: 0, skipped: 2 });
    expect(contactRows(harness)).toEqual([
      { name: 'Amy Lee', organization: 'Capitol Cardiology', fax: '+12025550143' },
      { name: 'Raj K Patel', organization: 'Northside Pharmacy', fax: '+12025550150' },
    ]);
    expect(harness.engine.audit.recent(10, 'contacts_imported')[0].details).toEqual({ format: 'csv', imported: 2, merged: 0, skipped: 2 });
  });

  it("takes Google's fax from the phone its type marks as a fax", async () => {
    harness = await startEngine();
    const google = [
      'Name,Given Name,Family Name,Organization 1 - Name,Phone 1 - Type,Phone 1 - Value,Phone 2 - Type,Phone 2 - Value,E-mail 1 - Type,E-mail 1 - Value',
      'Dr. Amy Lee,Amy,Lee,Capitol Cardiology,Mobile,202-555-0199,Work Fax,202-555-0143 ::: 202-555-0144,Work,amy@capitol.example',
      'Claims,,,BlueShield,Work,312-555-0101,Home Fax,312 555 0100,,',
    ].join('\n');
    const preview = await call(harness, 'previewContactImport', file(google));
    expect(preview.layout).toBe('google');
    expect(preview.rows.map((r) => [r.name, r.fax, r.phone])).toEqual([
      ['Dr. Amy Lee', '+12025550143', '+12025550199'],
      ['Claims', '+13125550100', '+13125550101'],
    ]);
    expect((await call(harness, 'importContacts', file(google))).imported).toBe(2);
  });

  it('reads a plain name,number file with no header, semicolons and numbers written every way', async () => {
    harness = await startEngine();
    const plain = [
      'Leeds Pharmacy;+1 (202) 555-0150',
      'Capitol Cardiology;202.555.0143',
      '',
      'St. Mary Records;1-202-555-0144',
      'London Office;+44 20 7946 0018',
      'Uplink;tel:+12025550145',
      'Ext desk;202-555-0146 ext. 12',
    ].join('\n');
    const preview = await call(harness, 'previewContactImport', file(plain, 'numbers.txt'));
    expect(preview).toMatchObject({ layout: 'plain', columns: ['Column 1', 'Column 2'], total: 6, valid: 6, emptyRows: 1 });
    expect(preview.rows.map((r) => r.fax)).toEqual([
      '+12025550150',
      '+12025550143',
      '+12025550144',
      '+442079460018',
      '+12025550145',
      '+12025550146',
    ]);
    expect(preview.rows[0].line).toBe(1);
  });

  it('uses the mapping the person chose, and refuses one that names no fax column or a column that is not there', async () => {
    harness = await startEngine();
    const csv = 'Practice,Main line,Fax line\nCapitol,202-555-0100,202-555-0143\n';
    const suggested = await call(harness, 'previewContactImport', file(csv));
    expect(suggested.mapping).toMatchObject({ organization: 0, phone: 1, fax: 2 });
    const swapped = await call(harness, 'previewContactImport', { ...file(csv), mapping: { name: [0], fax: 1 } });
    expect(swapped.rows[0]).toMatchObject({ name: 'Capitol', fax: '+12025550100' });
    const noFax = await refusal(harness, 'previewContactImport', { ...file(csv), mapping: { name: [0] } });
    expect(noFax).toMatchObject({ code: 'invalid_input', field: 'mapping', message: 'Choose the column that holds the fax number.' });
    const outside = await refusal(harness, 'importContacts', { ...file(csv), mapping: { name: [0], fax: 7 } });
    expect(outside.message).toBe('Column 8 does not exist: the file has 3 columns.');
    const noName = await refusal(harness, 'previewContactImport', { ...file(csv), mapping: { fax: 2 } });
    expect(noName.message).toMatch(/name \(or the organization\)/);
    expect(await refusal(harness, 'previewContactImport', { ...file(csv), mapping: { fax: -1, name: [0] } })).toMatchObject({
      code: 'invalid_input',
    });
    expect(contactRows(harness)).toEqual([]);
  });

  it('reports a row with more cells than the header, duplicate rows, and rows matching existing contacts', async () => {
    harness = await startEngine();
    await call(harness, 'saveContact', { name: 'Dr. Lee', fax: '2025550143' });
    const csv = [
      'Name,Fax,Email',
      'Amy Lee MD,202-555-0143,amy@capitol.example',
      'Northside,202-555-0150,',
      'Northside again,(202) 555-0150,',
      'Smith, John,202-555-0160,',
    ].join('\n');
    const preview = await call(harness, 'previewContactImport', file(csv));
    expect(preview).toMatchObject({ total: 4, valid: 2, duplicates: 1, problemCount: 2 });
    expect(preview.rows[0].duplicateOf).toMatchObject({ name: 'Dr. Lee' });
    expect(preview.problems.map((p) => p.reason)).toEqual([
      'Row 4 has the same fax number as row 3.',
      'Row 5 has 4 cells but the first row has 3: a comma inside a name needs quotes around the name.',
    ]);
    // Merge: the existing contact keeps its name and gains the email it lacked.
    const merged = await call(harness, 'importContacts', { ...file(csv), skipInvalid: true, duplicates: 'merge' });
    expect(merged).toMatchObject({ imported: 1, merged: 1, skipped: 2 });
    const lee = (await call(harness, 'listContacts', { search: '0143' })).items;
    expect(lee).toMatchObject([{ name: 'Dr. Lee', email: 'amy@capitol.example' }]);
    // Skip (the default) adds nothing for numbers already in the book; add makes a duplicate the Duplicates view offers to merge.
    expect(await call(harness, 'importContacts', { ...file(csv), skipInvalid: true })).toMatchObject({ imported: 0, skipped: 4 });
    expect(await call(harness, 'importContacts', { ...file(csv), skipInvalid: true, duplicates: 'add' })).toMatchObject({ imported: 2 });
    expect((await call(harness, 'findDuplicateContacts', {})).items).toHaveLength(2);
  });

  it('refuses a quote that is never closed, naming the row, and imports nothing', async () => {
    harness = await startEngine();
    const csv = 'Name,Fax\nGood,202-555-0143\n"Broken,202-555-0150\nAfter,202-555-0160\n';
    for (const name of ['previewContactImport', 'importContacts'] as const) {
      const error = await refusal(harness, name, { ...file(csv), skipInvalid: true });
      expect(error).toMatchObject({ code: 'invalid_input', field: 'file' });
      expect(error.message).toMatch(/^Row 3 of the file has a quote \("\) that is not closed/);
    }
    expect(contactRows(harness)).toEqual([]);
  });

  it('refuses a file of 100,000 rows with the limit in words, and the engine goes on answering', async () => {
    harness = await startEngine({ maxFileSizeMb: 50 });
    const rows = Array.from({ length: 100_000 }, (_, i) => `Clinic ${i},+1202555${String(i % 10_000).padStart(4, '0')}`);
    const error = await refusal(harness, 'importContacts', file(['Name,Fax', ...rows].join('\n')));
    expect(error).toMatchObject({ code: 'file_too_large' });
    expect(error.message).toBe(
      `The file has more than ${CONTACT_IMPORT_MAX_ROWS.toLocaleString('en-US')} rows, the most one import takes: split it into smaller files and import each.`,
    );
    expect(contactRows(harness)).toEqual([]);
    expect((await call(harness, 'getStatus', {})).version).toBeTruthy();
  });

  it('refuses empty, binary, oversize and mislabelled files, and bad base64, each in words', async () => {
    harness = await startEngine({ maxFileSizeMb: 1 });
    expect(await refusal(harness, 'previewContactImport', file(''))).toMatchObject({ code: 'empty_file' });
    const binary = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00]);
    expect((await refusal(harness, 'previewContactImport', file(binary, 'contacts.xlsx'))).message).toMatch(/not a CSV or vCard file/);
    expect(await refusal(harness, 'previewContactImport', file('x'.repeat(1_200_000)))).toMatchObject({ code: 'file_too_large' });
    expect((await refusal(harness, 'previewContactImport', file('Name,Fax\n', 'cards.vcf'))).message).toMatch(/BEGIN:VCARD/);
    expect(await refusal(harness, 'previewContactImport', { fileName: 'a.csv', contentBase64: '***' })).toMatchObject({
      code: 'invalid_input',
    });
    expect(await refusal(harness, 'importContacts', { ...file('Name,Fax\n'), duplicates: 'overwrite' })).toMatchObject({
      code: 'invalid_input',
    });
    expect((await refusal(harness, 'importContacts', file('Name,Fax\n'))).message).toMatch(/holds no contacts/);
    expect(contactRows(harness)).toEqual([]);
  });

  it('reads an older Outlook export in Windows-1252', async () => {
    harness = await startEngine();
    const latin1 = Buffer.from('Name,Fax\nJ\xf6rg M\xfcller,+49 30 901820\n', 'latin1');
    const preview = await call(harness, 'previewContactImport', file(latin1));
    expect(preview.rows[0].name).toBe('Jörg Müller');
  });

  it('writes nothing when the import fails part-way through writing', async () => {
    harness = await startEngine();
    // A row the database refuses at write time, after the rows before it were inserted.
    const db = new Database(join(harness.dataDir, 'faxbot.sqlite'));
    db.exec(`CREATE TRIGGER refuse_row BEFORE INSERT ON contacts WHEN NEW.name = 'Row 3' BEGIN SELECT RAISE(ABORT, 'disk full'); END;`);
    db.close();
    const csv = ['Name,Fax', 'Row 1,202-555-0101', 'Row 2,202-555-0102', 'Row 3,202-555-0103', 'Row 4,202-555-0104'].join('\n');
    const reply = await dispatch(harness.engine, 'importContacts', file(csv));
    expect(reply.ok).toBe(false);
    expect(contactRows(harness)).toEqual([]);
    expect(harness.engine.audit.recent(10, 'contacts_imported')).toEqual([]);
  });

  it('puts imported contacts in a group, and refuses a group that is not there', async () => {
    harness = await startEngine();
    const group = await call(harness, 'saveContactGroup', { name: 'Cardiology referrals' });
    const csv = 'Name,Fax\nA,202-555-0101\nB,202-555-0102\n';
    const result = await call(harness, 'importContacts', { ...file(csv), groupId: group.id });
    expect(result.groupId).toBe(group.id);
    expect((await call(harness, 'getContactGroup', { id: group.id })).members).toBe(2);
    expect(await refusal(harness, 'importContacts', { ...file(csv), groupId: 'gone' })).toMatchObject({ code: 'not_found' });
  });
});

const VCARDS = [
  'BEGIN:VCARD',
  'VERSION:3.0',
  'N:Lee;Amy;;Dr.;',
  'FN:Dr. Amy',
  '  Lee',
  'ORG:Capitol Cardiology;Referrals',
  'TEL;TYPE=WORK,FAX:(202) 555-0143',
  'TEL;TYPE=CELL:202 555 0199',
  'EMAIL;TYPE=INTERNET:amy@capitol.example',
  'NOTE:Call first\\, then fax',
  'END:VCARD',
  'BEGIN:VCARD',
  'VERSION:4.0',
  'FN:Northside Pharmacy',
  'TEL;TYPE="fax,work";VALUE=uri:tel:+1-202-555-0150',
  'END:VCARD',
  'BEGIN:VCARD',
  'VERSION:3.0',
  'FN:Voice Only',
  'TEL;TYPE=WORK:202 555 0160',
  'END:VCARD',
  'BEGIN:VCARD',
  'VERSION:2.1',
  'N:Old;Card',
  'TEL;WORK;FAX:202-555-0170',
  'END:VCARD',
  'BEGIN:VCARD',
  'VERSION:3.0',
  'FN:Cut Short',
].join('\r\n');

describe('vCard import', () => {
  it('reads vCard 3.0 and 4.0 cards (folded lines, TYPE=fax in every spelling), and names each card it cannot use', async () => {
    harness = await startEngine();
    const preview = await call(harness, 'previewContactImport', file(VCARDS, 'contacts.vcf'));
    expect(preview).toMatchObject({ format: 'vcard', layout: 'vcard', mapping: null, total: 5, valid: 2, problemCount: 3 });
    expect(preview.rows.slice(0, 2)).toMatchObject([
      { line: 1, name: 'Dr. Amy Lee', organization: 'Capitol Cardiology', fax: '+12025550143', phone: '+12025550199', problem: null },
      { line: 12, name: 'Northside Pharmacy', fax: '+12025550150', problem: null },
    ]);
    expect(preview.problems).toEqual([
      { line: 17, reason: 'The card on line 17 (Voice Only) has no fax number: none of its TEL lines is marked TYPE=fax.' },
      { line: 22, reason: 'The card on line 22 could not be read: it is vCard 2.1; export the contacts as vCard 3.0 or 4.0.' },
      { line: 27, reason: 'The card on line 27 never ends (no END:VCARD): the file may be cut short.' },
    ]);
    const result = await call(harness, 'importContacts', { ...file(VCARDS, 'contacts.vcf'), skipInvalid: true });
    expect(result).toMatchObject({ imported: 2, skipped: 3 });
    const [amy] = (await call(harness, 'listContacts', { search: 'amy' })).items;
    expect(amy).toMatchObject({ email: 'amy@capitol.example', notes: 'Call first, then fax' });
  });

  it('reports a card with a line ical.js cannot read and keeps the others', async () => {
    harness = await startEngine();
    const text =
      'BEGIN:VCARD\nVERSION:4.0\nFN:Good\nTEL;TYPE=fax:+12025550143\nEND:VCARD\nBEGIN:VCARD\nVERSION:4.0\ngarbage line\nEND:VCARD\n';
    const preview = await call(harness, 'previewContactImport', file(text, 'two.vcf'));
    expect(preview.valid).toBe(1);
    expect(preview.problems[0].reason).toMatch(/^The card on line 6 could not be read: .*garbage line/);
  });
});

describe('export', () => {
  it('exports CSV that imports back unchanged, with formula-looking cells defused', async () => {
    harness = await startEngine();
    const group = await call(harness, 'saveContactGroup', { name: 'Referrals' });
    await call(harness, 'saveContact', { name: '=HYPERLINK("x")', organization: 'Tricky, Inc.', fax: '2025550143', groupIds: [group.id] });
    await call(harness, 'saveContact', { name: 'Northside', fax: '+44 20 7946 0018', notes: 'line one\nline two' });
    const csv = await call(harness, 'exportContacts', { format: 'csv' });
    expect(csv).toMatchObject({ fileName: 'contacts.csv', contacts: 2 });
    expect(csv.text.split('\r\n')[0]).toBe('Name,Organization,Fax,Phone,Email,Notes,Groups');
    expect(csv.text).toContain(`"'=HYPERLINK(""x"")","Tricky, Inc.",'+12025550143,,,,Referrals`);
    other = await startEngine();
    const back = await call(other, 'importContacts', file(csv.text));
    expect(back.imported).toBe(2);
    expect(contactRows(other)).toEqual(contactRows(harness));
    expect((await call(other, 'listContacts', { search: 'northside' })).items[0].notes).toBe('line one\nline two');
    expect(harness.engine.audit.recent(5, 'contacts_exported')[0].details).toEqual({ format: 'csv', contacts: 2 });
  });

  it('exports vCard 4.0 that imports back, and one group on its own', async () => {
    harness = await startEngine();
    const group = await call(harness, 'saveContactGroup', { name: 'Pharmacies' });
    await call(harness, 'saveContact', { name: 'Dr. Lee', organization: 'Capitol', fax: '2025550143', phone: '2025550199' });
    await call(harness, 'saveContact', { name: 'Northside', fax: '2025550150', groupIds: [group.id] });
    const all = await call(harness, 'exportContacts', { format: 'vcard' });
    expect(all.text).toMatch(/^BEGIN:VCARD\r\nVERSION:4\.0\r\n/);
    expect(all.text).toContain('TEL;TYPE=fax,work;VALUE=uri:tel:+12025550143');
    other = await startEngine();
    expect((await call(other, 'importContacts', file(all.text, all.fileName))).imported).toBe(2);
    expect(contactRows(other)).toEqual(contactRows(harness));
    const one = await call(harness, 'exportContacts', { format: 'vcard', groupId: group.id });
    expect(one).toMatchObject({ fileName: 'Pharmacies.vcf', contacts: 1 });
    expect(await refusal(harness, 'exportContacts', { format: 'xlsx' })).toMatchObject({ code: 'invalid_input' });
    expect(await refusal(harness, 'exportContacts', { format: 'csv', groupId: 'gone' })).toMatchObject({ code: 'not_found' });
  });
});
