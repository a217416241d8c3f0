// Numbers faxed recently, for the Send screen's To field: one row per number, the most
// recently used first, with the name last typed for it. Reads only the index
// fax_jobs_recipient (to_number, created_at, recipient_name), so 100,000 jobs stay quick.
import type { Db } from '../database';
import type { RecentRecipient } from '../../../shared/model';

export interface RecentRecipientQuery {
  limit: number;
  /** Matches the number's digits, or any name used for it. */
  search?: string;
}

// The latest non-empty name per number in the same pass: the greatest "created_at␟name"
// among named jobs, cut after the separator (created_at is always a 24-character ISO time).
const LATEST_NAME = "substr(MAX(CASE WHEN recipient_name <> '' THEN created_at || char(31) || recipient_name END), 26)";

export function listRecentRecipients(db: Db, query: RecentRecipientQuery): RecentRecipient[] {
  const params: unknown[] = [];
  let having = '';
  const search = query.search?.trim();
  if (search) {
    // The name matched is the one shown: the latest, not one used years ago.
    const clauses = ["recipient_name_latest LIKE ? ESCAPE '\\'"];
    params.push(`%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    const digits = search.replace(/\D/g, '');
    if (digits.length >= 2) {
      clauses.push('instr(to_number, ?) > 0');
      params.push(digits);
    }
    having = `HAVING ${clauses.join(' OR ')}`;
  }
  const rows = db
    .prepare(
      `SELECT to_number, MAX(created_at) AS last_sent_at, COUNT(*) AS faxes, ${LATEST_NAME} AS recipient_name_latest
       FROM fax_jobs GROUP BY to_number ${having} ORDER BY last_sent_at DESC, to_number LIMIT ?`,
    )
    .all(...params, query.limit) as { to_number: string; last_sent_at: string; faxes: number; recipient_name_latest: string | null }[];
  return rows.map((row) => ({
    to: row.to_number,
    recipientName: row.recipient_name_latest ?? '',
    lastSentAt: row.last_sent_at,
    faxes: row.faxes,
  }));
}
