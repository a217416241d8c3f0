// The audit log as CSV (RFC 4180) for an auditor's spreadsheet. A cell a spreadsheet would
// run as a formula (= + - @, or a leading tab or CR, per OWASP's CSV injection advice) is
// prefixed with a single quote, so an API key's name or a file name cannot become a formula.
import { describeAction, describeActor, describeDetails } from './auditWords';
import type { AuditRecord } from './auditLog';

export const AUDIT_CSV_HEADER = ['Entry', 'When (UTC)', 'Who', 'What', 'Target', 'Details', 'Action', 'Actor'] as const;

/** One cell: defused if it could start a formula, quoted if it holds a quote, comma or line break. */
export function csvCell(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: readonly (string | number | null)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

export function auditCsvRow(record: AuditRecord, keyNames: ReadonlyMap<string, string>): string {
  return csvLine([
    record.seq,
    record.at,
    describeActor(record.actor, keyNames),
    describeAction(record.action),
    record.target,
    describeDetails(record),
    record.action,
    record.actor,
  ]);
}

/** The whole export: header, then each record (already in the order wanted). */
export function auditCsv(records: Iterable<AuditRecord>, keyNames: ReadonlyMap<string, string>): string {
  const lines = [csvLine(AUDIT_CSV_HEADER)];
  for (const record of records) lines.push(auditCsvRow(record, keyNames));
  return lines.join('');
}
