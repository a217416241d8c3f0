// The other half of `faxbot audit verify`: the chain proves no entry was edited or removed;
// this proves every state change that must have an entry has one — each fax sent, delivered,
// failed, canceled and received since its entries began (audit_coverage, migration 9). Since
// each change and its entry are one transaction, a gap means something outside Faxbot wrote
// the database, or a version before that rule lost an entry.
import type { Db } from '../database';

export interface MissingEntry {
  /** 'job' for a sent fax, 'inbound' for a received one. */
  kind: 'job' | 'inbound';
  id: string;
  action: 'fax_sent' | 'fax_delivered' | 'fax_failed' | 'fax_canceled' | 'fax_received';
}

export type CoverageVerdict =
  /** `missing` lists the first gaps; `missingCount` counts them all. */
  | { state: 'checked'; checked: number; missingCount: number; missing: MissingEntry[] }
  /** The data folder predates the check (no audit_coverage table): start this version once. */
  | { state: 'not_available' };

// Each change, and where its rows are: the job's creation and its final status, the Inbox row.
const CHECKS: { action: MissingEntry['action']; kind: MissingEntry['kind']; rows: string }[] = [
  { action: 'fax_sent', kind: 'job', rows: `SELECT id, created_at AS at FROM fax_jobs` },
  { action: 'fax_delivered', kind: 'job', rows: `SELECT id, completed_at AS at FROM fax_jobs WHERE status = 'delivered'` },
  { action: 'fax_failed', kind: 'job', rows: `SELECT id, completed_at AS at FROM fax_jobs WHERE status = 'failed'` },
  { action: 'fax_canceled', kind: 'job', rows: `SELECT id, completed_at AS at FROM fax_jobs WHERE status = 'canceled'` },
  { action: 'fax_received', kind: 'inbound', rows: `SELECT id, received_at AS at FROM inbound_faxes` },
];

/** At most this many missing entries are listed; the count is always whole. */
const LISTED = 50;

export function checkAuditCoverage(db: Db): CoverageVerdict {
  const table = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_coverage'`).get();
  if (!table) return { state: 'not_available' };
  const since = new Map(
    (db.prepare('SELECT action, since FROM audit_coverage').all() as { action: string; since: string }[]).map((r) => [r.action, r.since]),
  );
  const missing: MissingEntry[] = [];
  let checked = 0;
  let missingCount = 0;
  for (const check of CHECKS) {
    const from = since.get(check.action);
    if (from === undefined) continue;
    const changes = `SELECT id FROM (${check.rows}) WHERE at >= ?`;
    checked += (db.prepare(`SELECT COUNT(*) AS n FROM (${changes})`).get(from) as { n: number }).n;
    const gapsSql = `SELECT id FROM (${changes}) AS c WHERE NOT EXISTS (SELECT 1 FROM audit_log WHERE target = c.id AND action = ?)`;
    missingCount += (db.prepare(`SELECT COUNT(*) AS n FROM (${gapsSql})`).get(from, check.action) as { n: number }).n;
    const gaps = db.prepare(`${gapsSql} LIMIT ?`).all(from, check.action, LISTED) as { id: string }[];
    for (const { id } of gaps) missing.push({ kind: check.kind, id, action: check.action });
  }
  return { state: 'checked', checked, missingCount, missing: missing.slice(0, LISTED) };
}
