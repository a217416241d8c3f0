// Settings → Audit: one page of the audit log at a time (it can hold 100,000 entries), newest
// first, with the engine's cursor for older pages and a stack of them for newer ones; the
// filter; the verify verdict; the CSV export of the current filter.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { FaxbotApi } from '../../../../shared/contract';
import type { AuditAction, AuditEntryView, AuditFilter, AuditVerdictView } from '../../../../shared/audit';
import { errorSentence } from '../../bridge';

export const AUDIT_PAGE_SIZE = 100;

export interface AuditFilterForm {
  /** '' for every action. */
  action: AuditAction | '';
  /** Local calendar days from <input type="date">: 'YYYY-MM-DD', or ''. */
  fromDay: string;
  toDay: string;
}

export interface AuditState {
  filter: AuditFilterForm;
  items: AuditEntryView[];
  total: number;
  /** Cursors of the pages shown so far; the last is this page's (undefined: the newest page). */
  cursors: (string | undefined)[];
  nextCursor: string | null;
  loading: boolean;
  error: string | null;
  verdict: AuditVerdictView | null;
  verifying: boolean;
  exporting: boolean;
  exportNote: string | null;
  setFilter(change: Partial<AuditFilterForm>): Promise<void>;
  reload(): Promise<void>;
  older(): Promise<void>;
  newer(): Promise<void>;
  verify(): Promise<void>;
  exportCsv(save: (fileName: string, csv: string) => void): Promise<void>;
}

export type AuditStore = StoreApi<AuditState>;

/** Local midnight of a 'YYYY-MM-DD' day, plus `days`, as an ISO moment. */
function localMidnight(day: string, days = 0): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const [y, m, d] = day.split('-').map(Number);
  const date = new Date(y, m - 1, d + days);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** What the engine is asked for: the To day is inclusive, so the range ends at the next midnight. */
export function auditFilterOf(form: AuditFilterForm): AuditFilter {
  const filter: AuditFilter = {};
  if (form.action) filter.actions = [form.action];
  const from = localMidnight(form.fromDay);
  const before = localMidnight(form.toDay, 1);
  if (from) filter.from = from;
  if (before) filter.before = before;
  return filter;
}

export function createAuditStore(api: FaxbotApi): AuditStore {
  // Only the answer to the newest request is shown: a slow page must not replace a newer one.
  let request = 0;
  return createStore<AuditState>()((set, get) => {
    const show = async (cursors: (string | undefined)[]) => {
      const mine = ++request;
      set({ loading: true });
      try {
        const page = await api.listAuditLog({
          ...auditFilterOf(get().filter),
          limit: AUDIT_PAGE_SIZE,
          cursor: cursors[cursors.length - 1],
        });
        if (mine !== request) return;
        set({ items: page.items, total: page.total, nextCursor: page.nextCursor, cursors, loading: false, error: null });
      } catch (error) {
        if (mine !== request) return;
        set({ loading: false, error: errorSentence(error) });
      }
    };
    return {
      filter: { action: '', fromDay: '', toDay: '' },
      items: [],
      total: 0,
      cursors: [undefined],
      nextCursor: null,
      loading: false,
      error: null,
      verdict: null,
      verifying: false,
      exporting: false,
      exportNote: null,
      async setFilter(change) {
        set({ filter: { ...get().filter, ...change }, exportNote: null });
        await show([undefined]);
      },
      reload: () => show([undefined]),
      async older() {
        const { nextCursor, cursors } = get();
        if (nextCursor) await show([...cursors, nextCursor]);
      },
      async newer() {
        const { cursors } = get();
        if (cursors.length > 1) await show(cursors.slice(0, -1));
      },
      async verify() {
        set({ verifying: true });
        try {
          set({ verdict: await api.verifyAuditLog({}), verifying: false });
          // What is listed may be what was found removed: show the log as it is now.
          void get().reload();
        } catch (error) {
          set({
            verdict: { ok: false, entries: 0, brokenAt: null, message: `The audit log could not be checked: ${errorSentence(error)}` },
            verifying: false,
          });
        }
      },
      async exportCsv(save) {
        set({ exporting: true, exportNote: null });
        try {
          const { fileName, csv, entries } = await api.exportAuditLog(auditFilterOf(get().filter));
          save(fileName, csv);
          set({
            exporting: false,
            exportNote: `Exported ${entries.toLocaleString()} ${entries === 1 ? 'entry' : 'entries'} to ${fileName}.`,
          });
        } catch (error) {
          set({ exporting: false, exportNote: `The CSV could not be made: ${errorSentence(error)}` });
        }
      },
    };
  });
}
