// INBOUND_RETENTION_DAYS / OUTBOUND_RETENTION_DAYS and the Settings values: bad input from
// the environment is ignored with a warning (the engine still starts); bad input from the
// window is refused with a field error naming what is allowed.
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../main/engine';
import { newDataDir, openDesk, type RetentionDesk } from './retentionHarness';

let desk: RetentionDesk | null = null;
afterEach(async () => {
  await desk?.close();
  desk = null;
});

describe('retention settings', () => {
  it('starts with a logged warning naming the variable when the environment holds a bad value', async () => {
    desk = await openDesk(newDataDir(), {
      INBOUND_RETENTION_DAYS: 'thirty',
      OUTBOUND_RETENTION_DAYS: '-1',
      FAXBOT_RETENTION_SWEEP_MS: 'soon',
    });
    const { retention } = await desk.engine.call('getStorageInfo', {});
    expect(retention).toMatchObject({ inboundDays: 0, outboundDays: 0, lockedBy: { inboundDays: null, outboundDays: null } });
    expect(retention.problems).toHaveLength(2);
    expect(retention.problems[0]).toMatch(/INBOUND_RETENTION_DAYS=thirty is not usable: set it to a whole number of days from 0 to 3650/);
    expect(retention.problems[1]).toMatch(/OUTBOUND_RETENTION_DAYS=-1/);
    const warnings = desk.logLines.filter((line) => line.includes('WARN'));
    expect(warnings.some((line) => line.includes('INBOUND_RETENTION_DAYS=thirty'))).toBe(true);
    expect(warnings.some((line) => line.includes('OUTBOUND_RETENTION_DAYS=-1'))).toBe(true);
    expect(warnings.some((line) => line.includes('FAXBOT_RETENTION_SWEEP_MS=soon'))).toBe(true);
  });

  it('refuses bad values from the window with a field error, and saves good ones across a restart', async () => {
    const dataDir = newDataDir();
    desk = await openDesk(dataDir);
    for (const bad of ['abc', -1, 3651, 1.5, null, '', true]) {
      const reply = await dispatch(desk.engine, 'updateRetention', { inboundDays: bad });
      expect(reply.ok, `inboundDays ${JSON.stringify(bad)}`).toBe(false);
      if (!reply.ok) {
        expect(reply.error.code).toBe('invalid_input');
        expect(reply.error.fields?.inboundDays).toMatch(/whole number of days from 0 to 3650 \(0 keeps documents forever\)/);
      }
    }
    // The engine checks again behind the transport (a caller inside the process).
    await expect(desk.engine.call('updateRetention', { outboundDays: 4000 })).rejects.toMatchObject({
      code: 'invalid_input',
      fields: { outboundDays: expect.stringMatching(/0 to 3650/) },
    });
    expect((await desk.engine.call('getStorageInfo', {})).retention).toMatchObject({ inboundDays: 0, outboundDays: 0 });

    const saved = await dispatch(desk.engine, 'updateRetention', { inboundDays: 90, outboundDays: 365 });
    expect(saved).toMatchObject({ ok: true, result: { inboundDays: 90, outboundDays: 365 } });
    await desk.close();
    desk = await openDesk(dataDir);
    expect((await desk.engine.call('getStorageInfo', {})).retention).toMatchObject({ inboundDays: 90, outboundDays: 365 });
  });

  it('shows a value set by the environment as locked, and refuses to change it from Settings', async () => {
    desk = await openDesk(newDataDir(), { OUTBOUND_RETENTION_DAYS: '45' });
    const { retention } = await desk.engine.call('getStorageInfo', {});
    expect(retention).toMatchObject({ outboundDays: 45, lockedBy: { outboundDays: 'OUTBOUND_RETENTION_DAYS', inboundDays: null } });
    const reply = await dispatch(desk.engine, 'updateRetention', { outboundDays: 10 });
    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(reply.error.fields?.outboundDays).toMatch(/Set by OUTBOUND_RETENTION_DAYS/);
    // The other field is still the window's to set.
    expect(await dispatch(desk.engine, 'updateRetention', { inboundDays: 7 })).toMatchObject({
      ok: true,
      result: { inboundDays: 7, outboundDays: 45 },
    });
  });

  it('describes where documents are kept and what protects their key', async () => {
    const dataDir = newDataDir();
    desk = await openDesk(dataDir);
    const info = await desk.engine.call('getStorageInfo', {});
    expect(info.backend).toMatchObject({ kind: 'local', label: 'This computer, encrypted' });
    expect(info.backend.location.startsWith(dataDir)).toBe(true);
    expect(info.keyProtection).toEqual({ description: expect.stringContaining('master.key'), warning: null });
  });
});
