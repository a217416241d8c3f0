// Import (preview, then all-or-nothing) and export of the address book. The preview and the
// import read and check a file the same way; the import writes every chosen row in one
// transaction with its audit entry, so a crash or a refusal leaves nothing half-imported.
import type { OperationArgs, OperationName, OperationResult } from '../../../shared/contract';
import {
  CONTACT_IMPORT_LISTED_PROBLEMS,
  type ColumnMapping,
  type ContactImportPreview,
  type ImportPreviewRow,
} from '../../../shared/contacts';
import { FaxError } from '../../../shared/errors';
import { faultPoint } from '../faults';
import { checkContact, problemsSentence } from './contactFields';
import type { ContactOperationDeps } from './contactOperations';
import type { ContactFields } from './contactStore';
import { contactsCsv, contactsVcard } from './contactExport';
import { readCsvContacts } from './csvContacts';
import { contactFileFormat, contactFileText, type ImportRecord } from './importRecord';
import { readVcardContacts } from './vcardContacts';

type ImportOperationName = 'previewContactImport' | 'importContacts' | 'exportContacts';
export type ContactImportOperations = {
  [N in ImportOperationName & OperationName]: (args: OperationArgs<N>) => Promise<OperationResult<N>>;
};

export interface ContactImportDeps extends ContactOperationDeps {
  maxFileSizeMb: number;
}

const PREVIEW_ROWS = 20;
// Checking a number costs tens of microseconds: the engine answers other calls between slices.
const ROWS_PER_SLICE = 2000;

interface CheckedRow {
  record: ImportRecord;
  fields: ContactFields | null;
  problem: string | null;
  duplicateOf: { id: string; name: string } | null;
}

interface Analysis {
  format: 'csv' | 'vcard';
  layout: ContactImportPreview['layout'];
  columns: string[];
  mapping: ColumnMapping | null;
  rows: CheckedRow[];
  emptyRows: number;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

export function createContactImportOperations(deps: ContactImportDeps): ContactImportOperations {
  const { contacts, groups, settings, auditLog, emit } = deps;
  const maxBytes = deps.maxFileSizeMb * 1024 * 1024;

  async function analyse(file: { fileName: string; contentBase64: string; mapping?: ColumnMapping }): Promise<Analysis> {
    if (Math.floor((file.contentBase64.length * 3) / 4) - 2 > maxBytes)
      throw new FaxError(
        'file_too_large',
        `${file.fileName} is larger than ${deps.maxFileSizeMb} MB, the most one file can be: split it, or raise MAX_FILE_SIZE_MB.`,
        { field: 'file' },
      );
    const text = contactFileText(new Uint8Array(Buffer.from(file.contentBase64, 'base64')), file.fileName);
    const format = contactFileFormat(text);
    if (format === 'csv' && /\.vcf$|\.vcard$/i.test(file.fileName))
      throw new FaxError('unsupported_type', `${file.fileName} is named as a vCard but does not begin with BEGIN:VCARD: export it again.`, {
        field: 'file',
      });
    const table = format === 'csv' ? readCsvContacts(text, file.mapping) : null;
    const records = table ? table.records : readVcardContacts(text);
    const country = settings.get().defaultCountry;
    const existing = contacts.idsByFax();
    const seen = new Map<string, string>();
    const rows: CheckedRow[] = [];
    for (const [index, record] of records.entries()) {
      if (index > 0 && index % ROWS_PER_SLICE === 0) await new Promise((resolve) => setImmediate(resolve));
      rows.push(checkRow(record, country, existing, seen));
    }
    return {
      format,
      layout: table?.layout ?? 'vcard',
      columns: table?.columns ?? [],
      mapping: table ? (file.mapping ?? table.suggested) : null,
      rows,
      emptyRows: table?.emptyRows ?? 0,
    };
  }

  const problemsOf = (rows: CheckedRow[]) =>
    rows.filter((row) => row.problem).map((row) => ({ line: row.record.line, reason: row.problem! }));

  return {
    async previewContactImport(file) {
      const analysis = await analyse(file);
      const problems = problemsOf(analysis.rows);
      const good = analysis.rows.filter((row) => !row.problem);
      return {
        format: analysis.format,
        layout: analysis.layout,
        columns: analysis.columns,
        mapping: analysis.mapping,
        rows: analysis.rows.slice(0, PREVIEW_ROWS).map(previewRow),
        total: analysis.rows.length,
        valid: good.length,
        problems: problems.slice(0, CONTACT_IMPORT_LISTED_PROBLEMS),
        problemCount: problems.length,
        duplicates: good.filter((row) => row.duplicateOf).length,
        emptyRows: analysis.emptyRows,
      };
    },

    async importContacts({ skipInvalid, duplicates, groupId, ...file }) {
      if (groupId && groups.unknown([groupId]).length)
        throw new FaxError('not_found', 'The group to put the contacts in no longer exists: choose another, or none.', {
          field: 'groupId',
        });
      const analysis = await analyse(file);
      const problems = problemsOf(analysis.rows);
      const good = analysis.rows.filter((row) => !row.problem);
      if (problems.length && !skipInvalid) {
        const first = problems
          .slice(0, 3)
          .map((p) => p.reason)
          .join(' ');
        throw new FaxError(
          'invalid_input',
          `${plural(problems.length, 'row')} of ${plural(analysis.rows.length, 'row')} cannot be imported, so nothing was imported. ${first} Fix them in the file, or import the other ${plural(good.length, 'row')} and skip these.`,
          { field: 'file' },
        );
      }
      if (good.length === 0)
        throw new FaxError(
          'invalid_input',
          analysis.rows.length === 0
            ? 'The file holds no contacts: export them again, with at least a name and a fax number for each.'
            : 'None of the rows can be imported, so nothing was imported: fix the rows listed and import again.',
          { field: 'file' },
        );
      const toAdd = good.filter((row) => !row.duplicateOf || duplicates === 'add');
      const toMerge = duplicates === 'merge' ? good.filter((row) => row.duplicateOf) : [];
      const skipped = analysis.rows.length - toAdd.length - toMerge.length;
      const ids = contacts.transaction(() => {
        const added = contacts.insertMany(toAdd.map((row) => row.fields!));
        for (const row of toMerge) fillEmptyFields(row.duplicateOf!.id, row.fields!);
        if (groupId) groups.add(groupId, [...added, ...toMerge.map((row) => row.duplicateOf!.id)]);
        faultPoint('contacts-import-written');
        auditLog.appendForCaller({
          action: 'contacts_imported',
          details: { format: analysis.format, imported: added.length, merged: toMerge.length, skipped },
        });
        return added;
      });
      emit('contactsChanged', { ids: ids.slice(0, 500), groups: groupId !== undefined });
      return {
        imported: ids.length,
        merged: toMerge.length,
        skipped,
        problems: problems.slice(0, CONTACT_IMPORT_LISTED_PROBLEMS),
        groupId: groupId ?? null,
      };
    },

    async exportContacts({ format, groupId }) {
      const group = groupId ? groups.get(groupId) : null;
      if (groupId && !group) throw new FaxError('not_found', 'That group no longer exists: choose another, or export every contact.');
      const all = [...contacts.each(groupId)];
      const names = new Map(groups.list().map((g) => [g.id, g.name]));
      const text = format === 'csv' ? contactsCsv(all, names) : contactsVcard(all);
      // eslint-disable-next-line no-control-regex
      const base = group ? group.name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '').trim() || 'group' : 'contacts';
      auditLog.recordForCaller({ action: 'contacts_exported', target: groupId ?? null, details: { format, contacts: all.length } });
      return { fileName: `${base}.${format === 'csv' ? 'csv' : 'vcf'}`, text, contacts: all.length };
    },
  };

  /** An import row matching an existing contact fills what that contact leaves empty; nothing it holds is overwritten. */
  function fillEmptyFields(id: string, from: ContactFields): void {
    const current = contacts.get(id)!;
    const pick = (mine: string, theirs: string) => mine || theirs;
    contacts.update(id, {
      name: pick(current.name, from.name),
      organization: pick(current.organization, from.organization),
      fax: current.fax,
      faxNational: from.faxNational,
      phone: pick(current.phone, from.phone),
      email: pick(current.email, from.email),
      notes: pick(current.notes, from.notes),
      coverTemplateId: current.coverTemplateId,
    });
  }
}

function checkRow(
  record: ImportRecord,
  country: string,
  existing: Map<string, { id: string; name: string }>,
  seen: Map<string, string>,
): CheckedRow {
  if (record.problem) return { record, fields: null, problem: record.problem, duplicateOf: null };
  if (record.fax === '') return { record, fields: null, problem: record.missingFax, duplicateOf: null };
  const checked = checkContact({ ...record, coverTemplateId: null }, country);
  if (!checked.ok) return { record, fields: null, problem: `${record.where}: ${problemsSentence(checked.problems)}`, duplicateOf: null };
  const earlier = seen.get(checked.fields.fax);
  if (earlier !== undefined)
    return {
      record,
      fields: null,
      problem: `${record.where} has the same fax number as ${earlier.replace(/^The card/, 'the card').replace(/^Row/, 'row')}.`,
      duplicateOf: null,
    };
  seen.set(checked.fields.fax, record.where);
  return { record, fields: checked.fields, problem: null, duplicateOf: existing.get(checked.fields.fax) ?? null };
}

function previewRow(row: CheckedRow): ImportPreviewRow {
  const { record, fields } = row;
  return {
    line: record.line,
    name: fields?.name ?? record.name,
    organization: fields?.organization ?? record.organization,
    fax: fields?.fax ?? record.fax,
    phone: fields?.phone ?? record.phone,
    email: fields?.email ?? record.email,
    problem: row.problem,
    duplicateOf: row.duplicateOf,
  };
}
