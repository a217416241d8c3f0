// The built-in simulator: a stand-in fax service so the app works end to end with nothing
// configured. It keeps its own state in a separate SQLite file, as a remote service would,
// so a crash of the engine never makes it forget (or repeat) a fax it accepted.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createPrivateFile } from '../../dataFolderModes';
import type { Logger } from '../../log';
import type { OutboundFax, ProviderFaxStatus, ProviderPlugin, ProviderSink } from '../types';
import { isSealed, openBytes, sealBytes } from '../../storage/envelope';
import { plannedOutcome, type SimulatedOutcome } from './numbers';
import { milestones, pacing, statusAt, type Pacing, type SimulatedFax } from './timeline';

export interface SimulatorOptions {
  dataDir: string;
  timeScale: number;
  /** The workstation's own number, read at each send: a fax to it loops back to the Inbox. */
  stationNumber: () => string;
  logger: Logger;
  nativeBinding?: string;
  /**
   * The data key: a fax to the station's own number waits here until it reaches the Inbox,
   * and this folder holds patient data only sealed (the same envelope as the documents).
   */
  dataKey?: Buffer;
}

interface FaxRow {
  id: string;
  idempotency_key: string;
  to_number: string;
  from_number: string;
  /** The sending station's name: what a fax machine sends as its station id. */
  from_station: string;
  pages: number;
  accepted_at: number;
  outcome: string;
  final: number;
  loopback_pdf: Buffer | null;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS sim_faxes (
    id TEXT PRIMARY KEY,
    idempotency_key TEXT NOT NULL UNIQUE,
    to_number TEXT NOT NULL,
    from_number TEXT NOT NULL,
    pages INTEGER NOT NULL,
    accepted_at INTEGER NOT NULL,
    outcome TEXT NOT NULL,
    final INTEGER NOT NULL DEFAULT 0,
    loopback_pdf BLOB
  );
  CREATE INDEX IF NOT EXISTS sim_faxes_to ON sim_faxes (to_number);
`;

export class SimulatorProvider implements ProviderPlugin {
  readonly id = 'simulator';
  readonly label = 'Simulator';
  private readonly db: Database.Database;
  private readonly pace: Pacing;
  private sink: ProviderSink | null = null;
  /** The last page count each call in progress reported (report()). */
  private readonly pagesReported = new Map<string, number>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(private readonly options: SimulatorOptions) {
    createPrivateFile(join(options.dataDir, 'simulator.sqlite'));
    this.db = new Database(
      join(options.dataDir, 'simulator.sqlite'),
      options.nativeBinding ? { nativeBinding: options.nativeBinding } : {},
    );
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    // A looped-back document is cleared once delivered: zero its pages rather than leave them in free space.
    this.db.pragma('secure_delete = ON');
    this.db.exec(SCHEMA);
    // Folders made before the simulator reported a station id: the column joins them empty.
    const columns = this.db.prepare('PRAGMA table_info(sim_faxes)').all() as { name: string }[];
    if (!columns.some((c) => c.name === 'from_station'))
      this.db.exec("ALTER TABLE sim_faxes ADD COLUMN from_station TEXT NOT NULL DEFAULT ''");
    this.pace = pacing(options.timeScale);
  }

  async start(sink: ProviderSink): Promise<void> {
    this.sink = sink;
    const pending = this.db.prepare('SELECT * FROM sim_faxes WHERE final = 0 OR loopback_pdf IS NOT NULL').all() as FaxRow[];
    for (const row of pending) this.follow(row);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.db.close();
  }

  async send(fax: OutboundFax): Promise<{ providerFaxId: string }> {
    const accept = this.db.transaction((): FaxRow => {
      const existing = this.db.prepare('SELECT * FROM sim_faxes WHERE idempotency_key = ?').get(fax.idempotencyKey) as FaxRow | undefined;
      if (existing) return existing;
      const priorCalls = (this.db.prepare('SELECT COUNT(*) AS n FROM sim_faxes WHERE to_number = ?').get(fax.to) as { n: number }).n;
      const outcome = plannedOutcome(fax.to, priorCalls, this.options.stationNumber());
      const row: FaxRow = {
        id: `sim_${randomUUID()}`,
        idempotency_key: fax.idempotencyKey,
        to_number: fax.to,
        from_number: fax.from.number,
        from_station: fax.from.name.trim().slice(0, 20),
        pages: fax.pages,
        accepted_at: Date.now(),
        outcome: JSON.stringify(outcome),
        final: 0,
        loopback_pdf: outcome.kind === 'delivered' && outcome.loopback ? this.seal(fax.idempotencyKey, fax.pdf) : null,
      };
      this.db
        .prepare(
          `INSERT INTO sim_faxes (id, idempotency_key, to_number, from_number, from_station, pages, accepted_at, outcome, final, loopback_pdf)
           VALUES (@id, @idempotency_key, @to_number, @from_number, @from_station, @pages, @accepted_at, @outcome, @final, @loopback_pdf)`,
        )
        .run(row);
      this.follow(row);
      return row;
    });
    const row = accept();
    return { providerFaxId: row.id };
  }

  async lookup(idempotencyKey: string): Promise<ProviderFaxStatus | null> {
    const row = this.db.prepare('SELECT * FROM sim_faxes WHERE idempotency_key = ?').get(idempotencyKey) as FaxRow | undefined;
    return row ? statusAt(toFax(row), Date.now(), this.pace) : null;
  }

  async getStatus(providerFaxId: string): Promise<ProviderFaxStatus> {
    const row = this.db.prepare('SELECT * FROM sim_faxes WHERE id = ?').get(providerFaxId) as FaxRow | undefined;
    if (!row) throw new Error(`The simulator has no fax ${providerFaxId}.`);
    return statusAt(toFax(row), Date.now(), this.pace);
  }

  /** Which faxes the simulated far end received: what a crash test counts. */
  transmissions(): { idempotencyKey: string; to: string; delivered: boolean }[] {
    const rows = this.db.prepare('SELECT * FROM sim_faxes ORDER BY accepted_at').all() as FaxRow[];
    return rows.map((row) => {
      const status = statusAt(toFax(row), Date.now(), this.pace);
      return { idempotencyKey: row.idempotency_key, to: row.to_number, delivered: status.state === 'delivered' };
    });
  }

  /** Report where the call stands now, then again at its next milestone, until it ends. */
  private follow(row: FaxRow): void {
    this.schedule(0, () => this.report(row));
  }

  private schedule(delayMs: number, run: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.stopped) run();
    }, delayMs);
    this.timers.add(timer);
  }

  private report(row: FaxRow): void {
    const fax = toFax(row);
    const now = Date.now();
    const status = statusAt(fax, now, this.pace);
    // A timer that fired late may find the call already confirmed: the last page was still
    // sent before that, and is reported first, as a real call's progress would have shown it.
    if (status.state === 'delivered' && this.pagesReported.get(row.id) !== fax.pages)
      this.sink?.statusChanged({ ...status, state: 'sending', pagesSent: fax.pages });
    if (status.state === 'sending' && status.pagesSent !== undefined) this.pagesReported.set(row.id, status.pagesSent);
    else if (status.state !== 'queued') this.pagesReported.delete(row.id);
    this.sink?.statusChanged(status);
    if (status.state === 'delivered' || status.state === 'failed') {
      this.db.prepare('UPDATE sim_faxes SET final = 1 WHERE id = ?').run(row.id);
      if (status.state === 'delivered') void this.loopBack(row.id);
      return;
    }
    // Timers may fire a little early against the wall clock: aim just past the milestone,
    // and if still early, the next report simply comes round again.
    const next = milestones(fax, this.pace).find((at) => at > now) ?? now;
    this.schedule(Math.ceil(next - now) + 1, () => this.report(row));
  }

  private seal(key: string, pdf: Uint8Array): Buffer {
    return this.options.dataKey ? sealBytes(this.options.dataKey, `simulator-${key}`, pdf) : Buffer.from(pdf);
  }

  /** Rows written before sealing (plain PDFs) are still delivered. */
  private open(key: string, stored: Buffer): Uint8Array {
    return new Uint8Array(this.options.dataKey && isSealed(stored) ? openBytes(this.options.dataKey, `simulator-${key}`, stored) : stored);
  }

  private async loopBack(id: string): Promise<void> {
    const row = this.db.prepare('SELECT * FROM sim_faxes WHERE id = ? AND loopback_pdf IS NOT NULL').get(id) as FaxRow | undefined;
    if (!row || !this.sink || !row.loopback_pdf) return;
    try {
      await this.sink.faxReceived({
        providerFaxId: `${row.id}_in`,
        from: row.from_number || row.to_number,
        // Like a fax machine's station id (at most 20 characters), never the simulator's own name.
        fromName: row.from_station ?? '',
        to: row.to_number,
        pages: row.pages,
        pdf: this.open(row.idempotency_key, row.loopback_pdf),
        receivedAt: new Date(),
      });
      if (!this.stopped) this.db.prepare('UPDATE sim_faxes SET loopback_pdf = NULL WHERE id = ?').run(id);
    } catch (error) {
      this.options.logger.warn('the simulator could not deliver a looped-back fax; it will try again at the next start', { error });
    }
  }
}

function toFax(row: FaxRow): SimulatedFax {
  return {
    id: row.id,
    idempotencyKey: row.idempotency_key,
    to: row.to_number,
    pages: row.pages,
    acceptedAt: row.accepted_at,
    outcome: JSON.parse(row.outcome) as SimulatedOutcome,
  };
}
