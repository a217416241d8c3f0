// Import: choose a CSV or vCard file → the engine's preview (the layout it recognised, the
// column each field comes from, the first rows, every bad row with its reason) → confirm
// "Import 97, skip 3". Nothing is saved before the confirmation, and the import is whole.
import { useId } from 'react';
import { formatFaxNumber } from '../../../../shared/faxNumber';
import { IMPORT_DUPLICATE_CHOICES, type ImportDuplicateChoice } from '../../../../shared/contacts';
import { useDesk, useSlice } from '../../deskContext';
import type { MappedField } from '../../stores';

const MAPPED: { field: MappedField; label: string }[] = [
  { field: 'name', label: 'Name' },
  { field: 'organization', label: 'Organization' },
  { field: 'fax', label: 'Fax number' },
  { field: 'phone', label: 'Phone' },
  { field: 'email', label: 'Email' },
  { field: 'notes', label: 'Notes' },
];
const LAYOUT_WORDS: Record<string, string> = {
  outlook: 'an Outlook export',
  google: 'a Google Contacts export',
  faxbot: 'a Faxbot export',
  plain: 'a list of names and numbers',
  other: 'a CSV file',
  vcard: 'vCard cards',
};
const DUPLICATE_WORDS: Record<ImportDuplicateChoice, string> = {
  skip: 'Leave them out',
  merge: 'Fill in what the existing contact is missing',
  add: 'Add them anyway (merge later)',
};

const rows = (n: number) => (n === 1 ? '1 contact' : `${n.toLocaleString()} contacts`);

export function ImportDialog({ onClose }: { onClose(): void }) {
  const desk = useDesk();
  const id = useId();
  const s = useSlice(desk.contactImport, (state) => state);
  const country = desk.defaultCountry();
  const preview = s.preview;
  const mappedColumn = (field: MappedField) => {
    const value = s.mapping?.[field];
    return Array.isArray(value) ? (value.length === 1 ? value[0] : value.length ? -2 : -1) : (value ?? -1);
  };
  // Left out unless the person chose to fill in or add them: the rows whose number is already a contact.
  const toImport = preview ? preview.valid - (s.duplicates === 'skip' ? preview.duplicates : 0) : 0;
  return (
    <section className="import-dialog" role="dialog" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Import contacts</h2>
      {s.result ? (
        <>
          <p role="status">
            Imported {rows(s.result.imported)}
            {s.result.merged > 0 && `, filled in ${rows(s.result.merged)}`}
            {s.result.skipped > 0 && `, skipped ${s.result.skipped.toLocaleString()}`}.
          </p>
          <button
            type="button"
            className="primary"
            onClick={() => {
              desk.contactImport.getState().reset();
              onClose();
            }}
          >
            Done
          </button>
        </>
      ) : (
        <>
          <div className="field">
            <label htmlFor={`${id}-file`}>CSV or vCard file</label>
            <input
              id={`${id}-file`}
              type="file"
              accept=".csv,.txt,.vcf,.vcard,text/csv,text/vcard"
              onChange={(e) => {
                const file = e.target.files?.[0];
                if (file) void desk.contactImport.getState().choose(file);
              }}
            />
            <p className="hint">Outlook and Google Contacts exports, a plain list of names and numbers, or vCard (.vcf) 3.0 and 4.0.</p>
          </div>
          {s.busy && <p role="status">Reading {s.fileName}…</p>}
          {s.error && (
            <p className="form-error" role="alert">
              {s.error}
            </p>
          )}
          {preview && (
            <>
              <p>
                {s.fileName} looks like {LAYOUT_WORDS[preview.layout]}: {rows(preview.total)}
                {preview.emptyRows > 0 && ` (and ${preview.emptyRows} empty rows, ignored)`}.
              </p>
              {preview.format === 'csv' && (
                <fieldset className="mapping" aria-label="Which column holds what">
                  <legend>Which column holds what</legend>
                  {MAPPED.map(({ field, label }) => (
                    <div className="field" key={field}>
                      <label htmlFor={`${id}-map-${field}`}>{label}</label>
                      <select
                        id={`${id}-map-${field}`}
                        value={mappedColumn(field)}
                        onChange={(e) => {
                          const column = Number(e.target.value);
                          if (column !== -2) void desk.contactImport.getState().mapField(field, column < 0 ? null : column);
                        }}
                      >
                        <option value={-1}>(none)</option>
                        {mappedColumn(field) === -2 && (
                          <option value={-2}>{s.mapping!.name.map((i) => preview.columns[i]).join(' + ')}</option>
                        )}
                        {preview.columns.map((column, i) => (
                          <option key={i} value={i}>
                            {column || `Column ${i + 1}`}
                          </option>
                        ))}
                      </select>
                    </div>
                  ))}
                </fieldset>
              )}
              <table className="import-preview" aria-label="First rows">
                <thead>
                  <tr>
                    <th scope="col">Row</th>
                    <th scope="col">Name</th>
                    <th scope="col">Organization</th>
                    <th scope="col">Fax</th>
                    <th scope="col">Will be</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.rows.map((row) => (
                    <tr key={row.line} className={row.problem ? 'row-problem' : ''}>
                      <td>{row.line}</td>
                      <td>{row.name}</td>
                      <td>{row.organization}</td>
                      <td>{row.problem ? row.fax : formatFaxNumber(row.fax, country)}</td>
                      <td>{row.problem ? 'Skipped' : row.duplicateOf ? `Already a contact (${row.duplicateOf.name})` : 'Imported'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {preview.problemCount > 0 && (
                <div className="import-problems">
                  <h3>
                    {preview.problemCount === 1
                      ? '1 row cannot be imported'
                      : `${preview.problemCount.toLocaleString()} rows cannot be imported`}
                  </h3>
                  <ul aria-label="Rows that cannot be imported">
                    {preview.problems.map((problem) => (
                      <li key={problem.line}>{problem.reason}</li>
                    ))}
                  </ul>
                  {preview.problems.length < preview.problemCount && (
                    <p className="hint">The first {preview.problems.length} are listed.</p>
                  )}
                </div>
              )}
              {preview.duplicates > 0 && (
                <fieldset className="import-duplicates">
                  <legend>{rows(preview.duplicates)} have a fax number already in Contacts</legend>
                  {IMPORT_DUPLICATE_CHOICES.map((choice) => (
                    <label key={choice} className="check">
                      <input
                        type="radio"
                        name={`${id}-duplicates`}
                        checked={s.duplicates === choice}
                        onChange={() => desk.contactImport.getState().setDuplicates(choice)}
                      />
                      {DUPLICATE_WORDS[choice]}
                    </label>
                  ))}
                </fieldset>
              )}
              <div className="button-row">
                <button
                  type="button"
                  className="primary"
                  disabled={s.busy || preview.valid === 0}
                  onClick={() => void desk.contactImport.getState().confirm()}
                >
                  Import {toImport.toLocaleString()}
                  {preview.total - toImport > 0 ? `, skip ${(preview.total - toImport).toLocaleString()}` : ''}
                </button>
                <button
                  type="button"
                  onClick={() => {
                    desk.contactImport.getState().reset();
                    onClose();
                  }}
                >
                  Cancel
                </button>
              </div>
            </>
          )}
        </>
      )}
    </section>
  );
}
