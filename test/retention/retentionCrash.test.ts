// Killing the engine between marking documents expired and deleting them: the rows already
// carry the marker (never a row pointing at a missing document without it), and the next
// start finishes the deletions.
import { describe, expect, it } from 'vitest';
import { runTs } from '../support/childProcess';
import { documentFileExists, documentRow, newDataDir, openDesk, sendAndReceive } from './retentionHarness';

const CHILD = 'test/retention/retentionChild.ts';
const ENV = { INBOUND_RETENTION_DAYS: '30', OUTBOUND_RETENTION_DAYS: '30', FAXBOT_WEBHOOK_PORT: '0' };

describe('a crash during the retention sweep', () => {
  it('leaves marked rows whose documents the next start deletes', async () => {
    const dataDir = newDataDir();
    const desk = await openDesk(dataDir);
    const { job, fax } = await sendAndReceive(desk.engine);
    await desk.close();

    const crashed = await runTs(CHILD, ['31'], { ...ENV, FAX_DATA_DIR: dataDir, FAXBOT_FAULT_POINT: 'retention-marked' });
    expect(crashed.signal, crashed.stderr).toBe('SIGKILL');
    for (const [table, id] of [
      ['fax_jobs', job.id],
      ['inbound_faxes', fax.id],
    ] as const) {
      const row = documentRow(dataDir, table, id);
      expect(row.expired_at).not.toBeNull();
      expect(row.expired_after_days).toBe(30);
      expect(row.expired_removed_at).toBeNull();
      // Marked, not yet deleted: the order that makes the crash harmless.
      expect(documentFileExists(dataDir, row.id)).toBe(true);
    }

    // The restart (with the real clock now: the marks alone decide) finishes the deletions.
    const resumed = await runTs(CHILD, ['0'], { ...ENV, FAX_DATA_DIR: dataDir });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(JSON.parse(resumed.stdout.trim())).toMatchObject({ deleted: 2, failed: 0 });
    for (const [table, id] of [
      ['fax_jobs', job.id],
      ['inbound_faxes', fax.id],
    ] as const) {
      const row = documentRow(dataDir, table, id);
      expect(row.expired_removed_at).not.toBeNull();
      expect(documentFileExists(dataDir, row.id)).toBe(false);
    }
  });
});
