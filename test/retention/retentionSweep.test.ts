// The retention sweep against a real engine, real SQLite and real encrypted document files.
import { afterEach, describe, expect, it } from 'vitest';
import { SIMULATOR_NUMBERS } from '../../main/engine/providers';
import {
  ageJob,
  documentFileExists,
  documentRow,
  newDataDir,
  openDesk,
  refusal,
  sendAndReceive,
  sendFax,
  waitForJob,
  type RetentionDesk,
} from './retentionHarness';

const THIRTY = { INBOUND_RETENTION_DAYS: '30', OUTBOUND_RETENTION_DAYS: '30' };
const EXPIRED_REASON = /This fax's document was deleted on .+ under the retention setting \(30 days\)/;

let desk: RetentionDesk | null = null;
afterEach(async () => {
  await desk?.close();
  desk = null;
});

describe('the retention sweep', () => {
  it('deletes sent and received documents past their retention, keeps the rows marked, and never touches a fax still going', async () => {
    const dataDir = newDataDir();
    // A long retry back-off keeps the busy fax queued across the restarts below.
    desk = await openDesk(dataDir, THIRTY, 0, { retryBaseMs: 3_600_000 });
    const { job, fax } = await sendAndReceive(desk.engine);
    const busy = await sendFax(desk.engine, SIMULATOR_NUMBERS.busyOnce);
    await waitForJob(desk.engine, busy.id, (j) => j.status === 'queued' && j.attempts === 1);
    await desk.close();
    const sentDoc = documentRow(dataDir, 'fax_jobs', job.id).id;
    const receivedDoc = documentRow(dataDir, 'inbound_faxes', fax.id).id;
    const busyDoc = documentRow(dataDir, 'fax_jobs', busy.id).id;

    // 29 days on: nothing is old enough yet.
    desk = await openDesk(dataDir, THIRTY, 29, { retryBaseMs: 3_600_000 });
    expect((await desk.engine.call('getStorageInfo', {})).lastSweep).toMatchObject({ deleted: 0, failed: 0 });
    expect(documentFileExists(dataDir, sentDoc) && documentFileExists(dataDir, receivedDoc)).toBe(true);
    await desk.close();

    // 31 days on: both documents of the finished fax go; the queued one stays.
    desk = await openDesk(dataDir, THIRTY, 31, { retryBaseMs: 3_600_000 });
    const { engine } = desk;
    expect((await engine.call('getStorageInfo', {})).lastSweep).toMatchObject({ deleted: 2, failed: 0 });
    expect(documentFileExists(dataDir, sentDoc)).toBe(false);
    expect(documentFileExists(dataDir, receivedDoc)).toBe(false);
    expect(documentFileExists(dataDir, busyDoc)).toBe(true);
    expect(documentRow(dataDir, 'fax_jobs', busy.id).expired_at).toBeNull();

    const sent = await engine.call('getJob', { id: job.id });
    expect(sent.status).toBe('delivered');
    expect(sent.documentExpired).toMatchObject({ retentionDays: 30 });
    expect((await engine.call('listJobs', { limit: 10 })).items.find((j) => j.id === job.id)?.documentExpired?.retentionDays).toBe(30);
    expect((await engine.call('getJob', { id: busy.id })).documentExpired).toBeUndefined();
    const received = await engine.call('getInboundFax', { id: fax.id });
    expect(received.documentExpired).toMatchObject({ retentionDays: 30 });
    expect((await engine.call('listInbox', { limit: 10 })).items[0].documentExpired?.retentionDays).toBe(30);

    // Every place that opens the document gives the reason, never a crash or a bare "not found".
    for (const attempt of [
      engine.call('getJobDocument', { id: job.id }),
      engine.call('getInboundDocument', { id: fax.id }),
      engine.call('resendJob', { id: job.id }),
      engine.call('stageResend', { id: job.id }),
      engine.call('forwardInboundFax', { id: fax.id }),
    ]) {
      const error = await refusal(attempt);
      expect(error.code).toBe('not_found');
      expect(error.message).toMatch(EXPIRED_REASON);
    }
    // The transmission report still stands, without its picture.
    expect((await engine.call('getTransmissionReport', { id: job.id })).pdfBase64.length).toBeGreaterThan(100);

    const audited = engine.api.auditLog.recent(50).filter((entry) => entry.action === ('document_expired' as string));
    expect(audited.map((entry) => entry.target).sort()).toEqual([sentDoc, receivedDoc].sort());
    // Logged by ids only: no fax number in any line.
    const deletions = desk.logLines.filter((line) => line.includes('expired document deleted'));
    expect(deletions).toHaveLength(2);
    for (const line of deletions) expect(line).not.toMatch(/555\d{4}|\+1202/);
  });

  it('keeps every document when the retention is 0 (the default), however old', async () => {
    const dataDir = newDataDir();
    desk = await openDesk(dataDir);
    const { job, fax } = await sendAndReceive(desk.engine);
    await desk.close();
    desk = await openDesk(dataDir, { INBOUND_RETENTION_DAYS: '0' }, 3650);
    const info = await desk.engine.call('getStorageInfo', {});
    expect(info.retention).toMatchObject({ inboundDays: 0, outboundDays: 0 });
    expect(info.lastSweep).toMatchObject({ deleted: 0 });
    expect(documentFileExists(dataDir, documentRow(dataDir, 'fax_jobs', job.id).id)).toBe(true);
    expect(documentFileExists(dataDir, documentRow(dataDir, 'inbound_faxes', fax.id).id)).toBe(true);
    expect((await desk.engine.call('getInboundDocument', { id: fax.id })).pdfBase64.length).toBeGreaterThan(100);
  });

  it('keeps received faxes when only sent ones have a retention, and the other way round', async () => {
    const dataDir = newDataDir();
    desk = await openDesk(dataDir);
    const { job, fax } = await sendAndReceive(desk.engine);
    await desk.close();
    desk = await openDesk(dataDir, { OUTBOUND_RETENTION_DAYS: '10' }, 11);
    expect(documentFileExists(dataDir, documentRow(dataDir, 'fax_jobs', job.id).id)).toBe(false);
    expect(documentFileExists(dataDir, documentRow(dataDir, 'inbound_faxes', fax.id).id)).toBe(true);
    expect((await desk.engine.call('getJob', { id: job.id })).documentExpired?.retentionDays).toBe(10);
    await desk.close();
    desk = await openDesk(dataDir, { INBOUND_RETENTION_DAYS: '5' }, 11);
    expect(documentFileExists(dataDir, documentRow(dataDir, 'inbound_faxes', fax.id).id)).toBe(false);
    expect((await desk.engine.call('getInboundFax', { id: fax.id })).documentExpired?.retentionDays).toBe(5);
  });

  it('keeps a document a resend shares until the resend too is past its retention', async () => {
    const dataDir = newDataDir();
    desk = await openDesk(dataDir);
    const original = await waitForJob(desk.engine, (await sendFax(desk.engine, '+12025550143')).id, (j) => j.status === 'delivered');
    const resent = await desk.engine.call('resendJob', { id: original.id });
    await waitForJob(desk.engine, resent.id, (j) => j.status === 'delivered');
    await desk.close();
    const shared = documentRow(dataDir, 'fax_jobs', original.id).id;
    expect(documentRow(dataDir, 'fax_jobs', resent.id).id).toBe(shared);

    // The original finished 60 days ago, the resend just now: the document stays, unmarked.
    ageJob(dataDir, original.id, 60);
    desk = await openDesk(dataDir, THIRTY);
    expect(documentFileExists(dataDir, shared)).toBe(true);
    expect((await desk.engine.call('getJob', { id: original.id })).documentExpired).toBeUndefined();
    expect((await desk.engine.call('getJobDocument', { id: original.id })).pdfBase64.length).toBeGreaterThan(100);
    await desk.close();

    desk = await openDesk(dataDir, THIRTY, 31);
    expect(documentFileExists(dataDir, shared)).toBe(false);
    for (const id of [original.id, resent.id]) expect((await desk.engine.call('getJob', { id })).documentExpired?.retentionDays).toBe(30);
  });

  it('sweeps again on its interval while running, and announces each sweep', async () => {
    const dataDir = newDataDir();
    desk = await openDesk(dataDir, { ...THIRTY, FAXBOT_RETENTION_SWEEP_MS: '50' });
    const { engine } = desk;
    const sweeps: unknown[] = [];
    const twoSweeps = new Promise<void>((resolve) =>
      engine.on((event, payload) => {
        if (event === 'retentionSwept') sweeps.push(payload);
        if (sweeps.length >= 2) resolve();
      }),
    );
    await twoSweeps;
    expect(sweeps[1]).toMatchObject({ deleted: 0, failed: 0 });
  });
});
