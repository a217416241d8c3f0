// The API's audit log: one row per use of a key, refusal, key change, fax sent or PDF
// served. The table is append-only (SQLite triggers refuse UPDATE and DELETE). Numbers are
// masked to their last 4 digits and secrets never reach it.
import { createHash } from 'node:crypto';
import type { Db } from '../database';
import { maskFaxNumber } from '../../../shared/faxNumber';

export const AUDIT_ACTIONS = [
  'api_key_used',
  'api_key_invalid',
  'api_key_denied_scope',
  'api_key_created',
  'api_key_revoked',
  'api_key_rotated',
  'api_enabled',
  'api_disabled',
  'rate_limited',
  'fax_sent',
  'fax_refused',
  'fax_canceled',
  'pdf_served',
  'inbound_pdf_served',
  'inbound_deleted',
  'inbound_restored',
  'fax_delivered',
  'fax_failed',
  'fax_received',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  /** A key id, 'env' (API_KEY), 'window' (the app's own window) or 'anonymous'. */
  actor: string;
  /** One of AUDIT_ACTIONS, or an MCP tool's own action (mcp_…). */
  action: AuditAction | `mcp_${string}`;
  /** What the action was about: a job id, a key id, a path. */
  target?: string | null;
  details?: Record<string, unknown>;
}

export interface AuditRecord extends Required<Omit<AuditEntry, 'details' | 'target'>> {
  target: string | null;
  seq: number;
  at: string;
  details: Record<string, unknown>;
}

const NUMBER_FIELDS = /^(to|from|number|to_number|from_number)$/;
const SECRET_FIELDS = /secret|key$|password|token/i;

/** Masks numbers and drops anything secret-looking before it is written. */
function scrub(details: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(details)) {
    if (SECRET_FIELDS.test(name) && name !== 'keyId') continue;
    out[name] = NUMBER_FIELDS.test(name) && typeof value === 'string' ? maskFaxNumber(value) : value;
  }
  return out;
}

export class ApiAuditLog {
  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  /** Appends one entry, chained to the one before it by hash (in the same transaction). */
  record(entry: AuditEntry): void {
    const at = new Date(this.now()).toISOString();
    const details = JSON.stringify(scrub(entry.details ?? {}));
    this.db.transaction(() => {
      const previous = this.db.prepare('SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { hash: string | null } | undefined;
      const hash = chainHash(previous?.hash ?? null, { at, actor: entry.actor, action: entry.action, target: entry.target ?? null, details });
      this.db.prepare('INSERT INTO audit_log (at, actor, action, target, details, hash) VALUES (?, ?, ?, ?, ?, ?)').run(at, entry.actor, entry.action, entry.target ?? null, details, hash);
    })();
  }

  /** Newest first. */
  recent(limit = 100, action?: AuditEntry['action']): AuditRecord[] {
    const rows = (
      action
        ? this.db.prepare('SELECT * FROM audit_log WHERE action = ? ORDER BY seq DESC LIMIT ?').all(action, limit)
        : this.db.prepare('SELECT * FROM audit_log ORDER BY seq DESC LIMIT ?').all(limit)
    ) as { seq: number; at: string; actor: string; action: AuditEntry['action']; target: string | null; details: string }[];
    return rows.map(({ seq, at, actor, action, target, details }) => ({ seq, at, actor, action, target, details: JSON.parse(details) as Record<string, unknown> }));
  }
}

interface ChainedFields {
  at: string;
  actor: string;
  action: string;
  target: string | null;
  details: string;
}

/** SHA-256 over the previous entry's hash and this entry's fields, unambiguously joined. */
export function chainHash(previous: string | null, fields: ChainedFields): string {
  return createHash('sha256')
    .update(JSON.stringify([previous ?? '', fields.at, fields.actor, fields.action, fields.target, fields.details]))
    .digest('hex');
}

export type AuditVerdict =
  | { ok: true; entries: number; unchained: number }
  | { ok: false; entries: number; brokenAt: number; reason: string };

/**
 * Walks the log from the first entry, recomputing each hash from the one before. An edited
 * entry, or one removed from the middle, breaks the chain at that point. Entries written
 * before chaining existed (hash NULL, all at the start) are counted, not checked.
 */
export function verifyAuditChain(db: Db): AuditVerdict {
  const rows = db.prepare('SELECT seq, at, actor, action, target, details, hash FROM audit_log ORDER BY seq').iterate() as IterableIterator<ChainedFields & { seq: number; hash: string | null }>;
  let previous: string | null = null;
  let entries = 0;
  let unchained = 0;
  let lastSeq = 0;
  for (const row of rows) {
    entries++;
    if (row.hash === null) {
      if (previous !== null) return { ok: false, entries, brokenAt: row.seq, reason: `entry #${row.seq} has no hash after chained entries: it was added or altered outside Faxbot` };
      unchained++;
      lastSeq = row.seq;
      continue;
    }
    if (previous !== null && row.seq !== lastSeq + 1) {
      return { ok: false, entries, brokenAt: lastSeq + 1, reason: `entries #${lastSeq + 1} to #${row.seq - 1} are missing` };
    }
    if (chainHash(previous, row) !== row.hash) {
      return { ok: false, entries, brokenAt: row.seq, reason: `entry #${row.seq} does not match its hash: it, or the entry before it, was changed or removed` };
    }
    previous = row.hash;
    lastSeq = row.seq;
  }
  return { ok: true, entries, unchained };
}
