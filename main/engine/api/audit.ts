// The API's audit log: one row per use of a key, refusal, key change, fax sent or PDF
// served. The table is append-only (SQLite triggers refuse UPDATE and DELETE). Numbers are
// masked to their last 4 digits and secrets never reach it.
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

  record(entry: AuditEntry): void {
    this.db
      .prepare('INSERT INTO audit_log (at, actor, action, target, details) VALUES (?, ?, ?, ?, ?)')
      .run(new Date(this.now()).toISOString(), entry.actor, entry.action, entry.target ?? null, JSON.stringify(scrub(entry.details ?? {})));
  }

  /** Newest first. */
  recent(limit = 100, action?: AuditEntry['action']): AuditRecord[] {
    const rows = (
      action
        ? this.db.prepare('SELECT * FROM audit_log WHERE action = ? ORDER BY seq DESC LIMIT ?').all(action, limit)
        : this.db.prepare('SELECT * FROM audit_log ORDER BY seq DESC LIMIT ?').all(limit)
    ) as { seq: number; at: string; actor: string; action: AuditEntry['action']; target: string | null; details: string }[];
    return rows.map((row) => ({ ...row, details: JSON.parse(row.details) as Record<string, unknown> }));
  }
}
