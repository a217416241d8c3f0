// The main-process wiring, end to end: the shell starts against the fake 'electron' module
// and a real engine on a temporary data folder (real SQLite, the built-in simulator), and
// the tests call the IPC handlers the way Electron would.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_EVENT_CHANNEL, OPERATION_NAMES, ipcChannel, type RpcReply } from '../../shared/contract';
import { keepLogLine } from '../support/testLog';

vi.mock('electron', async () => await import('./fakeElectron'));
const fake = await import('./fakeElectron');
const { startFaxbotShell, REFUSED_REPLY } = await import('../../main/electron/index');
const { faultPointsEnabled } = await import('../../main/engine');
type Shell = NonNullable<Awaited<ReturnType<typeof startFaxbotShell>>>;

const root = mkdtempSync(join(tmpdir(), 'faxbot-shell-'));
const dataDir = join(root, 'data');
// A fast simulator; the short status poll covers an engine race where the simulator's
// report can arrive before the queue has recorded the provider's fax id (reported to lead).
const env = {
  FAX_BACKEND: 'simulator',
  FAXBOT_SIMULATOR_TIME_SCALE: '0.01',
  FAXBOT_STATUS_POLL_MS: '100',
  FAXBOT_LOG_LEVEL: 'error',
  FAXBOT_PORT: '0',
  FAXBOT_WEBHOOK_PORT: '0',
};
const paths = { preloadPath: join(root, 'out/preload/index.cjs'), rendererDir: join(root, 'out/renderer') };
let shell: Shell;

/** Waits until `check` passes: re-checked on every engine event and every few ms. */
function until(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = () => {
      if (check()) return resolve();
      if (Date.now() - started > timeoutMs) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(tick, 10);
    };
    tick();
  });
}

function window() {
  return fake.BrowserWindow.created.at(-1)!;
}

/** Calls an operation the way Electron would, from a given frame. */
async function invoke(name: string, payload: unknown, from: { sender?: unknown; senderFrame?: unknown } = {}): Promise<RpcReply<unknown>> {
  const handler = fake.ipcMain.handlers.get(ipcChannel(name as never));
  if (!handler) throw new Error(`no handler for ${name}`);
  const wc = window().webContents;
  const event = { sender: 'sender' in from ? from.sender : wc, senderFrame: 'senderFrame' in from ? from.senderFrame : wc.mainFrame };
  return (await handler(event, payload)) as RpcReply<unknown>;
}

beforeAll(async () => {
  fake.app.paths.userData = join(root, 'userData');
  // The app's root, where build/ holds the icons (as `electron .` runs it).
  fake.app.appPath = process.cwd();
  const starting = startFaxbotShell({ ...paths, writeLog: keepLogLine, argv: ['electron', '.', '--data-dir', dataDir], env });
  fake.app.becomeReady();
  const started = await starting;
  if (!started) throw new Error(`the shell did not start: ${JSON.stringify(fake.dialog.errors)}`);
  shell = started;
});

afterAll(async () => {
  await shell?.engine.close();
  rmSync(root, { recursive: true, force: true });
});

describe('starting', () => {
  it("registers app:// before ready, serves the renderer, and keeps Chromium's profile with the data folder", () => {
    expect(fake.protocol.privileged).toContainEqual(expect.objectContaining({ scheme: 'app' }));
    expect(fake.protocol.handlers.has('app')).toBe(true);
    expect(fake.app.getPath('userData')).toBe(join(dataDir, 'electron-profile'));
    expect(shell.engine.config.dataDir).toBe(dataDir);
  });

  it('opens one secure window on app://faxbot with the built preload', () => {
    expect(fake.BrowserWindow.created).toHaveLength(1);
    expect(window().loadedUrl).toBe('app://faxbot/index.html');
    expect(window().options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      preload: paths.preloadPath,
    });
    expect(fake.session.defaultSession.headersListener).not.toBeNull();
  });

  it('gives the window and the tray the drawn icons, and keeps fault points for the development build', () => {
    if (process.platform === 'linux') expect(window().options.icon).toBe(join(process.cwd(), 'build/icons/512x512.png'));
    const tray = fake.Tray.created.at(-1)!;
    const image = tray.image as { path: string; width: number; isEmpty(): boolean };
    expect(image.isEmpty()).toBe(false);
    expect(image.path).toBe(join(process.cwd(), 'build/tray', process.platform === 'darwin' ? 'trayTemplate.png' : 'tray.png'));
    expect(image.width).toBe(16);
    expect(faultPointsEnabled()).toBe(true);
  });

  it("remembers the window's place beside Chromium's profile in the data folder", () => {
    const file = join(dataDir, 'electron-profile', 'window-state.json');
    window().setBounds({ x: 40, y: 30 });
    window().emit('close', new fake.FakeEvent());
    expect(existsSync(file)).toBe(true);
    expect(JSON.parse(readFileSync(file, 'utf8')).window.places).toEqual({
      '1@1920x1050': { bounds: { x: 40, y: 30, width: 1280, height: 820 }, maximized: false, savedAt: expect.any(Number) },
    });
  });

  it('has a menu with New Fax, and no reload outside development', () => {
    const template = (
      fake.Menu.application as {
        template: Array<{ label?: string; role?: string; submenu?: Array<{ label?: string; role?: string; accelerator?: string }> }>;
      }
    ).template;
    const file = template.find((item) => item.label === 'File')!;
    expect(file.submenu![0]).toMatchObject({ label: 'New Fax', accelerator: 'CmdOrCtrl+N' });
    const roles = template.flatMap((item) => item.submenu ?? []).map((item) => item.role);
    expect(roles).not.toContain('reload');
    expect(roles).not.toContain('toggleDevTools');
  });

  it('refuses a second Faxbot on the same data folder', async () => {
    fake.app.singleInstance = false;
    // Only the second process quits; the fake app is shared with the running one.
    const quit = vi.spyOn(fake.app, 'quit').mockImplementation(() => {});
    try {
      await expect(
        startFaxbotShell({ ...paths, writeLog: keepLogLine, argv: ['electron', '.', '--data-dir', dataDir], env }),
      ).resolves.toBeNull();
      expect(quit).toHaveBeenCalledTimes(1);
      expect(fake.BrowserWindow.created).toHaveLength(1);
    } finally {
      quit.mockRestore();
      fake.app.singleInstance = true;
    }
  });

  it('tells the person, and exits, when the engine cannot start', async () => {
    const before = fake.dialog.errors.length;
    const result = await startFaxbotShell({
      writeLog: keepLogLine,
      ...paths,
      argv: ['electron', '.', '--data-dir', join(root, 'other')],
      env: { ...env, FAXBOT_PORT: 'eighty' },
    });
    expect(result).toBeNull();
    expect(fake.app.exitCode).toBe(1);
    expect(fake.dialog.errors.slice(before)).toEqual([
      { title: 'Faxbot could not start', content: expect.stringContaining('FAXBOT_PORT=eighty') },
    ]);
    fake.app.exitCode = null;
  });
});

describe('the IPC binding', () => {
  it('has exactly one handler per operation and no other', () => {
    expect([...fake.ipcMain.handlers.keys()].sort()).toEqual(OPERATION_NAMES.map(ipcChannel).sort());
  });

  it('passes a good call from our page to the real engine', async () => {
    const reply = await invoke('getStatus', {});
    expect(reply).toMatchObject({ ok: true, result: { dataDir, headless: false, unreadFaxes: 0 } });
  });

  it('answers a bad payload with field errors, before the engine runs', async () => {
    const reply = await invoke('getJob', { id: '../../etc/passwd' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { id: expect.any(String) } } });
    const sendReply = await invoke('sendFax', { to: 5, documentIds: [] });
    expect(sendReply).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', fields: { to: expect.any(String), documentIds: expect.any(String) } },
    });
    for (const junk of ['text', 42, [1, 2], { maxAttempts: 'many' }, { concurrency: 1e9 }]) {
      expect(await invoke('updateSettings', junk), JSON.stringify(junk)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
  });

  it('refuses calls from a subframe, another page or a vanished frame, and they never reach the engine', async () => {
    const wc = window().webContents;
    const foreign = [
      { senderFrame: new fake.FakeFrame('app://faxbot/index.html', wc.mainFrame) },
      { senderFrame: new fake.FakeFrame('https://evil.example/', null, wc.mainFrame.processId, wc.mainFrame.routingId) },
      { senderFrame: null },
      { sender: new fake.FakeWebContents('app://faxbot/index.html') },
    ];
    for (const from of foreign) {
      const reply = await invoke('updateSettings', { stationName: 'Intruder' }, from);
      expect(reply).toEqual(REFUSED_REPLY);
    }
    const settings = await invoke('getSettings', {});
    expect(settings).toMatchObject({ ok: true });
    expect((settings as { result: { stationName: string } }).result.stationName).not.toBe('Intruder');
  });

  it('refuses calls once our own page has navigated elsewhere', async () => {
    const frame = window().webContents.mainFrame;
    frame.url = 'https://evil.example/';
    try {
      expect(await invoke('getStatus', {})).toEqual(REFUSED_REPLY);
    } finally {
      frame.url = 'app://faxbot/index.html';
    }
  });
});

describe('a received fax', () => {
  it('reaches the page as an event, raises a notification, and shows in the title and tray', async () => {
    const shownBefore = fake.Notification.shown.length;
    const staged = await invoke('stageDocument', {
      fileName: 'note.txt',
      contentBase64: Buffer.from('Please call me back.').toString('base64'),
    });
    expect(staged).toMatchObject({ ok: true });
    const documentId = (staged as { result: { documentId: string } }).result.documentId;
    // The simulator's loopback number: a fax sent there arrives back in the Inbox.
    const sent = await invoke('sendFax', { to: '+12025550100', documentIds: [documentId] });
    expect(sent).toMatchObject({ ok: true });

    await until(() => window().title === '(1) Faxbot', 'the unread count in the title');
    const tray = fake.Tray.created.at(-1)!;
    expect(tray.tooltip).toBe('Faxbot — 1 unread fax');
    expect(tray.menu!.template.map((item) => item.label)).toEqual(expect.arrayContaining(['Show Faxbot', 'Send a fax', 'Quit Faxbot']));

    const notices = fake.Notification.shown.slice(shownBefore);
    expect(notices).toHaveLength(1);
    expect(notices[0].options).toMatchObject({
      title: 'Fax received',
      // No practice name is set on the sending station: the sender is its number.
      body: expect.stringMatching(/^From \(202\) 555-0100, \d+ pages?\.$/),
    });
    window().shown = false;
    notices[0].emit('click');
    expect(window().shown).toBe(true);

    const events = window()
      .webContents.sent.filter((m) => m.channel === IPC_EVENT_CHANNEL)
      .map((m) => m.args[0] as { event: string; payload: { id: string } });
    expect(events.map((e) => e.event)).toEqual(expect.arrayContaining(['jobChanged', 'faxReceived']));
    const received = events.find((e) => e.event === 'faxReceived')!;

    const read = await invoke('markInboundRead', { id: received.payload.id });
    expect(read).toMatchObject({ ok: true, result: { read: true } });
    await until(() => window().title === 'Faxbot', 'the title without an unread count');
    expect(tray.tooltip).toBe('Faxbot — no unread faxes');
  });

  it('"Send a fax" in the tray brings the window forward and asks the page for a new fax', () => {
    const tray = fake.Tray.created.at(-1)!;
    const scripts = window().webContents.scripts.length;
    tray.menu!.template.find((item) => item.label === 'Send a fax')!.click!();
    expect(window().webContents.scripts.length).toBe(scripts + 1);
  });
});

describe('quitting', () => {
  it('brings the window forward when Faxbot is started again', () => {
    window().shown = false;
    fake.app.emit('second-instance', {}, [], '');
    expect(window().shown).toBe(true);
  });

  it('closes the engine before the app exits', async () => {
    const quits = fake.app.quitCalls;
    fake.app.quit();
    await until(() => fake.app.quitCalls === quits + 2, 'the app to quit again after the engine closed');
    await expect(shell.engine.call('getStatus', {})).rejects.toMatchObject({ message: expect.stringMatching(/shutting down/) });
    expect(fake.ipcMain.handlers.size).toBe(0);
  });
});
