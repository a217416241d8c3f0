// Settings → Audit's operations over a real SQLite log: cursor paging over many entries,
// filters by action and date, refusals of bad input, the verify verdict in words, and the
// CSV export (RFC 4180, formula-safe, numbers masked).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../main/engine/database';
import { createLogger } from '../../main/engine';
import {
  AuditLog,
  createAuditOperations,
  csvCell,
  recordDocumentExpired,
  recordStorageMigrated,
  webhookRejectionRecorder,
  type AuditOperations,
} from '../../main/engine/audit';
import { operations as contract } from '../../shared/contract';
import { startEngine, type Harness } from '../support/engineHarness';

const DAY = 24 * 60 * 60 * 1000;
const START = Date.parse('2026-03-01T09:00:00Z');

let db: Db | null = null;
let harness: Harness | null = null;
afterEach(async () => {
  db?.close();
  db = null;
  await harness?.close();
  harness = null;
});

function logAt(clock: { now: number }, keyNames = new Map<string, string>()): { log: AuditLog; ops: AuditOperations; dataDir: string } {
  const dataDir = mkdtempSync(join(tmpdir(), 'faxbot-audit-'));
  db = openDatabase({ dataDir });
  const log = new AuditLog({ db, dataDir, logger: createLogger({ level: 'error' }), now: () => clock.now });
  const ops = createAuditOperations({ auditLog: log, keyNames: () => keyNames, inboundFaxExists: () => false });
  return { log, ops, dataDir };
}

/** Operations take what the contract's schema made of the input, as the transports give it. */
const listInput = (input: unknown) => contract.listAuditLog.input.parse(input);

/** RFC 4180, read back: quoted fields with doubled quotes, CRLF between records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

describe('listing the audit log', () => {
  it('pages newest first over thousands of entries with the cursor, each entry once', async () => {
    const clock = { now: START };
    const { log, ops } = logAt(clock);
    const count = 2_345;
    db!.transaction(() => {
      for (let i = 0; i < count; i++) {
        clock.now += 1000;
        log.append({
          actor: 'window',
          action: i % 3 === 0 ? 'inbound_viewed' : 'fax_sent',
          target: `t-${i}`,
          details: { to: '+12025550143' },
        });
      }
    })();
    const seen: number[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await ops.listAuditLog(listInput({ limit: 500, cursor }));
      expect(page.total).toBe(count);
      seen.push(...page.items.map((e) => e.seq));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(5);
    expect(seen).toHaveLength(count);
    expect(new Set(seen).size).toBe(count);
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
    expect(seen[0]).toBe(count);
  });

  it('filters by action and by date range, and says each entry in words', async () => {
    const clock = { now: START };
    const { log, ops } = logAt(clock, new Map([['0123456789ab', 'EHR bridge']]));
    for (let day = 0; day < 10; day++) {
      clock.now = START + day * DAY;
      log.record({
        actor: 'window',
        action: 'fax_sent',
        target: `job-${day}`,
        details: { to: '+12025550143', pages: 2, file: 'chart.pdf' },
      });
      log.record({ actor: '0123456789ab', action: 'inbound_viewed', target: `fax-${day}` });
      log.record({ actor: 'phaxio', action: 'webhook_rejected', target: 'status', details: { route: 'status', reason: 'bad_signature' } });
    }
    const sent = await ops.listAuditLog(listInput({ actions: ['fax_sent'] }));
    expect(sent.total).toBe(10);
    expect(sent.items[0]).toMatchObject({
      action: 'fax_sent',
      who: 'Faxbot window',
      what: 'Fax sent',
      target: 'job-9',
      detailsText: 'to ***0143 · 2 pages · file chart.pdf',
    });

    const week = await ops.listAuditLog(
      listInput({ from: new Date(START + 2 * DAY).toISOString(), before: new Date(START + 5 * DAY).toISOString() }),
    );
    expect(week.total).toBe(9);
    expect(week.items.map((e) => e.target)).toContain('fax-2');
    expect(week.items.map((e) => e.target)).not.toContain('fax-5');

    const both = await ops.listAuditLog(
      listInput({ actions: ['inbound_viewed', 'webhook_rejected'], from: new Date(START + 8 * DAY).toISOString() }),
    );
    expect(both.total).toBe(4);
    expect(both.items.find((e) => e.action === 'inbound_viewed')).toMatchObject({
      who: 'API key “EHR bridge”',
      what: 'Received fax viewed',
    });
    expect(both.items.find((e) => e.action === 'webhook_rejected')).toMatchObject({
      who: 'Phaxio webhook',
      what: 'Provider callback refused',
      detailsText: 'route status · signature did not match',
    });

    // A date range in another time zone means the same moments.
    const offset = await ops.listAuditLog(listInput({ from: '2026-03-10T04:00:00-05:00' }));
    expect(offset.total).toBe(3);
  });

  it('refuses bad filters and cursors with a message a person can act on', async () => {
    const { ops } = logAt({ now: START });
    const bad = [
      { actions: ['fax_sent_everywhere'] },
      { actions: 'fax_sent' },
      { limit: 0 },
      { limit: 501 },
      { limit: 2.5 },
      { from: 'yesterday' },
      { before: '2026-13-01T00:00:00Z' },
      { cursor: 'x'.repeat(201) },
    ];
    for (const input of bad) expect(contract.listAuditLog.input.safeParse(input).success, JSON.stringify(input)).toBe(false);
    await expect(ops.listAuditLog(listInput({ from: '2026-03-05T00:00:00Z', before: '2026-03-01T00:00:00Z' }))).rejects.toMatchObject({
      code: 'invalid_input',
      message: /ends before it starts/,
    });
    await expect(ops.listAuditLog(listInput({ cursor: 'not-a-cursor' }))).rejects.toMatchObject({ code: 'invalid_input', field: 'cursor' });
    const forged = Buffer.from(JSON.stringify(['2026-03-01T00:00:00Z', 'seven'])).toString('base64url');
    await expect(ops.listAuditLog(listInput({ cursor: forged }))).rejects.toMatchObject({ code: 'invalid_input', field: 'cursor' });
    await expect(ops.exportAuditLog({ from: '2026-03-05T00:00:00Z', before: '2026-03-05T00:00:00Z' })).rejects.toMatchObject({
      code: 'invalid_input',
    });
  });
});

describe('verifying from Settings', () => {
  it('answers the verdict in words', async () => {
    harness = await startEngine();
    for (let i = 0; i < 3; i++) harness.engine.audit.record({ actor: 'window', action: 'inbound_viewed', target: `fax-${i}` });
    expect(await harness.engine.call('verifyAuditLog', {})).toEqual({
      ok: true,
      entries: 3,
      brokenAt: null,
      message: expect.stringMatching(/intact: 3 entries/),
    });
  });
});

describe('exporting CSV', () => {
  it('quotes as RFC 4180 says and defuses cells a spreadsheet would run as formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\r\nlines')).toBe('"two\r\nlines"');
    expect(csvCell('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvCell('+1 202')).toBe("'+1 202");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell(null)).toBe('');
    expect(csvCell(12)).toBe('12');
  });

  it('exports the current filter, newest first, numbers masked, hostile names harmless', async () => {
    const clock = { now: START };
    const hostile = '=cmd|\' /C calc\'!A0, "quoted"\nnext line';
    const { log, ops } = logAt(clock, new Map([['0123456789ab', hostile]]));
    log.record({ actor: 'window', action: 'fax_sent', target: 'job-1', details: { to: '+12025550143', pages: 1, file: '@evil.pdf' } });
    clock.now += DAY;
    log.record({ actor: '0123456789ab', action: 'inbound_viewed', target: '-fax-2' });
    clock.now += DAY;
    log.record({ actor: 'window', action: 'settings_changed', details: { changed: ['stationName'] } });

    const all = await ops.exportAuditLog({});
    expect(all.entries).toBe(3);
    expect(all.fileName).toMatch(/^faxbot-audit-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(all.csv.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(all.csv);
    expect(rows[0]).toEqual(['Entry', 'When (UTC)', 'Who', 'What', 'Target', 'Details', 'Action', 'Actor']);
    expect(rows.slice(1).map((r) => r[0])).toEqual(['3', '2', '1']);
    expect(rows[2]).toEqual([
      '2',
      new Date(START + DAY).toISOString(),
      `API key “${hostile}”`,
      'Received fax viewed',
      "'-fax-2",
      '',
      'inbound_viewed',
      '0123456789ab',
    ]);
    expect(rows[3][5]).toBe('to ***0143 · 1 page · file @evil.pdf');
    expect(all.csv).not.toMatch(/5550143/);
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);

    const filtered = await ops.exportAuditLog({
      actions: ['inbound_viewed', 'settings_changed'],
      before: new Date(START + 2 * DAY).toISOString(),
    });
    expect(
      parseCsv(filtered.csv)
        .slice(1)
        .map((r) => r[6]),
    ).toEqual(['inbound_viewed']);
  });

  it('through the engine, what the window exports holds the entries it shows', async () => {
    harness = await startEngine();
    await harness.engine.call('updateSettings', { stationName: 'Front desk' });
    const { csv, entries } = await harness.engine.call('exportAuditLog', { actions: ['settings_changed'] });
    expect(entries).toBe(1);
    expect(parseCsv(csv)[1]).toEqual(expect.arrayContaining(['Faxbot window', 'Settings changed', 'changed: station name']));
  });
});

describe('what other parts of the engine record', () => {
  it('records expired documents and storage moves with the backend named, not masked as a number', () => {
    const { log } = logAt({ now: START });
    recordDocumentExpired(log, { documentId: 'doc-1', retentionDays: 30, jobIds: ['job-1'], inboundIds: [] });
    recordStorageMigrated(log, { actor: 'faxbot', moveId: 4, toBackend: 's3', outcome: 'moved', moved: 12, total: 12, bytes: 4096 });
    const [moved, expired] = log.recent(2);
    expect(expired).toMatchObject({ action: 'document_expired', target: 'doc-1', details: { retentionDays: 30, jobIds: ['job-1'] } });
    expect(moved).toMatchObject({ action: 'storage_migrated', target: '4', details: { toBackend: 's3', outcome: 'moved', moved: 12 } });
  });

  it('holds back a flood of refused callbacks and counts what it held back in the next entry', () => {
    const clock = { now: START };
    const { log } = logAt(clock);
    const record = webhookRejectionRecorder(log, { perMinute: 3, now: () => clock.now });
    for (let i = 0; i < 50; i++) record({ provider: 'sinch', route: 'inbound', reason: 'bad_signature' });
    record({ provider: 'sinch', route: 'inbound', reason: 'bad_body' });
    expect(log.recent(100, 'webhook_rejected')).toHaveLength(4);
    clock.now += 60_000;
    record({ provider: 'sinch', route: 'inbound', reason: 'bad_signature' });
    const [latest] = log.recent(1);
    expect(latest.details).toMatchObject({ reason: 'bad_signature', suppressed: 47 });
  });
});
