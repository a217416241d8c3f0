// Settings → Audit: who did what and when, newest first, a page at a time; filter by what
// happened and by day; check that nothing was edited or removed; export what is shown as CSV.
import { useEffect, useId, useState } from 'react';
import { AUDIT_ACTIONS, AUDIT_ACTION_WORDS, type AuditAction, type AuditEntryView } from '../../../../shared/audit';
import { useDesk, useSlice } from '../../deskContext';
import { EmptyState } from '../../components/EmptyState';
import { AUDIT_PAGE_SIZE, createAuditStore, type AuditStore } from './auditStore';
import { saveTextFile } from '../../documents';

const ACTION_CHOICES = [...AUDIT_ACTIONS].sort((a, b) => AUDIT_ACTION_WORDS[a].localeCompare(AUDIT_ACTION_WORDS[b]));

const whenFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** Saves the CSV the way the Inbox saves a PDF: a download (documents/saveDownload.ts). */
const saveCsv = (fileName: string, csv: string) => saveTextFile(fileName, csv, 'text/csv;charset=utf-8');

function AuditFilters({ store }: { store: AuditStore }) {
  const id = useId();
  const filter = useSlice(store, (s) => s.filter);
  return (
    <div className="audit-filters" role="group" aria-label="Filter the audit log">
      <div className="field">
        <label htmlFor={`${id}-action`}>What</label>
        <select
          id={`${id}-action`}
          value={filter.action}
          onChange={(e) => void store.getState().setFilter({ action: e.target.value as AuditAction | '' })}
        >
          <option value="">Everything</option>
          {ACTION_CHOICES.map((action) => (
            <option key={action} value={action}>
              {AUDIT_ACTION_WORDS[action]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-from`}>From</label>
        <input
          id={`${id}-from`}
          type="date"
          value={filter.fromDay}
          onChange={(e) => void store.getState().setFilter({ fromDay: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-to`}>To</label>
        <input
          id={`${id}-to`}
          type="date"
          value={filter.toDay}
          onChange={(e) => void store.getState().setFilter({ toDay: e.target.value })}
        />
      </div>
    </div>
  );
}

function AuditRow({ entry }: { entry: AuditEntryView }) {
  return (
    <tr>
      <td className="audit-when">
        <time dateTime={entry.at}>{whenFormat.format(new Date(entry.at))}</time>
      </td>
      <td>{entry.who}</td>
      <td>{entry.what}</td>
      <td className="audit-target">{entry.target ?? ''}</td>
      <td>{entry.detailsText}</td>
    </tr>
  );
}

function AuditVerdict({ store }: { store: AuditStore }) {
  const verdict = useSlice(store, (s) => s.verdict);
  if (!verdict) return null;
  return (
    <p className={verdict.ok ? 'audit-verdict audit-ok' : 'audit-verdict form-error'} role={verdict.ok ? 'status' : 'alert'}>
      {verdict.ok ? '✓ ' : '⚠ '}
      {verdict.message}
    </p>
  );
}

export function AuditSettings({ visible }: { visible: boolean }) {
  const desk = useDesk();
  const [store] = useState(() => createAuditStore(desk.api));
  const items = useSlice(store, (s) => s.items);
  const total = useSlice(store, (s) => s.total);
  const pageIndex = useSlice(store, (s) => s.cursors.length - 1);
  const hasOlder = useSlice(store, (s) => s.nextCursor !== null);
  const loading = useSlice(store, (s) => s.loading);
  const error = useSlice(store, (s) => s.error);
  const verifying = useSlice(store, (s) => s.verifying);
  const exporting = useSlice(store, (s) => s.exporting);
  const exportNote = useSlice(store, (s) => s.exportNote);
  const filtered = useSlice(store, (s) => s.filter.action !== '' || s.filter.fromDay !== '' || s.filter.toDay !== '');

  // Read afresh each time the tab opens: the log grows while the desk works.
  useEffect(() => {
    if (visible) void store.getState().reload();
  }, [store, visible]);

  const first = pageIndex * AUDIT_PAGE_SIZE + 1;
  return (
    <div className="audit-settings">
      <p className="settings-note">
        Every fax sent, received, viewed, saved, printed, forwarded or deleted, every settings change and every use of an API key is
        recorded here. Fax numbers show only their last 4 digits. Entries cannot be changed, and Verify log finds one that was.
      </p>
      <AuditFilters store={store} />
      <div className="details-actions">
        <button type="button" onClick={() => void store.getState().verify()} disabled={verifying}>
          {verifying ? 'Checking…' : 'Verify log'}
        </button>
        <button type="button" onClick={() => void store.getState().exportCsv(saveCsv)} disabled={exporting || total === 0}>
          {exporting ? 'Exporting…' : 'Export CSV'}
        </button>
      </div>
      <AuditVerdict store={store} />
      {exportNote && (
        <p className="hint" role="status">
          {exportNote}
        </p>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {!error && !loading && total === 0 && (
        <EmptyState>
          {filtered
            ? 'Nothing in the audit log matches this filter. Choose Everything, or clear the dates.'
            : 'Nothing has been recorded yet. Entries appear as faxes are sent and received.'}
        </EmptyState>
      )}
      {total > 0 && (
        <>
          <table className="audit-table" aria-label="Audit log" aria-busy={loading}>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">About</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {items.map((entry) => (
                <AuditRow key={entry.seq} entry={entry} />
              ))}
            </tbody>
          </table>
          <div className="audit-pager">
            <span role="status">
              Entries {first.toLocaleString()}–{(first + items.length - 1).toLocaleString()} of {total.toLocaleString()}
            </span>
            <button type="button" onClick={() => void store.getState().newer()} disabled={pageIndex === 0 || loading}>
              Newer
            </button>
            <button type="button" onClick={() => void store.getState().older()} disabled={!hasOlder || loading}>
              Older
            </button>
          </div>
        </>
      )}
    </div>
  );
}
