import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDesk, createSettingsStore } from '../../renderer/src/stores';
import { makeTestPdf } from '../support/pdfs';
import { droppedFile, startDeskEngine, TRANSPORTS, whenStore, type DeskEngine } from './deskEngine';

describe.each(TRANSPORTS)('the desk wired to the real engine over %s', (transport) => {
  let engine: DeskEngine;
  beforeAll(async () => {
    engine = await startDeskEngine({ transport });
  });
  afterAll(async () => engine?.close());

  it('loads every screen’s data on start and stops listening when stopped', async () => {
    const desk = createDesk(engine.api);
    const stop = desk.start();
    await whenStore(desk.status, (s) => s.status !== null, 'the status arrives');
    await whenStore(desk.settings, (s) => s.settings !== null, 'the settings arrive');
    await whenStore(desk.outbox, (s) => s.loaded, 'the outbox loads');
    await whenStore(desk.inbox, (s) => s.loaded, 'the inbox loads');
    expect(desk.defaultCountry()).toBe(desk.settings.getState().settings!.defaultCountry);
    stop();
  });

  it('sends from Send, then opens the job in the Outbox and follows it to Delivered', async () => {
    const desk = createDesk(engine.api);
    const stop = desk.start();
    await desk.send.getState().addFiles([droppedFile('referral.pdf', await makeTestPdf(3))]);
    desk.send.getState().setTo('(202) 555-0143');
    const job = await desk.sendAndShow();
    expect(job).not.toBeNull();
    expect(desk.nav.getState().screen).toBe('outbox');
    expect(desk.outbox.getState().selectedId).toBe(job!.id);
    await whenStore(desk.outbox, (s) => s.jobs[job!.id]?.status === 'delivered', 'the job is delivered');
    stop();
  });

  it('stays on Send when the fax is not complete', async () => {
    const desk = createDesk(engine.api);
    desk.send.getState().setTo('(202) 555-0143');
    expect(await desk.sendAndShow()).toBeNull();
    expect(desk.nav.getState().screen).toBe('send');
  });

  it('follows settings changed elsewhere (settingsChanged)', async () => {
    const desk = createDesk(engine.api);
    const stop = desk.start();
    await whenStore(desk.settings, (s) => s.settings !== null, 'the settings arrive');
    await engine.api.updateSettings({ stationName: 'Back office' });
    await whenStore(desk.settings, (s) => s.settings?.stationName === 'Back office', 'the change arrives');
    stop();
  });
});

describe.each(TRANSPORTS)('saving settings over %s', (transport) => {
  let engine: DeskEngine;
  beforeAll(async () => {
    engine = await startDeskEngine({ transport });
  });
  afterAll(async () => engine?.close());

  it('shows the engine’s message next to a bad station number, and saves nothing', async () => {
    const store = createSettingsStore(engine.api);
    await store.getState().load();
    expect(await store.getState().save({ stationNumber: '12' })).toBe(false);
    expect(store.getState().fieldErrors.stationNumber).toMatch(/short|digits|not a/i);
    expect(store.getState().saving).toBe(false);
    expect((await engine.api.getSettings({})).stationNumber).toBe('');
  });

  it('shows schema errors per field: a country that is not two letters, a header that is too long', async () => {
    const store = createSettingsStore(engine.api);
    expect(await store.getState().save({ defaultCountry: 'usa', headerText: 'x'.repeat(101) })).toBe(false);
    expect(Object.keys(store.getState().fieldErrors).sort()).toEqual(['defaultCountry', 'headerText']);
    expect(store.getState().fieldErrors.defaultCountry).toMatch(/two-letter/);
  });

  it('saves a good station number as the engine normalized it, and clears old errors', async () => {
    const store = createSettingsStore(engine.api);
    await store.getState().save({ stationNumber: 'x' });
    expect(await store.getState().save({ stationNumber: '(202) 555-0177', stationName: 'Front desk' })).toBe(true);
    expect(store.getState()).toMatchObject({
      fieldErrors: {},
      saveError: null,
      settings: { stationNumber: '+12025550177', stationName: 'Front desk' },
    });
    expect(store.getState().savedAt).not.toBeNull();
  });
});
