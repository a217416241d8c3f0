import { afterEach, describe, expect, it } from 'vitest';
import { startEngine, type Harness } from '../support/engineHarness';
import { dispatch } from '../../main/engine';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

describe('general settings', () => {
  it('has defaults a new user can fax with, and keeps changes across restarts', async () => {
    harness = await startEngine();
    const defaults = await harness.engine.call('getSettings', {});
    expect(defaults).toMatchObject({ defaultCountry: 'US', paperSize: 'letter', maxAttempts: 3 });
    expect(defaults.confidentialityNotice).toMatch(/CONFIDENTIAL/);
    await harness.engine.call('updateSettings', {
      paperSize: 'a4',
      stationNumber: '020 7946 0018',
      defaultCountry: 'GB',
      stationName: 'Front desk',
    });
    const dataDir = harness.dataDir;
    await harness.close();
    harness = await startEngine({}, dataDir);
    expect(await harness.engine.call('getSettings', {})).toMatchObject({
      paperSize: 'a4',
      stationNumber: '+442079460018',
      defaultCountry: 'GB',
      stationName: 'Front desk',
    });
  });

  it('refuses bad values with field errors and changes nothing', async () => {
    harness = await startEngine();
    const before = await harness.engine.call('getSettings', {});
    for (const bad of [
      { defaultCountry: 'ZZ' },
      { stationNumber: '12' },
      { paperSize: 'legal' },
      { maxAttempts: 0 },
      { concurrency: 99 },
      { defaultCountry: 'usa' },
    ]) {
      const reply = await dispatch(harness.engine, 'updateSettings', bad);
      expect(reply.ok, JSON.stringify(bad)).toBe(false);
      if (!reply.ok) {
        expect(reply.error.code).toMatch(/invalid_input|invalid_number/);
        expect(Object.keys(reply.error.fields ?? {})).toContain(Object.keys(bad)[0]);
      }
    }
    expect(await harness.engine.call('getSettings', {})).toEqual(before);
  });
});

describe('dispatch, the door every transport uses', () => {
  it('refuses unknown operations and malformed payloads before any handler runs', async () => {
    harness = await startEngine();
    expect(await dispatch(harness.engine, 'dropDatabase', {})).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await dispatch(harness.engine, '__proto__', {})).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const bad = await dispatch(harness.engine, 'sendFax', { to: 5, documentIds: [] });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (!bad.ok) expect(Object.keys(bad.error.fields!)).toEqual(expect.arrayContaining(['to', 'documentIds']));
    expect(await dispatch(harness.engine, 'getJob', { id: '../../etc/passwd' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await dispatch(harness.engine, 'getJob', 'not an object')).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect((await harness.engine.call('listJobs', { limit: 10 })).total).toBe(0);
  });

  it('answers a good call', async () => {
    harness = await startEngine();
    const reply = await dispatch(harness.engine, 'getStatus', {});
    expect(reply).toMatchObject({ ok: true, result: { provider: 'simulator', activeJobs: 0, unreadFaxes: 0, headless: true } });
  });
});

describe('one engine per data folder', () => {
  it('refuses a second engine on the same folder with the reason, and allows it after the first closes', async () => {
    harness = await startEngine();
    const dataDir = harness.dataDir;
    await expect(startEngine({}, dataDir)).rejects.toMatchObject({
      code: 'wrong_state',
      message: expect.stringMatching(/already running on the data folder/),
    });
    await harness.close();
    harness = await startEngine({}, dataDir);
    expect((await harness.engine.call('getStatus', {})).provider).toBe('simulator');
  });
});
