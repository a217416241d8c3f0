// The engine's audit log: one row per thing a person, a key or a provider did that an
// auditor may ask about. The table is append-only (SQLite triggers refuse UPDATE and DELETE),
// each row is chained to the one before by hash, and the head is anchored outside the table
// (auditHead.ts). Numbers are masked to their last 4 digits and secrets never reach it.
import type { Db } from '../database';
import type { Logger } from '../log';
import { maskFaxNumber } from '../../../shared/faxNumber';
import type { AuditAction } from '../../../shared/audit';
import { chainHash } from './auditChain';
import { GENESIS_HEAD, readAuditHead, writeAuditHead, writeAuditHeadAsync, type AuditHead } from './auditHead';
import { currentAuditCaller } from './auditCaller';
import { verifyAuditChain, type AuditVerdict } from './auditChain';
import { checkAuditCoverage, type CoverageVerdict } from './auditCoverage';

export interface AuditEntry {
  /** A key id, 'env' (API_KEY), 'window' (the app's own window), a provider id, 'faxbot', 'cli', 'mcp' or 'anonymous'. */
  actor: string;
  action: AuditAction;
  /** What the action was about: a job id, a fax id, a key id, a route. */
  target?: string | null;
  details?: Record<string, unknown>;
}

export interface AuditRecord {
  seq: number;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  details: Record<string, unknown>;
}

export interface AuditQuery {
  actions?: readonly string[];
  /** ISO UTC: entries at or after. */
  from?: string;
  /** ISO UTC: entries before. */
  before?: string;
}

export interface AuditLogOptions {
  db: Db;
  /** Where the head file lives (the data folder). */
  dataDir: string;
  logger: Logger;
  /** Who an operation is on behalf of when no caller says otherwise: 'window' in the app and `faxbot serve`. */
  defaultActor?: string;
  now?: () => number;
}

const NUMBER_FIELDS = /^(to|from|number|to_number|from_number|fax)$/;
const SECRET_FIELDS = /secret|key$|password|token|signature/i;

/** Masks numbers and drops anything secret-looking before it is written. */
function scrub(details: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(details)) {
    if (SECRET_FIELDS.test(name) && name !== 'keyId') continue;
    out[name] = NUMBER_FIELDS.test(name) && typeof value === 'string' ? maskFaxNumber(value) : value;
  }
  return out;
}

type Row = { seq: number; at: string; actor: string; action: string; target: string | null; details: string };
const toRecord = ({ seq, at, actor, action, target, details }: Row): AuditRecord => ({
  seq,
  at,
  actor,
  action,
  target,
  details: JSON.parse(details) as Record<string, unknown>,
});

export class AuditLog {
  private readonly db: Db;
  private readonly now: () => number;
  /** Set when the head on disk does not match the table: it is then left as found, as evidence. */
  private anchorBroken = false;
  /** The head still to be written, and the write under way (one at a time, newest wins). */
  private pendingHead: AuditHead | null = null;
  private headWrite: Promise<void> | null = null;

  constructor(private readonly options: AuditLogOptions) {
    this.db = options.db;
    this.now = options.now ?? Date.now;
    this.checkAnchor();
  }

  /** Appends one entry. Never throws: a fax must not fail because its audit entry could not be written. */
  record(entry: AuditEntry): void {
    try {
      this.append(entry);
    } catch (error) {
      this.options.logger.error('could not write the audit log', { action: entry.action, error });
    }
  }

  /**
   * Records what the caller of the operation running now did (the window, an MCP client, the
   * CLI). Nothing is recorded when that caller writes its own entries (the REST API).
   */
  recordForCaller(entry: Omit<AuditEntry, 'actor'>): void {
    const caller = currentAuditCaller();
    if (caller?.selfRecorded) return;
    this.record({ ...entry, actor: caller?.actor ?? this.options.defaultActor ?? 'window' });
  }

  /**
   * Appends inside the caller's SQLite transaction, so the entry and the state change it
   * records are committed together or not at all (a job delivered, a fax received, …). Unlike
   * `record`, it throws when the entry cannot be written: the caller's change is then undone.
   */
  appendInTransaction(entry: AuditEntry): void {
    if (!this.db.inTransaction) throw new Error('appendInTransaction must run inside the transaction of the change it records');
    this.append(entry);
  }

  /** appendInTransaction for what the caller of the running operation did, whoever it is (the REST API included). */
  appendForCaller(entry: Omit<AuditEntry, 'actor'>): void {
    this.appendInTransaction({ ...entry, actor: currentAuditCaller()?.actor ?? this.options.defaultActor ?? 'window' });
  }

  /** Whether every fax state change has its entry (auditCoverage.ts). */
  coverage(): CoverageVerdict {
    return checkAuditCoverage(this.db);
  }

  /** Walks the chain and holds its end against the head (auditChain.ts says what that finds). */
  async verify(): Promise<AuditVerdict> {
    await this.flush();
    return verifyAuditChain(this.db, this.options.dataDir);
  }

  /** Appends one entry, chained to the one before it by hash (in one transaction), then moves the head. */
  append(entry: AuditEntry): AuditHead {
    const at = new Date(this.now()).toISOString();
    const details = JSON.stringify(scrub(entry.details ?? {}));
    const head = this.db.transaction((): AuditHead => {
      const previous = this.db.prepare('SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { hash: string | null } | undefined;
      const hash = chainHash(previous?.hash ?? null, {
        at,
        actor: entry.actor,
        action: entry.action,
        target: entry.target ?? null,
        details,
      });
      const inserted = this.db
        .prepare('INSERT INTO audit_log (at, actor, action, target, details, hash) VALUES (?, ?, ?, ?, ?, ?)')
        .run(at, entry.actor, entry.action, entry.target ?? null, details, hash);
      return { seq: Number(inserted.lastInsertRowid), hash };
    })();
    this.moveHead(head);
    return head;
  }

  /** Resolves once the head names the newest entry written so far (before verify, and at close). */
  async flush(): Promise<void> {
    while (this.headWrite) await this.headWrite;
  }

  /**
   * Written after the commit and off the event loop; entries in a burst move it once. Until it
   * is written the head lags the table, which verify accepts: only a head ahead of it is wrong.
   */
  private moveHead(head: AuditHead): void {
    if (this.anchorBroken) return;
    this.pendingHead = head;
    this.headWrite ??= this.writeHeads();
  }

  private async writeHeads(): Promise<void> {
    // An entry appended inside a caller's transaction is committed or rolled back by the time
    // this continues (transactions are synchronous): only a committed entry may become the head.
    await null;
    while (this.pendingHead) {
      const head = this.pendingHead;
      this.pendingHead = null;
      if (!this.isCommitted(head)) continue;
      try {
        await writeAuditHeadAsync(this.options.dataDir, head);
      } catch (error) {
        this.options.logger.warn('could not move the audit log head', { error });
      }
    }
    this.headWrite = null;
  }

  private isCommitted(head: AuditHead): boolean {
    const row = this.db.prepare('SELECT hash FROM audit_log WHERE seq = ?').get(head.seq) as { hash: string | null } | undefined;
    return row?.hash === head.hash;
  }

  /** Newest first, optionally of one action (tests and the API's own checks). */
  recent(limit = 100, action?: string): AuditRecord[] {
    return this.page({ actions: action ? [action] : undefined }, limit).items;
  }

  /** One page, newest first, of the entries matching `query`, after entry `beforeSeq` when given. */
  page(query: AuditQuery, limit: number, beforeSeq?: number): { items: AuditRecord[]; total: number; nextBeforeSeq: number | null } {
    const { where, params } = filterSql(query);
    const cursorWhere = beforeSeq === undefined ? where : [...where, 'seq < ?'];
    const cursorParams = beforeSeq === undefined ? params : [...params, beforeSeq];
    const clause = (parts: string[]) => (parts.length ? `WHERE ${parts.join(' AND ')}` : '');
    const rows = this.db
      .prepare(`SELECT seq, at, actor, action, target, details FROM audit_log ${clause(cursorWhere)} ORDER BY seq DESC LIMIT ?`)
      .all(...cursorParams, limit + 1) as Row[];
    const total = (this.db.prepare(`SELECT COUNT(*) AS n FROM audit_log ${clause(where)}`).get(...params) as { n: number }).n;
    const more = rows.length > limit;
    const items = rows.slice(0, limit).map(toRecord);
    return { items, total, nextBeforeSeq: more ? items[items.length - 1].seq : null };
  }

  /** Every entry matching `query`, newest first, read as it is used (the CSV export). */
  *each(query: AuditQuery): Generator<AuditRecord> {
    const { where, params } = filterSql(query);
    const rows = this.db
      .prepare(
        `SELECT seq, at, actor, action, target, details FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC`,
      )
      .iterate(...params) as IterableIterator<Row>;
    for (const row of rows) yield toRecord(row);
  }

  /**
   * At start. A fresh, empty log gets its head at once (seq 0), so a data folder never has a
   * log without a head except by someone's hand. A head that names an entry the table no
   * longer has (or has with another hash), or a missing or unreadable head beside a log with
   * entries, is left as found and no longer moved: verify keeps saying so until a person
   * re-anchors deliberately (`faxbot audit re-anchor`, recorded as its own entry).
   */
  private checkAnchor(): void {
    const reading = readAuditHead(this.options.dataDir);
    const entries = (this.db.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number }).n;
    if (reading.state === 'present') {
      const { head } = reading;
      const row = this.db.prepare('SELECT hash FROM audit_log WHERE seq = ?').get(head.seq) as { hash: string | null } | undefined;
      if (head.seq > 0 && row?.hash !== head.hash) {
        this.anchorBroken = true;
        this.options.logger.error(
          'the audit log does not end where its head says: entries were removed or rewritten; `faxbot audit verify` says which',
          { headSeq: head.seq },
        );
      }
      return;
    }
    if (entries === 0) {
      writeAuditHead(this.options.dataDir, GENESIS_HEAD);
      return;
    }
    this.anchorBroken = true;
    this.options.logger.error(
      `the audit log's head file ${reading.state === 'missing' ? 'is missing' : 'cannot be read'}: the newest entries may have been removed. After finding out why, stop Faxbot and run \`faxbot audit re-anchor\` to accept the log as it is (that is recorded)`,
      { entries },
    );
  }

  /**
   * A person accepts the log as it is now (after finding out why its head was lost or no
   * longer matched): an entry says who did it, why, and what the head was; the head then
   * names that entry. Run with Faxbot stopped (the CLI holds the data folder's lock).
   */
  reanchor(actor: string, reason: string): { seq: number; headWas: string } {
    const reading = readAuditHead(this.options.dataDir);
    const headWas = reading.state === 'present' ? `#${reading.head.seq}` : reading.state;
    const last = this.db.prepare('SELECT MAX(seq) AS seq FROM audit_log').get() as { seq: number | null };
    const head = this.append({ actor, action: 'audit_head_restored', details: { reason, headWas, lastSeq: last.seq ?? 0 } });
    this.pendingHead = null;
    writeAuditHead(this.options.dataDir, head);
    this.anchorBroken = false;
    return { seq: head.seq, headWas };
  }
}

function filterSql(query: AuditQuery): { where: string[]; params: (string | number)[] } {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (query.actions?.length) {
    where.push(`action IN (${query.actions.map(() => '?').join(', ')})`);
    params.push(...query.actions);
  }
  if (query.from) {
    where.push('at >= ?');
    params.push(query.from);
  }
  if (query.before) {
    where.push('at < ?');
    params.push(query.before);
  }
  return { where, params };
}
