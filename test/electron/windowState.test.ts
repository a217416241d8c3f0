// The window remembers its place per display (electron-store, a real file in a temporary
// userData folder) and always opens where a person can see it, checked against the fake
// 'electron' module's screen.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => await import('./fakeElectron'));
const fake = await import('./fakeElectron');
const { placeWindow, displayKey, withPlace, MAX_PLACES, MIN_VISIBLE } = await import('../../main/electron/windowPlace');
const { openWindowPlaceStore, rememberWindowPlace, windowPlaceNow, SAVE_DELAY_MS } = await import('../../main/electron/windowState');
const { createMainWindow, WINDOW_SIZE } = await import('../../main/electron/window');
const { createLogger } = await import('../../main/engine');

type Display = { id: number; workArea: { x: number; y: number; width: number; height: number } };
const laptop: Display = { id: 1, workArea: { x: 0, y: 0, width: 1440, height: 875 } };
const monitor: Display = { id: 2, workArea: { x: 1440, y: 0, width: 2560, height: 1410 } };
const asFakeDisplay = (d: Display) => ({ ...d, bounds: { ...d.workArea, height: d.workArea.height + 25 } });
const at = (x: number, y: number, width = 1300, height = 860) => ({ x, y, width, height });

describe('where the window opens', () => {
  it('opens at the default size, centred on the primary display, the first time', () => {
    expect(placeWindow(null, [laptop, monitor], laptop, WINDOW_SIZE)).toEqual({
      bounds: { x: 80, y: 28, width: 1280, height: 820 },
      maximized: false,
    });
  });

  it('comes back where it was, and maximized when it was, on the display it was on', () => {
    const saved = withPlace(null, monitor, { bounds: at(1600, 100), maximized: true }, 1);
    expect(placeWindow(saved, [laptop, monitor], laptop, WINDOW_SIZE)).toEqual({ bounds: at(1600, 100), maximized: true });
  });

  it('remembers a place per display: with the monitor unplugged it opens where it last was on the laptop', () => {
    let saved = withPlace(null, laptop, { bounds: at(20, 10), maximized: false }, 1);
    saved = withPlace(saved, monitor, { bounds: at(1700, 200), maximized: true }, 2);
    expect(saved.last).toBe(displayKey(monitor));
    expect(placeWindow(saved, [laptop], laptop, WINDOW_SIZE)).toEqual({ bounds: at(20, 10), maximized: false });
    expect(placeWindow(saved, [laptop, monitor], laptop, WINDOW_SIZE)).toEqual({ bounds: at(1700, 200), maximized: true });
  });

  it('treats a display at another resolution as another display', () => {
    const saved = withPlace(null, laptop, { bounds: at(20, 10), maximized: true }, 1);
    const scaled = { ...laptop, workArea: { ...laptop.workArea, width: 1280, height: 775 } };
    expect(placeWindow(saved, [scaled], scaled, WINDOW_SIZE)).toEqual({
      bounds: { x: 0, y: 0, width: 1280, height: 775 },
      maximized: false,
    });
  });

  it('brings a window that is off every screen back onto the primary display, keeping its size', () => {
    // The monitor moved to the left in the arrangement: the saved place is now beyond the right edge.
    const saved = withPlace(null, monitor, { bounds: at(3800, 1300, 1400, 900), maximized: false }, 1);
    const movedMonitor = { ...monitor, workArea: { ...monitor.workArea, x: -2560 } };
    expect(placeWindow(saved, [laptop, movedMonitor], laptop, WINDOW_SIZE)).toEqual({
      bounds: { x: 20, y: 0, width: 1400, height: 875 },
      maximized: false,
    });
  });

  it('counts a window with only a sliver on screen as off screen', () => {
    const sliver = at(laptop.workArea.width - (MIN_VISIBLE.width - 1), 100);
    const saved = withPlace(null, laptop, { bounds: sliver, maximized: false }, 1);
    const placed = placeWindow(saved, [laptop], laptop, WINDOW_SIZE);
    expect(placed.bounds.x).toBe(70);
    const grabbable = withPlace(null, laptop, { bounds: { ...sliver, x: sliver.x - 1 }, maximized: false }, 1);
    expect(placeWindow(grabbable, [laptop], laptop, WINDOW_SIZE).bounds.x).toBe(sliver.x - 1);
  });

  it('never opens smaller than the desk minimum', () => {
    const saved = withPlace(null, laptop, { bounds: at(10, 10, 300, 200), maximized: false }, 1);
    expect(placeWindow(saved, [laptop], laptop, WINDOW_SIZE).bounds).toEqual(at(10, 10, WINDOW_SIZE.minWidth, WINDOW_SIZE.minHeight));
  });

  it(`keeps at most ${MAX_PLACES} displays, forgetting the longest unseen`, () => {
    let saved = null;
    for (let id = 1; id <= MAX_PLACES + 3; id++) saved = withPlace(saved, { ...laptop, id }, { bounds: at(0, 0), maximized: false }, id);
    expect(Object.keys(saved!.places)).toHaveLength(MAX_PLACES);
    expect(saved!.places[displayKey({ ...laptop, id: 1 })]).toBeUndefined();
    expect(saved!.places[displayKey({ ...laptop, id: MAX_PLACES + 3 })]).toBeDefined();
  });
});

describe('saving the place', () => {
  const logger = createLogger({ level: 'error' });
  let userData: string;
  const stateFile = () => join(userData, 'window-state.json');
  const saved = () => JSON.parse(readFileSync(stateFile(), 'utf8')).window;

  function openWindow() {
    const store = openWindowPlaceStore(fake.ipcMain, logger);
    createMainWindow({
      preloadPath: '/app/out/preload/index.cjs',
      entryUrl: 'app://faxbot/index.html',
      appOrigin: 'app://faxbot',
      place: windowPlaceNow(store, fake.screen, WINDOW_SIZE),
    });
    const window = fake.BrowserWindow.created.at(-1)!;
    const stop = rememberWindowPlace(window as never, fake.screen, store);
    return { window, store, stop };
  }

  beforeEach(() => {
    userData = mkdtempSync(join(tmpdir(), 'faxbot-window-'));
    fake.app.paths.userData = userData;
    fake.screen.displays = [asFakeDisplay(laptop), asFakeDisplay(monitor)];
    fake.screen.primaryId = laptop.id;
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
    rmSync(userData, { recursive: true, force: true });
  });

  it('writes a moment after the window stops moving, not on every move', () => {
    const { window } = openWindow();
    window.setBounds({ x: 1500, y: 40 });
    window.setBounds({ x: 1600, y: 60 });
    vi.advanceTimersByTime(SAVE_DELAY_MS - 1);
    expect(() => readFileSync(stateFile())).toThrow();
    vi.advanceTimersByTime(1);
    expect(saved()).toMatchObject({
      last: displayKey(monitor),
      places: { [displayKey(monitor)]: { bounds: { x: 1600, y: 60, width: 1280, height: 820 }, maximized: false } },
    });
  });

  it('saves maximized with the normal bounds, and at once on close', () => {
    const { window } = openWindow();
    window.setBounds({ x: 30, y: 20, width: 1100, height: 760 });
    window.maximize();
    window.emit('close', new fake.FakeEvent());
    expect(saved().places[displayKey(laptop)]).toMatchObject({ bounds: { x: 30, y: 20, width: 1100, height: 760 }, maximized: true });
  });

  it('opens the next window where the last one closed, maximizing it when it is ready to show', () => {
    const first = openWindow();
    first.window.setBounds({ x: 1700, y: 90, width: 1500, height: 1000 });
    first.window.maximize();
    first.window.emit('close', new fake.FakeEvent());
    first.stop();

    const { window } = openWindow();
    expect(window.options).toMatchObject({ x: 1700, y: 90, width: 1500, height: 1000 });
    expect(window.isMaximized()).toBe(false);
    window.emit('ready-to-show');
    expect(window.isMaximized()).toBe(true);
    expect(window.shown).toBe(true);
  });

  it('stops saving once stopped', () => {
    const { window, stop } = openWindow();
    window.setBounds({ x: 10 });
    stop();
    vi.advanceTimersByTime(SAVE_DELAY_MS * 2);
    window.emit('close', new fake.FakeEvent());
    expect(() => readFileSync(stateFile())).toThrow();
  });

  it.each([
    ['not JSON', '{"window": {'],
    ['a window entry of the wrong shape', JSON.stringify({ window: { last: 3, places: [] } })],
    [
      'a place with impossible bounds',
      JSON.stringify({ window: { last: null, places: { x: { bounds: at(0, 0, -5, 10), maximized: 'yes' } } } }),
    ],
  ])('opens at the default place when the file holds %s, and saves over it', (_what, text) => {
    writeFileSync(stateFile(), text);
    const { window } = openWindow();
    expect(window.getNormalBounds()).toEqual({ x: 80, y: 28, width: 1280, height: 820 });
    window.emit('close', new fake.FakeEvent());
    expect(saved().last).toBe(displayKey(laptop));
  });

  it('still opens, and remembers for this run, when the file cannot be written', () => {
    const blocked = join(userData, 'not-a-folder');
    writeFileSync(blocked, 'a file where the folder should be');
    fake.app.paths.userData = blocked;
    const warn = vi.fn();
    const store = openWindowPlaceStore(fake.ipcMain, { ...logger, warn } as never);
    const place = { bounds: at(100, 100), maximized: false };
    store.write(withPlace(null, laptop, place, 1));
    expect(warn).toHaveBeenCalled();
    expect(windowPlaceNow(store, fake.screen, WINDOW_SIZE)).toEqual(place);
  });

  it("leaves no electron-store IPC channel open to the page: only the contract's channels", () => {
    openWindowPlaceStore(fake.ipcMain, logger);
    expect(fake.ipcMain.listeners.has('electron-store-get-data')).toBe(false);
  });
});
